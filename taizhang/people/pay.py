"""优绩优酬: a locked cycle's pay sheet — prepared as a draft from the cycle's results and each person's contract,
the pool and coefficients set by the committee, confirmed (the money is bound) or withdrawn with a reason and issued
again. `preview` computes a sheet without writing (the `pay-sheet` command, a draft's lines). A draft keeps the
lines as prepared (post, pay, share, grade); changing the pool or a coefficient shares the pool again over them, and
a draft dropped (withdrawn) and prepared again reads the contracts anew."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append, field_changes
from taizhang.core import clock
from taizhang.hub.notifications import notify
from taizhang.people import policies
from taizhang.people.models import Contract, Cycle, PayLine, PaySheet, Result
from taizhang.people.rules import pay as rules

GRADES = ("excellent", "pass", "basic", "fail")


@dataclass
class Preview:
    pool: Decimal
    lines: list[PayLine]  # unsaved, ordered by 用户名 (the tie-break of the remainders)

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))


def default_coefficients() -> dict[str, str]:
    return {grade: str(value) for grade, value in rules.DEFAULT_COEFFICIENTS.items()}


CONTRACT_FIELDS = (
    "user_id",
    "department__name",
    "post__name",
    "monthly_pay",
    "performance_shares",
    "starts_on",
    "ends_on",
)


def _contracts_at_end(cycle: Cycle, user_ids) -> dict[int, Contract]:
    """Each person's contract at the cycle's end: the one covering that day, else the latest begun before it."""
    found: dict[int, Contract] = {}
    contracts = (
        Contract.objects.filter(unit_id=cycle.unit_id, user_id__in=user_ids, starts_on__lte=cycle.ends_on)
        .select_related("post", "department")
        .only(*CONTRACT_FIELDS)
        .order_by("user_id", "starts_on", "id")
    )
    for contract in contracts:
        current = found.get(contract.user_id)
        if current is None or current.ends_on < cycle.ends_on or contract.ends_on >= cycle.ends_on:
            found[contract.user_id] = contract
    return found


def preview(cycle: Cycle, *, pool_set: Decimal | None = None, coefficients: dict | None = None) -> Preview:
    """Every graded person's line of the cycle and the pool shared out (PayRefused when nobody can be paid)."""
    coefficients = {g: Decimal(str(v)) for g, v in (coefficients or default_coefficients()).items()}
    results = list(
        Result.objects.filter(cycle=cycle)
        .exclude(grade="")
        .select_related("user", "department")
        .only("user__username", "user__full_name", "grade", "department__name")
        .order_by("user__username", "id")
    )
    if not results:
        raise rules.PayRefused(f"{cycle.code} 没有已评定等次的人员，无法编制绩效薪酬发放表")
    contracts = _contracts_at_end(cycle, Result.objects.filter(cycle=cycle).values("user_id"))
    lines = []
    for result in results:
        contract = contracts.get(result.user_id)
        monthly = contract.monthly_pay if contract else Decimal(0)
        share = contract.share_on(cycle.ends_on) if contract else Decimal(0)
        line = PayLine(
            unit_id=cycle.unit_id,
            user=result.user,
            department_id=contract.department_id if contract else result.department_id,
            post_name=contract.post.name if contract else "",
            monthly_pay=monthly,
            months=cycle.months,
            share=share,
            base=rules.base(monthly_pay=monthly, months=cycle.months, share_percent=share),
            grade=result.grade,
            coefficient=coefficients.get(result.grade, Decimal(0)),
            amount=Decimal(0),
        )
        line.department = contract.department if contract else result.department
        lines.append(line)
    pool = pool_set if pool_set is not None else sum((line.base for line in lines), Decimal(0))
    amounts = rules.allocate(pool, [rules.Share(line.base, line.coefficient) for line in lines])
    for line, amount in zip(lines, amounts, strict=True):
        line.amount = amount
    return Preview(pool, lines)


def _check(actor, cycle: Cycle) -> None:
    if actor is not None and not policies.can_manage(actor, cycle.unit_id):
        raise PermissionDenied("只有本单位考核委员会委员或单位管理员可以编制绩效薪酬发放表")
    if cycle.status != Cycle.Status.LOCKED:
        raise ValidationError(f"{cycle.code} 的考核结果尚未锁定，锁定后才能编制绩效薪酬发放表")


def _draft(sheet: PaySheet, action: str, changes: dict, reason: str = "") -> Draft:
    return Draft(
        action=action,
        object_type="people.paysheet",
        object_id=str(sheet.pk),
        object_repr=str(sheet),
        unit_id=sheet.unit_id,
        changes=changes,
        reason=reason,
    )


def _refused(exc: rules.PayRefused) -> ValidationError:
    return ValidationError(str(exc))


def _reshare(sheet: PaySheet) -> None:
    """Share the pool again by the sheet's coefficients over the lines as they were prepared (in the order they
    were written, by 用户名)."""
    lines = list(sheet.lines.order_by("id"))
    for line in lines:
        line.coefficient = Decimal(str(sheet.coefficients.get(line.grade, 0)))
    pool = sheet.pool_set if sheet.pool_set is not None else sum((line.base for line in lines), Decimal(0))
    try:
        amounts = rules.allocate(pool, [rules.Share(line.base, line.coefficient) for line in lines])
    except rules.PayRefused as exc:
        raise _refused(exc)
    for line, amount in zip(lines, amounts, strict=True):
        line.pk, line.amount = None, amount
    # written again rather than updated: one INSERT a batch instead of a CASE per line (2,000 lines: 4× faster)
    sheet.lines.all().delete()
    PayLine.objects.bulk_create(lines)
    sheet.pool = pool
    sheet.save(update_fields=["pool"])


def _write_lines(sheet: PaySheet) -> Preview:
    try:
        computed = preview(sheet.cycle, pool_set=sheet.pool_set, coefficients=sheet.coefficients)
    except rules.PayRefused as exc:
        raise _refused(exc)
    sheet.lines.all().delete()
    for line in computed.lines:
        line.sheet = sheet
    PayLine.objects.bulk_create(computed.lines)
    sheet.pool = computed.pool
    sheet.save(update_fields=["pool"])
    return computed


@transaction.atomic
def sheet_prepare(*, actor, cycle: Cycle) -> PaySheet:
    """The cycle's sheet in force, or a new draft (the next 版次) with the default coefficients and pool."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    _check(actor, cycle)
    current = PaySheet.objects.filter(cycle=cycle).exclude(status=PaySheet.Status.WITHDRAWN).first()
    if current is not None:
        return current
    number = (PaySheet.objects.filter(cycle=cycle).aggregate(n=Max("number"))["n"] or 0) + 1
    sheet = PaySheet.objects.create(
        unit_id=cycle.unit_id,
        cycle=cycle,
        number=number,
        pool=Decimal(0),
        coefficients=default_coefficients(),
        created_by=actor,
    )
    computed = _write_lines(sheet)
    audit_append(
        [_draft(sheet, AuditEntry.Action.CREATE, {"人数": [None, len(computed.lines)], "总额": [None, sheet.pool]})],
        actor=actor,
    )
    return sheet


@transaction.atomic
def sheet_update(*, actor, sheet: PaySheet, pool: str, coefficients: dict[str, str]) -> PaySheet:
    """Set the pool ("" for Σ bases) and the grade coefficients of a draft; its lines are computed again."""
    sheet = PaySheet.objects.select_for_update().select_related("cycle").get(pk=sheet.pk)
    _check(actor, sheet.cycle)
    if sheet.status != PaySheet.Status.DRAFT:
        raise ValidationError("发放表已确认或已撤回，不能再修改")
    try:
        pool_set = rules.parse_amount(pool) if str(pool or "").strip() else None
        parsed = {g: str(rules.parse_coefficient(coefficients.get(g, ""), grade=g)) for g in GRADES}
    except rules.PayRefused as exc:
        raise _refused(exc)
    before = {"委员会确定的总额": sheet.pool_set, **_coefficient_labels(sheet.coefficients)}
    sheet.pool_set, sheet.coefficients = pool_set, parsed
    sheet.save(update_fields=["pool_set", "coefficients"])
    _reshare(sheet)
    after = {"委员会确定的总额": sheet.pool_set, **_coefficient_labels(parsed)}
    audit_append([_draft(sheet, AuditEntry.Action.UPDATE, field_changes(before, after))], actor=actor)
    return sheet


def _coefficient_labels(coefficients: dict) -> dict:
    return {f"{rules.GRADE_LABELS[g]}系数": str(coefficients.get(g, "")) for g in GRADES}


@transaction.atomic
def sheet_confirm(*, actor, sheet: PaySheet) -> PaySheet:
    sheet = PaySheet.objects.select_for_update().select_related("cycle").get(pk=sheet.pk)
    _check(actor, sheet.cycle)
    if sheet.status != PaySheet.Status.DRAFT:
        raise ValidationError("只有草稿可以确认")
    total = sum(sheet.lines.values_list("amount", flat=True), Decimal(0))
    if total != sheet.pool:
        raise ValidationError("发放表合计与总额不符，请重新计算后再确认")
    sheet.status, sheet.confirmed_by, sheet.confirmed_at = PaySheet.Status.CONFIRMED, actor, clock.now()
    sheet.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    _tell_everyone(sheet, actor)
    audit_append(
        [_draft(sheet, AuditEntry.Action.UPDATE, {"状态": ["草稿", "已确认"], "总额": [None, sheet.pool]})],
        actor=actor,
    )
    return sheet


def _tell_everyone(sheet: PaySheet, actor) -> None:
    """Everyone on the sheet is told once, with a link to their own pay (and statement)."""
    people = [line.user for line in sheet.lines.select_related("user")]
    notify(
        people,
        f"{sheet.cycle.code} 绩效薪酬发放表已确认，可查看本人的绩效薪酬通知单",
        reverse("people:pay_index"),
        actor=actor,
    )


@transaction.atomic
def sheet_withdraw(*, actor, sheet: PaySheet, reason: str) -> PaySheet:
    """Withdraw a confirmed sheet (or drop a draft) with a reason; the cycle may then have a new sheet."""
    sheet = PaySheet.objects.select_for_update().select_related("cycle").get(pk=sheet.pk)
    _check(actor, sheet.cycle)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写撤回原因")
    if len(reason) > 200:
        raise ValidationError("撤回原因最多 200 字")
    if sheet.status == PaySheet.Status.WITHDRAWN:
        raise ValidationError("发放表已撤回")
    before = sheet.get_status_display()
    sheet.status, sheet.withdrawn_by, sheet.withdrawn_at = PaySheet.Status.WITHDRAWN, actor, clock.now()
    sheet.withdraw_reason = reason
    sheet.save(update_fields=["status", "withdrawn_by", "withdrawn_at", "withdraw_reason"])
    audit_append([_draft(sheet, AuditEntry.Action.VOID, {"状态": [before, "已撤回"]}, reason)], actor=actor)
    return sheet
