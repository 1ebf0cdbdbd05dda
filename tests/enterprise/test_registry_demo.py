"""The module's demo on the test zone's unit: parks, chains, ~150 enterprises with valid codes and three years of
figures through the ledgers, three that left; a second run changes nothing."""

from taizhang.core import clock
from taizhang.enterprise import demo
from taizhang.enterprise.models import Chain, Enterprise, EnterpriseFigure, Park, StatusChange
from taizhang.enterprise.rules import uscc
from taizhang.imports.models import ImportBatch


def _state(unit):
    return (
        sorted(Park.objects.filter(unit=unit).values_list("name", flat=True)),
        sorted(Chain.objects.filter(unit=unit).values_list("name", flat=True)),
        sorted(Enterprise.objects.filter(unit=unit).values_list("uscc", "name", "status", "land_mu")),
        EnterpriseFigure.objects.filter(unit=unit).count(),
        StatusChange.objects.filter(unit=unit).count(),
        ImportBatch.objects.filter(unit=unit).count(),
    )


def test_the_demo_builds_the_zone_and_running_it_twice_changes_nothing(ez):
    lines = []
    demo.build(nodes={(demo.ZONE,): ez.unit}, seed=12, write=lines.append)
    first = _state(ez.unit)
    parks, chains, enterprises, figures, left, batches = first
    assert set(parks) >= {name for name, _ in demo.PARKS} and set(chains) >= set(demo.CHAINS)
    made = Enterprise.objects.filter(unit=ez.unit, import_batch__isnull=False)
    assert made.count() == demo.COUNT and all(uscc.is_valid(e.uscc) for e in made)
    assert all(e.uscc.startswith("91370125") for e in made)
    four_new = sum(e.is_four_new for e in made)
    assert 0.1 * demo.COUNT < four_new < 0.3 * demo.COUNT
    assert made.filter(tag_above_scale=True).exists() and made.filter(tag_high_tech=True).exists()
    years = set(EnterpriseFigure.objects.filter(enterprise__in=made).values_list("year", flat=True))
    this_year = clock.today().year
    assert years == {this_year - 3, this_year - 2, this_year - 1}
    assert left == demo.LEAVING and batches == 4
    assert any("企业名录" in line for line in lines)
    demo.build(nodes={(demo.ZONE,): ez.unit}, seed=12, write=lines.append)
    assert _state(ez.unit) == first


def test_the_demo_of_a_district_without_the_zone_does_nothing(world):
    demo.build(nodes={}, seed=1, write=print)
    assert not Enterprise.objects.exists()


def test_the_demo_calls_the_other_areas_demos_in_order(ez, monkeypatch):
    RECORDED.clear()
    paths = ["tests.enterprise.test_registry_demo.recorder", "tests.enterprise.test_registry_demo.second"]
    monkeypatch.setattr(demo, "AREA_DEMOS", paths)
    monkeypatch.setattr(demo, "COUNT", 3)
    demo.build(nodes={(demo.ZONE,): ez.unit}, seed=3, write=lambda line: None)
    assert list(RECORDED) == [(ez.unit, 3, clock.today()), "second"]


RECORDED: list = []


def recorder(*, unit, seed, today):
    RECORDED.append((unit, seed, today))


def second(*, unit, seed, today):
    RECORDED.append("second")
