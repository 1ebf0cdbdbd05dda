"""链长制 services and reads beyond the pages: who may write, the SQL gap counts agreeing with the rule on random
placements, and the inbox's 招商目标跟进."""

import random
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.enterprise import chains as services
from taizhang.enterprise import selectors_chains
from taizhang.enterprise.models import ChainLink, Enterprise
from taizhang.enterprise.rules import chains as rules
from taizhang.hub import tasks


def test_a_district_leader_reads_the_chains_but_writes_nothing(ez, login, world):
    client = login(world.leader)
    assert client.get(f"/enterprise/chains/{ez.food_chain.pk}/").status_code == 200
    assert "落位企业" not in client.get(f"/enterprise/chains/{ez.food_chain.pk}/").content.decode()
    assert client.post(f"/enterprise/links/{ez.links['冷链物流'].pk}/place/", {}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.placement_add(actor=world.leader, link=ez.links["冷链物流"], enterprise=ez.enterprises[0])
    with pytest.raises(PermissionDenied):
        services.link_create(actor=ez.officer, chain=ez.food_chain, name="包装材料", position="up")


def test_an_enterprise_of_another_unit_cannot_be_placed(ez, jy_enterprise):
    with pytest.raises(ValidationError, match="不是本单位的企业"):
        services.placement_add(actor=None, link=ez.links["冷链物流"], enterprise=jy_enterprise)


def test_the_sql_gap_counts_agree_with_the_rule_on_random_placements(ez, world):
    rng = random.Random(12)
    links = [
        ChainLink.objects.create(
            unit=ez.unit, chain=ez.food_chain, name=f"环节{n}", position=rng.choice(["up", "mid", "down"])
        )
        for n in range(8)
    ]
    for round_ in range(4):
        for enterprise in ez.enterprises:
            enterprise.links.set(rng.sample(links, k=rng.randint(0, 3)))
            enterprise.status = rng.choice(["active", "active", "left"])
            enterprise.save(update_fields=["status"])
        placements = [(link.pk, e.status) for e in Enterprise.objects.filter(unit=ez.unit) for link in e.links.all()]
        chain_links = list(ez.food_chain.links.values_list("pk", flat=True))
        expected = rules.gaps(chain_links, placements)
        row = next(r for r in selectors_chains.chain_rows(world.xs_admin) if r.chain.pk == ez.food_chain.pk)
        assert row.gaps == len(expected), round_
        assert {v.link.pk for v in selectors_chains.chain_map(ez.food_chain).gaps} == expected
        section_gaps = {
            link.pk for chain, _, gaps in selectors_chains.enterprise_chains(ez.enterprises[0]) for link in gaps
        }
        assert section_gaps in (expected, set())  # empty when the enterprise is on no food link this round


def test_a_target_whose_next_step_is_near_or_past_is_in_its_officers_inbox(ez, world):
    today = date(2020, 10, 1)
    near = services.target_create(
        actor=None, link=ez.links["冷链物流"], company="近期目标", officer=ez.officer, next_on=today + timedelta(days=3)
    )
    services.target_create(
        actor=None,
        link=ez.links["冷链物流"],
        company="远期目标",
        officer=ez.officer,
        next_on=today + timedelta(days=30),
    )
    late = services.target_create(
        actor=None, link=ez.links["冷链物流"], company="逾期目标", officer=ez.officer, next_on=today - timedelta(days=2)
    )
    services.target_create(
        actor=None, link=ez.links["冷链物流"], company="别人的目标", officer=world.xs_admin, next_on=today
    )
    found = tasks.collect(ez.officer, today=today, kind="enterprise.chain-target")
    assert [t.subject.split(" · ")[0] for t in found] == ["逾期目标", "近期目标"]
    assert found[0].url == f"/enterprise/targets/{late.pk}/edit/" and found[0].overdue(today)
    counts = tasks.counts(ez.officer, today=today)["enterprise.chain-target"]
    assert (counts.total, counts.overdue) == (2, 1)
    services.target_set_status(actor=ez.officer, target=near, status="project", next_on=near.next_on)
    assert len(tasks.collect(ez.officer, today=today, kind="enterprise.chain-target")) == 1
