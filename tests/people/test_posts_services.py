"""Posts and contracts through their services: each write audited, refusals in Chinese, renewal and ending."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.audit.models import AuditEntry
from taizhang.people import contracts
from taizhang.people.models import Contract, Post

D = Decimal


def _kong(zone, i) -> Contract:
    return Contract.objects.get(user=zone.staff[i])


def test_the_committee_creates_a_post_and_the_trail_records_it(zone):
    post = contracts.post_create(
        actor=zone.committee, department=zone.office, name="档案管理岗", grade="九级", monthly_pay=D(3800), headcount=1
    )
    entry = AuditEntry.objects.get(object_type="people.post", object_id=str(post.pk))
    assert entry.changes["岗位名称"] == [None, "档案管理岗"] and entry.unit_id == zone.office.parent_id


def test_a_post_name_is_unique_in_its_department(zone):
    with pytest.raises(ValidationError, match="已有岗位"):
        contracts.post_create(
            actor=zone.committee, department=zone.office, name="综合文秘岗", monthly_pay=D(1), headcount=1
        )


def test_another_units_admin_may_not_set_up_posts(zone, world):
    with pytest.raises(PermissionDenied):
        contracts.post_create(actor=world.jy_admin, department=zone.office, name="X", monthly_pay=D(1), headcount=1)
    with pytest.raises(PermissionDenied):
        contracts.post_create(actor=zone.staff[0], department=zone.office, name="X", monthly_pay=D(1), headcount=1)


def test_a_post_someone_holds_cannot_be_deactivated(in_term, zone):
    with pytest.raises(ValidationError, match="还有在聘人员"):
        contracts.post_set_active(actor=zone.committee, post=zone.head_post, active=False, reason="撤并")
    empty = Post.objects.create(
        unit=zone.office.parent, department=zone.office, name="空岗", monthly_pay=D(1), headcount=1
    )
    contracts.post_set_active(actor=zone.committee, post=empty, active=False, reason="撤并")
    assert not Post.objects.get(pk=empty.pk).is_active
    assert AuditEntry.objects.get(object_type="people.post", action=AuditEntry.Action.DEACTIVATE).reason == "撤并"


def test_a_contract_overlapping_the_persons_active_one_is_refused(zone):
    with pytest.raises(ValidationError, match="已有在聘合同（综合文秘岗"):
        contracts.contract_create(
            actor=zone.committee,
            user=zone.staff[0],
            post=zone.officer_post,
            starts_on=date(2022, 6, 1),
            ends_on=date(2025, 5, 31),
            monthly_pay=D(5000),
            shares=[D(30), D(35), D(40)],
        )


def test_a_contracts_shares_must_match_its_years(zone, world):
    from taizhang.staff.services import staff_create

    new = staff_create(actor=None, node=zone.office, username="kong6", full_name="孔六", role="field_worker")
    with pytest.raises(ValidationError) as caught:
        contracts.contract_create(
            actor=zone.committee,
            user=new,
            post=zone.clerk_post,
            starts_on=date(2021, 1, 1),
            ends_on=date(2023, 12, 31),
            monthly_pay=D(4000),
            shares=[D(30), D(35)],
        )
    assert "共 3 个" in caught.value.messages[0]
    contract = contracts.contract_create(
        actor=zone.committee,
        user=new,
        post=zone.clerk_post,
        starts_on=date(2021, 1, 1),
        ends_on=date(2023, 12, 31),
        monthly_pay=D(4000),
        shares=[D(30), D("35.5"), D(40)],
    )
    assert contract.performance_shares == ["30", "35.5", "40"] and contract.department_id == zone.office.pk
    assert contract.share_on(date(2022, 3, 1)) == D("35.5")


def test_a_renewal_starts_the_day_after_and_marks_the_old_contract_renewed(zone):
    old = _kong(zone, 0)
    new = contracts.contract_renew(
        actor=zone.committee, contract=old, ends_on=date(2025, 12, 31), monthly_pay=D(4200), shares=[D(40)] * 3
    )
    old.refresh_from_db()
    assert (new.starts_on, new.renewal_of_id, old.status) == (date(2023, 1, 1), old.pk, Contract.Status.RENEWED)
    assert AuditEntry.objects.filter(object_type="people.contract", object_id=str(new.pk)).get().reason == (
        f"续聘自合同 {old.pk}"
    )
    with pytest.raises(ValidationError, match="只有在聘的合同"):
        contracts.contract_renew(
            actor=zone.committee, contract=old, ends_on=date(2025, 12, 31), monthly_pay=D(1), shares=[D(1)] * 3
        )


def test_an_ended_contract_cannot_be_renewed_and_the_ending_is_withdrawable_for_a_week(zone, clock):
    clock.set(date(2021, 5, 10))
    contract = contracts.contract_end(
        actor=zone.committee, contract=_kong(zone, 2), ended_on=date(2021, 5, 31), reason="考核不合格"
    )
    assert contracts.renewal_blocker(contract) == "该合同已解聘，不能续聘"
    with pytest.raises(ValidationError, match="已解聘，不能续聘"):
        contracts.contract_renew(
            actor=zone.committee, contract=contract, ends_on=date(2025, 12, 31), monthly_pay=D(1), shares=[D(1)] * 3
        )
    clock.advance(days=8)
    with pytest.raises(ValidationError, match="7 天内"):
        contracts.contract_end_withdraw(actor=zone.committee, contract=contract, reason="误操作")
    clock.advance(days=-1)
    contracts.contract_end_withdraw(actor=zone.committee, contract=contract, reason="误操作")
    contract.refresh_from_db()
    assert contract.status == Contract.Status.ACTIVE and contract.ended_on is None
    trail = AuditEntry.objects.filter(object_type="people.contract", object_id=str(contract.pk)).order_by("id")
    assert [e.reason for e in trail] == ["考核不合格", "撤回解聘：误操作"]


def test_an_ending_outside_the_term_is_refused(zone, in_term):
    with pytest.raises(ValidationError, match="聘期之内"):
        contracts.contract_end(actor=zone.committee, contract=_kong(zone, 1), ended_on=date(2030, 1, 1), reason="到期")


def test_the_committee_is_told_of_contracts_ending_within_90_days(zone):
    from taizhang.hub.tasks import Audience
    from taizhang.people.tasks_posts import ending_contracts, ending_count

    today = date(2022, 12, 31) - timedelta(days=90)
    tasks = ending_contracts(Audience(zone.committee, today))
    assert len(tasks) == 5 and tasks[0].due == date(2022, 12, 31)
    assert ending_count(Audience(zone.committee, today)).total == 5
    assert ending_contracts(Audience(zone.committee, today - timedelta(days=1))) == []
    assert ending_contracts(Audience(zone.staff[0], today)) == []
