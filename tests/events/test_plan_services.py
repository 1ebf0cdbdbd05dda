"""Planning through the services: checked (another unit, a field worker), audited, refusing what would be wrong."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.audit.models import AuditEntry
from taizhang.events import plan, plan_budget, selectors_plan
from taizhang.events.models import Session, SignUp, Spending, StaffAssignment
from tests.events.fixtures_plan import planned_fixture  # noqa: F401  (the fixture `planned`)


def _audits(object_type: str, record_or_pk) -> list[str]:
    pk = getattr(record_or_pk, "pk", record_or_pk)
    found = AuditEntry.objects.filter(object_type=object_type, object_id=str(pk)).order_by("pk")
    return list(found.values_list("action", flat=True))


def test_an_assignment_is_audited_and_removed_with_its_reason(planned):
    pk = planned.signin.pk
    plan.assignment_remove(actor=planned.festival.admin, assignment=planned.signin, reason="临时借调")
    assert not StaffAssignment.objects.filter(pk=pk).exists()
    assert _audits("events.assignment", pk) == [AuditEntry.Action.CREATE, AuditEntry.Action.VOID]
    last = AuditEntry.objects.filter(object_type="events.assignment").latest("pk")
    assert last.reason == "临时借调" and last.unit_id == planned.festival.event.unit_id


def test_removing_an_assignment_needs_a_reason(planned):
    with pytest.raises(ValidationError):
        plan.assignment_remove(actor=planned.festival.admin, assignment=planned.signin, reason=" ")


def test_another_unit_s_staff_cannot_be_assigned(world, festival):
    with pytest.raises(ValidationError) as refused:
        plan.assignment_create(actor=festival.admin, event=festival.event, user=world.jy_worker, duty="安保")
    assert "不是新市镇的在岗工作人员" in str(refused.value)


def test_a_field_worker_and_another_unit_s_admin_may_not_plan(world, festival):
    for actor in (world.xs_worker, world.jy_admin):
        with pytest.raises(PermissionDenied):
            plan.assignment_create(actor=actor, event=festival.event, user=world.xs_worker, duty="安保")
        with pytest.raises(PermissionDenied):
            plan_budget.line_create(actor=actor, event=festival.event, item="奖品", budgeted=Decimal(1))


def test_an_assignment_ending_before_it_starts_names_the_field(world, festival):
    from datetime import datetime

    from django.utils import timezone

    start = timezone.make_aware(datetime(2020, 9, 19, 10))
    with pytest.raises(ValidationError) as refused:
        plan.assignment_create(
            actor=festival.admin,
            event=festival.event,
            user=world.xs_worker,
            duty="安保",
            starts_at=start,
            ends_at=start.replace(hour=9),
        )
    assert "ends_at" in refused.value.message_dict


def test_the_rota_groups_the_whole_event_first_then_the_sessions(planned):
    groups = selectors_plan.rota(planned.festival.event)
    assert [g.title for g in groups] == ["全程", "采摘·上午场"]
    assert groups[1].when == "09:00—10:30"


def test_a_task_is_ticked_off_by_its_owner_and_reopened_audited(world, planned):
    task = plan.task_done(actor=world.xs_admin, task=planned.stage, done_on=date(2020, 9, 14))
    assert task.done_on == date(2020, 9, 14)
    with pytest.raises(ValidationError):
        plan.task_done(actor=world.xs_admin, task=task)
    plan.task_reopen(actor=world.xs_admin, task=task, reason="舞台需加固")
    assert _audits("events.prep_task", task) == [AuditEntry.Action.CREATE] + [AuditEntry.Action.UPDATE] * 2


def test_a_field_worker_ticks_off_their_own_task_but_not_another_s(world, planned):
    plan.task_reopen(actor=world.xs_worker, task=planned.leaflets)
    with pytest.raises(PermissionDenied):
        plan.task_done(actor=world.xs_worker, task=planned.stage)


def test_spending_is_voided_with_a_reason_and_leaves_the_totals(planned):
    admin = planned.festival.admin
    first = plan_budget.spending_create(
        actor=admin, line=planned.prizes, spent_on=date(2020, 9, 1), amount=Decimal("600"), payee="新市超市"
    )
    plan_budget.spending_create(
        actor=admin, line=planned.prizes, spent_on=date(2020, 9, 2), amount=Decimal("500.5"), payee="新市超市"
    )
    rows, totals = selectors_plan.budget(planned.festival.event)
    prizes = next(r for r in rows if r.line.item == "奖品")
    assert prizes.totals.spent == Decimal("1100.50") and prizes.totals.over
    plan_budget.spending_void(actor=admin, spending=first, reason="重复登记")
    with pytest.raises(ValidationError):
        plan_budget.spending_void(actor=admin, spending=first, reason="再次")
    rows, totals = selectors_plan.budget(planned.festival.event)
    assert totals.spent == Decimal("500.50") and totals.budgeted == Decimal("9000.00")
    assert Spending.objects.filter(pk=first.pk).exists()  # voided, never deleted
    assert _audits("events.spending", first) == [AuditEntry.Action.CREATE, AuditEntry.Action.VOID]


def test_a_spending_must_be_positive_and_a_line_s_item_unique(planned):
    admin = planned.festival.admin
    with pytest.raises(ValidationError) as refused:
        plan_budget.spending_create(actor=admin, line=planned.sound, spent_on=date(2020, 9, 1), amount=0, payee="x")
    assert "amount" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        plan_budget.line_create(actor=admin, event=planned.festival.event, item="奖品", budgeted=1)
    assert "已有科目“奖品”" in str(refused.value)


def test_a_session_s_capacity_changes_only_while_nobody_signed_up(festival):
    admin = festival.admin
    plan.session_edit(actor=admin, session=festival.noon, capacity=5, name="采摘·中午场")
    festival.noon.refresh_from_db()
    assert festival.noon.capacity == 5
    SignUp.objects.create(
        unit=festival.event.unit, event=festival.event, session=festival.noon, name="张三", phone="13800000000",
        signed_at=festival.event.created_at,
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        plan.session_edit(actor=admin, session=festival.noon, capacity=8)
    assert "报名管理" in str(refused.value)
    plan.session_edit(actor=admin, session=festival.noon, capacity=5, starts_at=time(11))  # other fields still change


def test_a_session_nobody_signed_up_for_is_removed_audited_and_one_with_sign_ups_is_not(festival):
    pk = festival.show.pk
    plan.session_remove(actor=festival.admin, session=festival.show)
    assert not Session.objects.filter(pk=pk).exists()
    assert _audits("events.session", pk)[-1] == AuditEntry.Action.VOID
    SignUp.objects.create(
        unit=festival.event.unit, event=festival.event, session=festival.morning, name="李四", phone="13900000000",
        signed_at=festival.event.created_at,
    )  # fmt: skip
    with pytest.raises(ValidationError):
        plan.session_remove(actor=festival.admin, session=festival.morning)
