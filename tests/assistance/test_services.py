"""Assisted households, helpers and visits as the services record them."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from taizhang.assistance.households import assisted_mark, helpers_assign
from taizhang.assistance.models import Category, HelperAssignment, Visit
from taizhang.assistance.selectors import helpers_on
from taizhang.assistance.visit_rules import rule_version_create
from taizhang.assistance.visits import visit_void
from taizhang.audit.models import AuditEntry
from taizhang.core.models import RecordStatus
from taizhang.registry.models import Household
from tests.assistance.conftest import household, local, visit

DAY = date(2026, 3, 5)


def test_only_the_units_admin_marks_a_household_assisted(seeded):
    xs003 = Household.objects.get(household_no="XS002")
    for actor in (seeded.xs_worker, seeded.jy_admin, seeded.leader):
        with pytest.raises(PermissionDenied):
            assisted_mark(
                actor=actor,
                household=xs003,
                category=Category.MONITORED,
                start_date=DAY,
                helpers=[seeded.wenshao_worker],
            )
    assisted = assisted_mark(
        actor=seeded.xs_admin,
        household=xs003,
        category=Category.MONITORED,
        start_date=DAY,
        helpers=[seeded.wenshao_worker],
    )
    assert assisted.unit_id == seeded.xinshi.id and assisted.community_id == seeded.wenshao.id
    entry = AuditEntry.objects.get(object_type="assistance.household", object_id=str(assisted.pk))
    assert entry.household_id == xs003.pk and entry.changes["帮扶责任人"] == [None, "孙帮扶"]


def test_a_helper_must_be_staff_of_the_unit_and_a_household_is_assisted_once(assisted):
    xs001 = Household.objects.get(household_no="XS001")
    with pytest.raises(ValidationError, match="已是帮扶户"):
        assisted_mark(
            actor=assisted.xs_admin,
            household=xs001,
            category=Category.MONITORED,
            start_date=DAY,
            helpers=[assisted.xs_worker],
        )
    with pytest.raises(ValidationError, match="不是本单位在岗人员"):
        helpers_assign(actor=assisted.xs_admin, assisted=household("XS001"), helpers=[assisted.jy_worker], on=DAY)


def test_reassigning_helpers_keeps_the_history(assisted):
    xs001 = household("XS001")
    helpers_assign(actor=assisted.xs_admin, assisted=xs001, helpers=[assisted.xs_group_leader], on=DAY)
    old, new = HelperAssignment.objects.filter(assisted=xs001).order_by("start_date")
    assert (old.helper, old.end_date) == (assisted.xs_worker, DAY - timedelta(days=1))
    assert (new.helper, new.start_date, new.end_date) == (assisted.xs_group_leader, DAY, None)
    assert helpers_on(xs001, DAY - timedelta(days=1)) == [assisted.xs_worker]
    assert helpers_on(xs001, DAY) == [assisted.xs_group_leader]
    entry = AuditEntry.objects.filter(object_type="assistance.household", action=AuditEntry.Action.UPDATE).get()
    assert entry.changes["帮扶责任人"] == ["张帮扶", "刘组长"]


def test_a_helper_records_a_visit_with_its_duration_and_an_audit_entry(assisted):
    recorded = visit(assisted.xs_worker, "XS001", DAY, "09:00", 45, values={"water": "ok", "notes": "了解务工情况"})
    assert (recorded.minutes, recorded.visit_date, recorded.recorded_by) == (45, DAY, assisted.xs_worker)
    assert list(recorded.helpers.all()) == [assisted.xs_worker]
    entry = AuditEntry.objects.get(object_type="assistance.visit", object_id=str(recorded.pk))
    assert entry.changes["时长（分钟）"] == [None, 45] and entry.changes["拧拧水管"] == [None, "正常"]
    assert entry.changes["是否计入"] == [None, "计入"] and entry.household_id == recorded.assisted.household_id


def test_a_short_visit_is_kept_and_marked_not_counted(assisted):
    recorded = visit(assisted.xs_worker, "XS001", DAY, "09:00", 29)
    assert recorded.status == RecordStatus.ACTIVE
    entry = AuditEntry.objects.get(object_type="assistance.visit", object_id=str(recorded.pk))
    assert entry.changes["是否计入"] == [None, "不计入：走访时长 29 分钟，不足 30 分钟"]


def test_someone_who_is_not_the_households_helper_cannot_record(assisted):
    with pytest.raises(PermissionDenied, match="不是户 XS002"):
        visit(assisted.xs_worker, "XS002", DAY, "09:00", 40)
    assert not Visit.objects.exists()


def test_the_unit_admin_records_for_the_helper_but_not_for_a_stranger(assisted):
    recorded = visit(assisted.xs_admin, "XS001", DAY, "09:00", 40, visitors=[assisted.xs_worker])
    assert recorded.recorded_by == assisted.xs_admin
    with pytest.raises(ValidationError, match="不是该户"):
        visit(assisted.xs_admin, "XS001", DAY, "14:00", 40, visitors=[assisted.wenshao_worker])


@pytest.mark.parametrize(
    "start, minutes, message",
    [
        ("09:00", -10, "结束时间必须晚于开始时间"),
        ("09:00", 0, "结束时间必须晚于开始时间"),
    ],
)
def test_impossible_times_are_refused(assisted, start, minutes, message):
    with pytest.raises(ValidationError, match=message):
        visit(assisted.xs_worker, "XS001", DAY, start, minutes)


def test_a_visit_in_the_future_is_refused(assisted):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError, match="不能晚于现在"):
        visit(assisted.xs_worker, "XS001", tomorrow, "09:00", 40)


def test_a_visit_before_the_assistance_began_is_refused(assisted):
    with pytest.raises(ValidationError, match="不在帮扶期内"):
        visit(assisted.xs_worker, "XS001", date(2024, 12, 31), "09:00", 40)


def test_one_helper_cannot_be_in_two_homes_at_once(assisted):
    helpers_assign(
        actor=assisted.xs_admin,
        assisted=household("XS002"),
        helpers=[assisted.wenshao_worker, assisted.xs_worker],
        on=date(2026, 1, 1),
    )
    visit(assisted.xs_worker, "XS001", DAY, "23:30", 60)  # until 00:30 the next day
    with pytest.raises(ValidationError, match="同一人不能同时在两户走访"):
        visit(assisted.xs_worker, "XS002", DAY + timedelta(days=1), "00:10", 40)
    visit(assisted.xs_worker, "XS002", DAY + timedelta(days=1), "00:30", 40)  # right after: fine
    visit(assisted.wenshao_worker, "XS002", DAY, "23:40", 40)  # another helper at the same time: fine


def test_a_resent_form_creates_one_visit(assisted):
    first = visit(assisted.xs_worker, "XS001", DAY, "09:00", 40, idempotency_key="k-1")
    again = visit(assisted.xs_worker, "XS001", DAY, "09:00", 40, idempotency_key="k-1")
    assert again.pk == first.pk and Visit.objects.count() == 1
    assert AuditEntry.objects.filter(object_type="assistance.visit").count() == 1


def test_voiding_needs_a_reason_and_the_recorder_or_the_admin(assisted):
    recorded = visit(assisted.xs_worker, "XS001", DAY, "09:00", 40)
    with pytest.raises(PermissionDenied):
        visit_void(actor=assisted.wenshao_worker, visit=recorded, reason="错录")
    with pytest.raises(ValidationError, match="作废原因"):
        visit_void(actor=assisted.xs_worker, visit=recorded, reason=" ")
    voided = visit_void(actor=assisted.xs_admin, visit=recorded, reason="重复登记")
    assert voided.status == RecordStatus.VOIDED and voided.void_reason == "重复登记"
    assert AuditEntry.objects.filter(object_type="assistance.visit", action=AuditEntry.Action.VOID).count() == 1


def test_rule_versions_are_the_admins_and_one_per_day(assisted):
    with pytest.raises(PermissionDenied):
        rule_version_create(
            actor=assisted.xs_worker, unit=assisted.xinshi, effective_from=DAY, min_visits_per_month=3, min_minutes=40
        )
    rule_version_create(
        actor=assisted.xs_admin, unit=assisted.xinshi, effective_from=DAY, min_visits_per_month=3, min_minutes=40
    )
    with pytest.raises(ValidationError, match="已有一版规则"):
        rule_version_create(
            actor=assisted.xs_admin, unit=assisted.xinshi, effective_from=DAY, min_visits_per_month=2, min_minutes=30
        )


def test_local_helper_builds_aware_times():
    assert timezone.is_aware(local(DAY, "09:00"))
