"""The event's budget: its lines (科目 and amount budgeted) and the spending recorded against them, voided with a
reason and never deleted. Checked with `policies.can_plan`, atomic, audited (`events.budget_line`,
`events.spending`)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.core import clock
from taizhang.events.auditing import audit
from taizhang.events.models import BudgetLine, Event, Spending
from taizhang.events.plan import check_plan, values_of
from taizhang.events.rules.plan import yuan

LIMIT = Decimal(10**10)  # 12 digits, two of them fen
LINE_FIELDS = {"item": "科目", "budgeted": "预算金额（元）", "note": "说明", "sort_order": "排序"}
SPENDING_FIELDS = {
    "line_id": "科目",
    "spent_on": "支出日期",
    "amount": "金额（元）",
    "payee": "收款方",
    "voucher": "凭证号",
    "note": "备注",
}


def _amount(value, field: str, label: str, *, positive: bool) -> Decimal:
    value = yuan(value)
    if value >= LIMIT:
        raise ValidationError({field: f"{label}应小于 {LIMIT:,} 元"})
    if value < 0 or (positive and value == 0):
        raise ValidationError({field: f"{label}应{'大于' if positive else '不小于'} 0 元"})
    return value


def _check_line(line: BudgetLine) -> None:
    if not line.item.strip():
        raise ValidationError({"item": "请填写科目，如：舞台音响、奖品"})
    if BudgetLine.objects.filter(event_id=line.event_id, item=line.item).exclude(pk=line.pk).exists():
        raise ValidationError({"item": f"预算中已有科目“{line.item}”"})


@transaction.atomic
def line_create(
    *, actor, event: Event, item: str, budgeted, note: str = "", sort_order: int | None = None
) -> BudgetLine:
    check_plan(actor, event.unit_id)
    if sort_order is None:
        sort_order = event.budget_lines.count() + 1
    line = BudgetLine(
        unit_id=event.unit_id,
        event=event,
        item=item.strip(),
        budgeted=_amount(budgeted, "budgeted", "预算金额", positive=False),
        note=note.strip(),
        sort_order=sort_order,
    )
    _check_line(line)
    line.save()
    audit(
        line,
        "budget_line",
        AuditEntry.Action.CREATE,
        actor=actor,
        new=values_of(line, LINE_FIELDS),
        label=f"{event.name} · {line.item}",
    )
    return line


@transaction.atomic
def line_update(*, actor, line: BudgetLine, **fields) -> BudgetLine:
    check_plan(actor, line.unit_id)
    old = values_of(line, LINE_FIELDS)
    for field, value in fields.items():
        if field not in LINE_FIELDS:
            raise ValueError(field)
        if field == "budgeted":
            value = _amount(value, "budgeted", "预算金额", positive=False)
        setattr(line, field, value.strip() if isinstance(value, str) else value)
    _check_line(line)
    line.save()
    audit(
        line,
        "budget_line",
        AuditEntry.Action.UPDATE,
        actor=actor,
        old=old,
        new=values_of(line, LINE_FIELDS),
        label=f"{line.event.name} · {line.item}",
    )
    return line


@transaction.atomic
def spending_create(
    *, actor, line: BudgetLine, spent_on: date | None, amount, payee: str, voucher: str = "", note: str = ""
) -> Spending:
    check_plan(actor, line.unit_id)
    if spent_on is None:
        raise ValidationError({"spent_on": "请填写支出日期"})
    if amount is None:
        raise ValidationError({"amount": "请填写金额"})
    if not payee.strip():
        raise ValidationError({"payee": "请填写收款方"})
    spending = Spending.objects.create(
        unit_id=line.unit_id,
        event_id=line.event_id,
        line=line,
        spent_on=spent_on,
        amount=_amount(amount, "amount", "金额", positive=True),
        payee=payee.strip(),
        voucher=voucher.strip(),
        note=note.strip(),
        created_by=actor,
    )
    label = f"{line.event.name} · {line.item} · {spending.payee}"
    audit(
        spending,
        "spending",
        AuditEntry.Action.CREATE,
        actor=actor,
        new=values_of(spending, SPENDING_FIELDS),
        label=label,
    )
    return spending


@transaction.atomic
def spending_void(*, actor, spending: Spending, reason: str) -> Spending:
    """Void a spending record (a wrong amount, a duplicate): it stays on the sheet struck through, out of the totals."""
    check_plan(actor, spending.unit_id)
    spending = Spending.objects.select_for_update().select_related("line", "event").get(pk=spending.pk)
    if spending.is_voided:
        raise ValidationError("这笔支出已作废")
    if not reason.strip():
        raise ValidationError({"reason": "请填写作废原因"})
    spending.voided_at, spending.voided_by, spending.void_reason = clock.now(), actor, reason.strip()[:200]
    spending.save(update_fields=["voided_at", "voided_by", "void_reason"])
    label = f"{spending.event.name} · {spending.line.item} · {spending.payee}"
    audit(
        spending,
        "spending",
        AuditEntry.Action.VOID,
        actor=actor,
        old={"金额（元）": spending.amount},
        new={"金额（元）": None},
        reason=reason,
        label=label,
    )
    return spending
