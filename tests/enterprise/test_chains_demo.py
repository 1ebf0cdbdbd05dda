"""The demo's 链长制 on the test zone: the three chains' links, placements leaving gaps, targets for each gap; a
second run changes nothing."""

from datetime import date

from taizhang.audit.models import AuditEntry
from taizhang.enterprise import demo_chains, selectors_chains
from taizhang.enterprise.models import Chain, ChainLink, ChainTarget, Enterprise


def _state(unit):
    links = sorted(ChainLink.objects.filter(unit=unit).values_list("chain__name", "name", "position"))
    placed = sorted(Enterprise.links.through.objects.filter(chainlink__unit=unit).values_list("pk", flat=True))
    targets = sorted(ChainTarget.objects.filter(unit=unit).values_list("link_id", "company", "status", "next_on"))
    return links, placed, targets, AuditEntry.objects.count()


def test_the_demo_builds_every_chain_with_gaps_and_targets_and_runs_twice_to_the_same(ez):
    demo_chains.build(unit=ez.unit, seed=7, today=date(2020, 10, 1))
    first = _state(ez.unit)
    demo_chains.build(unit=ez.unit, seed=7, today=date(2020, 10, 1))
    assert _state(ez.unit) == first
    chains = {c.name: c for c in Chain.objects.filter(unit=ez.unit)}
    assert set(chains) == {"食品饮料", "智能制造", "特医食品"}
    assert [link.name for link in chains["特医食品"].links.order_by("sort_order")] == [
        "原料与配方",
        "临床评价",
        "特医生产",
        "医院渠道",
    ]
    assert chains["食品饮料"].links.count() == 6 and chains["智能制造"].links.count() == 5
    for chain in chains.values():
        gaps = selectors_chains.chain_map(chain).gaps
        assert gaps and all(v.targets for v in gaps), chain.name


def test_the_demo_places_a_chains_enterprises_leaving_two_or_three_gaps(world):
    unit = world.xinshi
    chain = Chain.objects.create(unit=unit, name="智能制造")
    for n in range(6):
        Enterprise.objects.create(unit=unit, uscc=f"X{n}", name=f"智造{n}", chain=chain)
    demo_chains.build(unit=unit, seed=3, today=date(2020, 10, 1))
    gaps = selectors_chains.chain_map(chain).gaps
    assert 2 <= len(gaps) <= 3
    assert all(e.links.filter(chain=chain).exists() for e in Enterprise.objects.filter(chain=chain))


def test_the_demo_does_not_fail_without_enterprises(world):
    demo_chains.build(unit=world.jiyang, seed=1, today=date(2020, 10, 1))
    assert ChainLink.objects.filter(unit=world.jiyang).count() == 15
