"""The pay sheet of a locked cycle: prepared from results and contracts, the pool and coefficients set, confirmed,
withdrawn with a reason and issued again — each step audited; refused in Chinese for an unlocked cycle or a
stranger."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.audit.models import AuditEntry
from taizhang.hub.models import Notification
from taizhang.people import pay
from taizhang.people.models import Cycle, PaySheet

pytestmark = pytest.mark.django_db
D = Decimal


def amounts(sheet):
    return {line.user.username: line.amount for line in sheet.lines.select_related("user")}


def test_a_draft_shares_the_sum_of_the_bases_by_grade(assessed_zone):
    sheet = pay.sheet_prepare(actor=assessed_zone.committee, cycle=assessed_zone.cycle)
    assert sheet.status == PaySheet.Status.DRAFT and sheet.pool == D("23400.00")
    assert amounts(sheet) == {
        "kong1": D("5850.00"),
        "kong2": D("4875.00"),
        "kong3": D("0.00"),
        "kong4": D("4875.00"),
        "kong5": D("7800.00"),
    }
    line = sheet.lines.get(user__username="kong5")
    assert (line.monthly_pay, line.months, line.share, line.base) == (D(8000), 3, D(30), D("7200.00"))
    assert line.post_name == "部长" and line.department == assessed_zone.economy
    assert AuditEntry.objects.filter(object_type="people.paysheet", action="create").count() == 1


def test_the_share_of_the_contracts_second_year_applies_after_its_first_anniversary(assessed_zone):
    from datetime import date

    from taizhang.people.models import Result
    from taizhang.people.rules.pay import PayRefused

    cycle = Cycle.objects.create(
        unit=assessed_zone.cycle.unit,
        code="2021Q1",
        kind=Cycle.Kind.QUARTER,
        starts_on=date(2021, 1, 1),
        ends_on=date(2021, 3, 31),
        status=Cycle.Status.LOCKED,
    )
    with pytest.raises(PayRefused, match="没有已评定等次的人员"):
        pay.preview(cycle)
    Result.objects.create(unit=cycle.unit, cycle=cycle, user=assessed_zone.staff[0], grade="pass")
    (line,) = pay.preview(cycle).lines
    assert (line.share, line.base, line.amount) == (D(35), D("4200.00"), D("4200.00"))


def test_the_committee_sets_the_pool_and_coefficients_and_the_sheet_still_adds_up(assessed_zone):
    sheet = pay.sheet_prepare(actor=assessed_zone.committee, cycle=assessed_zone.cycle)
    coefficients = {"excellent": "1.5", "pass": "1", "basic": "0.5", "fail": "0"}
    pay.sheet_update(actor=assessed_zone.committee, sheet=sheet, pool="10000.01", coefficients=coefficients)
    sheet.refresh_from_db()
    assert sheet.pool == D("10000.01") and sum(amounts(sheet).values()) == D("10000.01")
    assert sheet.coefficients["excellent"] == "1.5"
    entry = AuditEntry.objects.get(object_type="people.paysheet", action="update")
    assert entry.changes["优秀系数"] == ["1.2", "1.5"]


@pytest.mark.parametrize(
    ("pool", "coefficients", "message"),
    [
        ("abc", {}, "不是金额"),
        ("1" * 3000, {}, "过大"),
        ("", {"excellent": "x"}, "优秀"),
        ("100", {"excellent": "0", "pass": "0", "basic": "0", "fail": "0"}, "没有可分配"),
    ],
)
def test_bad_pools_and_coefficients_are_refused_in_chinese(assessed_zone, pool, coefficients, message):
    sheet = pay.sheet_prepare(actor=assessed_zone.committee, cycle=assessed_zone.cycle)
    with pytest.raises(ValidationError, match=message):
        pay.sheet_update(
            actor=assessed_zone.committee,
            sheet=sheet,
            pool=pool,
            coefficients={**pay.default_coefficients(), **coefficients},
        )


def test_confirm_then_withdraw_with_a_reason_and_issue_again(assessed_zone):
    committee = assessed_zone.committee
    sheet = pay.sheet_confirm(actor=committee, sheet=pay.sheet_prepare(actor=committee, cycle=assessed_zone.cycle))
    assert sheet.status == PaySheet.Status.CONFIRMED
    told = Notification.objects.filter(text__contains="2020Q3 绩效薪酬发放表已确认")
    assert sorted(told.values_list("recipient__username", flat=True)) == ["kong1", "kong2", "kong3", "kong4", "kong5"]
    assert pay.sheet_prepare(actor=committee, cycle=assessed_zone.cycle) == sheet  # no second sheet while in force
    with pytest.raises(ValidationError, match="不能再修改"):
        pay.sheet_update(actor=committee, sheet=sheet, pool="1", coefficients=pay.default_coefficients())
    with pytest.raises(ValidationError, match="撤回原因"):
        pay.sheet_withdraw(actor=committee, sheet=sheet, reason=" ")
    pay.sheet_withdraw(actor=committee, sheet=sheet, reason="孔五岗位工资有误")
    again = pay.sheet_prepare(actor=committee, cycle=assessed_zone.cycle)
    assert again.number == 2 and again.status == PaySheet.Status.DRAFT
    assert AuditEntry.objects.get(object_type="people.paysheet", action="void").reason == "孔五岗位工资有误"


def test_an_unlocked_cycle_or_a_staff_member_is_refused(assessed_zone, zone):
    zone.cycle.status = Cycle.Status.ASSESSED
    zone.cycle.save()
    with pytest.raises(ValidationError, match="尚未锁定"):
        pay.sheet_prepare(actor=zone.committee, cycle=zone.cycle)
    zone.cycle.status = Cycle.Status.LOCKED
    zone.cycle.save()
    with pytest.raises(PermissionDenied):
        pay.sheet_prepare(actor=zone.staff[0], cycle=zone.cycle)
