"""A contract past its end day is 期满 without anyone marking it: it reads and counts so on every page, count and
to-do, and may still be renewed from the day after it ended."""

import re
from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from taizhang.audit.models import AuditEntry
from taizhang.hub.tasks import Audience
from taizhang.people import contracts, selectors, selectors_posts
from taizhang.people.models import Contract
from taizhang.people.tasks_posts import ending_contracts

END = date(2022, 12, 31)  # the zone's contracts end on this day
BEFORE, AFTER = END - timedelta(days=1), END + timedelta(days=1)
S = Contract.Status


@pytest.mark.parametrize(
    ("status", "today", "state"),
    [
        (S.ACTIVE, BEFORE, S.ACTIVE),
        (S.ACTIVE, END, S.ACTIVE),  # the end day is the last day in force
        (S.ACTIVE, AFTER, S.EXPIRED),
        (S.ACTIVE, date(2030, 1, 1), S.EXPIRED),
        (S.EXPIRED, BEFORE, S.EXPIRED),  # marked so by hand stays so
        (S.RENEWED, AFTER, S.RENEWED),
        (S.ENDED, BEFORE, S.ENDED),
        (S.ENDED, AFTER, S.ENDED),
    ],
)
def test_a_contract_reads_expired_only_after_its_end_day_and_the_queries_agree(zone, status, today, state):
    contract = Contract.objects.get(user=zone.staff[0])
    contract.status = status
    contract.save(update_fields=["status"])
    assert contract.state_on(today) == state
    one = Contract.objects.filter(pk=contract.pk)
    assert [s for s in S.values if one.in_state(s, today).exists()] == [state]
    assert one.in_force(today).exists() == (state == S.ACTIVE)


def _home_count(client, label: str) -> int:
    text = client.get("/people/").content.decode()
    return int(re.search(rf'{label}</div><div class="fs-5">(\d+)<', text).group(1))


def test_the_home_counts_vacancies_and_to_do_change_the_day_after_the_end(zone, login, clock):
    client = login(zone.committee)
    clock.set(END)
    assert _home_count(client, "在聘人员") == 5 and _home_count(client, "90天内到期合同") == 5
    assert "综合文秘岗" not in client.get("/people/vacancies/").content.decode()
    assert len(ending_contracts(Audience(zone.committee, END))) == 5
    clock.set(AFTER)
    assert _home_count(client, "在聘人员") == 0 and _home_count(client, "90天内到期合同") == 0
    vacancies = {p.name: p.vacant for p in selectors_posts.vacancies(zone.committee, today=AFTER)}
    assert vacancies == {"综合文秘岗": 2, "经济运行岗": 3, "部长": 1}
    assert "综合文秘岗" in client.get("/people/vacancies/").content.decode()
    assert ending_contracts(Audience(zone.committee, AFTER)) == []
    assert selectors.overview(zone.committee, today=AFTER)["active"] == 0


def test_the_contracts_list_filters_and_badges_by_the_state_read_today(zone, login, clock):
    client = login(zone.committee)
    clock.set(END)
    assert "孔一" in client.get("/people/contracts/?status=active").content.decode()
    assert "孔一" not in client.get("/people/contracts/?status=expired").content.decode()
    clock.set(AFTER)
    expired = client.get("/people/contracts/?status=expired").content.decode()
    assert "孔一" in expired and "孔五" in expired and ">期满</span>" in expired and ">在聘</span>" not in expired
    assert "孔一" not in client.get("/people/contracts/?status=active").content.decode()
    assert "孔一" not in client.get("/people/contracts/?ending=on").content.decode()


def test_the_staff_file_shows_no_current_post_once_the_term_is_over(zone, login, clock):
    client = login(zone.staff[0])
    path = f"/org/staff/{zone.staff[0].pk}/"
    clock.set(END)
    assert "<strong>党政办公室 · 综合文秘岗</strong>" in client.get(path).content.decode()
    clock.set(AFTER)
    text = client.get(path).content.decode()
    assert "无在聘合同" in text and "期满" in text


def test_an_expired_contract_is_renewed_from_the_day_after_it_ended_and_its_post_may_be_retired(zone, login, clock):
    clock.set(date(2023, 3, 1))
    old = Contract.objects.get(user=zone.staff[0])
    page = login(zone.committee).get(f"/people/contracts/{old.pk}/").content.decode()
    assert '<dd class="col-7 col-md-4" id="contract-status">期满</dd>' in page
    assert "续聘</a>" in page and "解聘</a>" not in page  # nothing in force to end
    new = contracts.contract_renew(
        actor=zone.committee, contract=old, ends_on=date(2025, 12, 31), monthly_pay=D(4200), shares=[D(40)] * 3
    )
    old.refresh_from_db()
    assert (new.starts_on, new.state, old.status) == (date(2023, 1, 1), S.ACTIVE, S.RENEWED)
    trail = AuditEntry.objects.get(object_type="people.contract", object_id=str(old.pk))
    assert trail.changes["状态"] == ["期满", "已续聘"]
    contracts.post_set_active(actor=zone.committee, post=zone.head_post, active=False, reason="撤并")  # 孔五's expired


def test_an_expired_contract_cannot_be_ended_by_its_address_either(zone, world, clock):
    from datetime import date

    import pytest
    from django.core.exceptions import ValidationError

    from taizhang.people.contracts import contract_end
    from taizhang.people.models import Contract

    contract = Contract.objects.get(user=zone.staff[0])
    clock.set(date(2023, 1, 10))
    with pytest.raises(ValidationError, match="该合同状态为期满"):
        contract_end(actor=world.xs_admin, contract=contract, ended_on=date(2022, 12, 1), reason="测试")
