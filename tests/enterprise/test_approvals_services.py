"""Approval items: their clocks on the official calendar, the status read from the dates, the tracks, refusals,
the audit trail, the inbox task, the on-time metric, the file-page section, the command and the demo."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from taizhang.audit.models import AuditEntry
from taizhang.core.manifest import Value
from taizhang.enterprise import approvals, demo_approvals, metrics_approvals, tasks_approvals
from taizhang.enterprise.models import Accompaniment, ApprovalItem, ApprovalKind
from taizhang.enterprise.rules import approvals as rules
from taizhang.hub.tasks import Audience
from tests.enterprise import fixtures_approvals
from tests.enterprise.fixtures_approvals import TODAY

az, october = fixtures_approvals.az, fixtures_approvals.october


def test_an_item_gets_its_1515_and_statutory_clocks_when_submitted(az):
    land = az.land  # 用地预审: complex, 20 working days by law, submitted 2020-09-30
    assert land.status == rules.IN_PROGRESS
    assert land.contact_due == date(2020, 10, 9)  # the National Day holiday in between
    assert land.service_due == date(2020, 10, 28) and land.statutory_due == date(2020, 11, 4)
    assert land.due_on == date(2020, 10, 28)
    assert land.watch_on == date(2020, 10, 9) and land.overdue(TODAY)
    assert az.eia.watch_on == az.eia.due_on and not az.eia.overdue(TODAY)
    assert az.fire.status == rules.PENDING and az.fire.due_on is None and az.fire.watch_on is None
    assert az.filing.status == rules.DONE and az.filing.on_time is True and az.filing.watch_on is None


def test_a_first_contact_moves_the_watch_to_the_due_date(ez, az):
    land = approvals.item_update(actor=ez.officer, item=az.land, first_contact_on=date(2020, 10, 12))
    assert land.watch_on == date(2020, 10, 28) and not land.overdue(TODAY)


def test_the_zones_own_service_rule_applies_from_its_effective_date(ez, az):
    approvals.service_rule_set(
        actor=ez.admin,
        unit_id=ez.unit.pk,
        effective_on=date(2020, 10, 1),
        first_contact_days=1,
        simple_days=3,
        complex_days=10,
    )
    eia = approvals.item_update(actor=ez.officer, item=az.eia, note="按新规则")
    assert eia.service_due == date(2020, 10, 30)  # 10 working days from 10-16
    land = approvals.item_update(actor=ez.officer, item=az.land, note="按旧规则")
    assert land.service_due == date(2020, 10, 28)  # submitted before the rule took effect: still 1515
    with pytest.raises(PermissionDenied):
        approvals.service_rule_set(
            actor=ez.officer,
            unit_id=ez.unit.pk,
            effective_on=date(2020, 10, 1),
            first_contact_days=1,
            simple_days=3,
            complex_days=10,
        )


def test_an_item_waits_for_the_one_before_it_on_its_track(ez, az):
    kind = ApprovalKind.objects.get(unit=ez.unit, name="规划许可")
    with pytest.raises(ValidationError, match="须待前置事项「用地预审」办结"):
        approvals.item_create(
            actor=ez.officer, project=az.project, kind=kind, after=az.land, submitted_on=date(2020, 10, 19)
        )
    waiting = approvals.item_create(actor=ez.officer, project=az.project, kind=kind, after=az.land)
    assert waiting.status == rules.PENDING
    with pytest.raises(ValidationError, match="同一并联审批线"):
        approvals.item_update(actor=ez.officer, item=az.eia, after=az.filing)
    with pytest.raises(ValidationError, match="互相等待"):
        approvals.item_update(actor=ez.officer, item=az.land, after=waiting)


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"submitted_on": date(2020, 10, 21)}, "不能晚于今天"),
        ({"first_contact_on": date(2020, 9, 1)}, "不能早于申报日期"),
        ({"status": rules.RETURNED}, "退回原因"),
        ({"status": rules.DONE}, "办结日期"),
        ({"statutory_days": 0}, "法定时限"),
    ],
)
def test_inconsistent_items_are_refused_with_the_reason(ez, az, values, reason):
    with pytest.raises(ValidationError, match=reason):
        approvals.item_update(actor=ez.officer, item=az.eia, **values)


def test_a_year_past_the_calendar_is_refused_rather_than_guessed(ez, az, october):
    october.set(date(2026, 12, 28))
    kind = ApprovalKind.objects.get(unit=ez.unit, name="施工许可")
    with pytest.raises(ValidationError, match="2027 年的法定节假日和调休安排尚未收录"):
        approvals.item_create(actor=ez.officer, project=az.project, kind=kind, submitted_on=date(2026, 12, 28))
    assert not ApprovalItem.objects.filter(project=az.project, name="施工许可").exists()


def test_only_the_units_staff_work_its_items(ez, az, world):
    with pytest.raises(PermissionDenied):
        approvals.item_update(actor=world.jy_admin, item=az.eia, note="越权")
    with pytest.raises(PermissionDenied):
        approvals.status_link_issue(actor=world.jy_admin, project=az.project)


def test_every_write_is_audited(az):
    types = set(AuditEntry.objects.filter(object_type__startswith="enterprise.").values_list("object_type", flat=True))
    assert {"enterprise.approval_kind", "enterprise.accompaniment", "enterprise.approval_item"} <= types


def test_a_new_link_replaces_the_old_and_a_revoked_one_is_gone(ez, az):
    renewed = approvals.status_link_issue(actor=ez.officer, project=az.project)
    assert renewed != az.token and len(renewed) >= 32  # 24 random bytes = 192 bits
    with pytest.raises(ValidationError):
        approvals.status_link_revoke(actor=ez.officer, project=az.project, reason="")
    approvals.status_link_revoke(actor=ez.officer, project=az.project, reason="企业联系人变更")
    assert Accompaniment.objects.get(project=az.project).status_token is None
    assert AuditEntry.objects.filter(object_type="enterprise.accompaniment", reason="企业联系人变更").exists()


# --- the inbox, the metric, the file page --------------------------------------------------------------------------


def test_the_officer_and_the_unit_admin_find_the_overdue_item_in_the_inbox(ez, az, world, django_assert_num_queries):
    mine = tasks_approvals.overdue_items(Audience(ez.officer, TODAY))
    assert [t.title for t in mine] == ["审批事项超期：用地预审（未首次联系）"]
    assert mine[0].due == date(2020, 10, 9) and mine[0].url.endswith(f"/approvals/projects/{az.project.pk}/")
    with django_assert_num_queries(1):
        count = tasks_approvals.overdue_count(Audience(ez.officer, TODAY))
    assert (count.total, count.overdue) == (1, 1)
    assert tasks_approvals.overdue_count(Audience(ez.admin, TODAY)).total == 1
    assert tasks_approvals.overdue_count(Audience(world.xs_worker, TODAY)).total == 0
    assert tasks_approvals.overdue_count(Audience(world.jy_admin, TODAY)).total == 0


def test_the_on_time_rate_counts_done_items_by_their_due_date(ez, az, world, october):
    rate = metrics_approvals.on_time_rate(unit_ids=[ez.unit.pk, world.jiyang.pk], as_of=TODAY, month=TODAY)
    assert rate == {(ez.unit.pk, None): Value(1, 1)}
    late = date(2020, 10, 29)  # a day after 用地预审's 10-28
    october.set(late)
    approvals.item_complete(actor=ez.officer, item=az.land, done_on=late)
    assert metrics_approvals.on_time_rate(unit_ids=[ez.unit.pk], as_of=TODAY, month=TODAY)[(ez.unit.pk, None)] == Value(
        1, 1
    )
    rate = metrics_approvals.on_time_rate(unit_ids=[ez.unit.pk], as_of=late, month=late)
    assert rate[(ez.unit.pk, None)].number == 50
    assert metrics_approvals.on_time_rate_of(ez.officer, as_of=late, month=late).number == 50
    assert metrics_approvals.on_time_rate_of(world.xs_worker, as_of=late, month=late) is None


def test_the_enterprise_file_page_lists_its_projects_approval_items(ez, az, login):
    text = login(ez.officer).get(f"/enterprise/enterprises/{ez.enterprises[2].pk}/").content.decode()
    assert "审批事项（全程帮办）" in text and "用地预审" in text and "超期" in text
    text = login(ez.officer).get(f"/enterprise/enterprises/{ez.enterprises[0].pk}/").content.decode()
    assert "审批事项（全程帮办）" not in text


# --- the command and the demo --------------------------------------------------------------------------------------


def test_the_command_prints_the_due_date(capsys):
    call_command("approval-deadline", "--start", "2020-09-30", "--workdays", "5")
    assert capsys.readouterr().out.strip() == "2020-10-14"


@pytest.mark.parametrize(
    ("start", "n", "reason"),
    [("2026-12-20", "15", "2027 年"), ("2020-13-01", "5", "不是 YYYY-MM-DD"), ("2020-09-30", "0", "正整数")],
)
def test_the_command_refuses_what_it_cannot_compute(start, n, reason):
    with pytest.raises(CommandError, match=reason):
        call_command("approval-deadline", "--start", start, "--workdays", n)


def _demo_state(unit):
    return sorted(
        ApprovalItem.objects.filter(unit=unit).values_list("project_id", "name", "status", "due_on", "watch_on")
    ), sorted(Accompaniment.objects.filter(unit=unit).values_list("project_id", "officer_id", "status_token"))


def test_the_demo_puts_approvals_in_flight_with_one_overdue_and_runs_twice_unchanged(ez):
    demo_approvals.build(unit=ez.unit, seed=7, today=TODAY)
    state = _demo_state(ez.unit)
    demo_approvals.build(unit=ez.unit, seed=7, today=TODAY)
    assert _demo_state(ez.unit) == state
    items = ApprovalItem.objects.filter(unit=ez.unit)
    assert {i.project_id for i in items} == {ez.projects[0].pk, ez.projects[1].pk}  # past 签约 only
    assert [i.name for i in items if i.overdue(TODAY)] == ["用地预审"]
    assert all(token for _, _, token in state[1])


def test_the_demo_stays_inside_the_calendar_when_today_is_past_it(ez):
    demo_approvals.build(unit=ez.unit, seed=7, today=date(2030, 3, 1))
    assert ApprovalItem.objects.filter(unit=ez.unit, due_on__year__gt=2026).count() == 0
    assert ApprovalItem.objects.filter(unit=ez.unit).count() == 8


def test_the_demo_does_nothing_without_projects(world):
    demo_approvals.build(unit=world.jiyang, seed=7, today=TODAY)
    assert not ApprovalItem.objects.filter(unit=world.jiyang).exists()
