"""The demo's zone assessment: two years of 济北开发区 among five peers, built once however often the demo runs."""

from taizhang.core import clock
from taizhang.imports.models import ImportBatch
from taizhang.people import demo_zone, selectors_zone


def test_the_demo_imports_two_years_once_and_the_zone_is_ranked_among_six(district_zone, world):
    world.xinshi.name = demo_zone.ZONE
    world.xinshi.save(update_fields=["name"])
    said = []
    for _ in range(2):
        demo_zone.build(nodes={(demo_zone.ZONE,): world.xinshi}, seed=7, write=said.append)
    assert ImportBatch.objects.filter(ledger="people.zone_figures").count() == 2 and len(said) == 2
    result = selectors_zone.assessment(world.xinshi, clock.today().year - 1)
    assert len(result.rows) == 6 and result.own == demo_zone.ZONE and 1 <= result.own_row.rank <= 6
    gap = next(r for r in result.rows if r.zone == demo_zone.PEERS[-1]).cells[4]
    assert (gap.value, gap.rank) == (None, 6)
