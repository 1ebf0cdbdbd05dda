"""Writing KPI plans: opening a cycle, a person's indicators (entered, imported, or their actuals taken from a figure
another module publishes through the kernel), each check naming the row, field and reason."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append, field_changes
from taizhang.hub import metrics as kernel_metrics
from taizhang.people import policies
from taizhang.people.methods import methods_ensure, methods_for
from taizhang.people.models import Contract, Cycle, Indicator, ScoringMethod
from taizhang.people.rules import kpi as rules

PARAMETERS = [
    "kpi_weight",
    "review_weight",
    "superior_weight",
    "peer_weight",
    "client_weight",
    "self_weight",
    "basic_line",
    "pass_line",
    "excellent_line",
    "excellent_share",
    "appeal_days",
]
MAX_INDICATORS = 30
MAX_FIGURE = Decimal("999999999999")


def require_manager(actor, unit_id: int) -> None:
    if actor is not None and not policies.can_manage(actor, unit_id):
        raise PermissionDenied("只有本单位考核委员会委员或单位管理员可以办理")


def require_open(cycle: Cycle) -> Cycle:
    """The cycle as it is now, locked for the write: plans and reviews change only while it is being assessed (an
    assessed cycle is first withdrawn)."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status == Cycle.Status.LOCKED:
        raise ValidationError(f"周期 {cycle.code} 已锁定，不能再修改")
    if cycle.status != Cycle.Status.OPEN:
        raise ValidationError(f"周期 {cycle.code} 已评定，如需修改指标或评议，请先撤回评定")
    return cycle


def required_text(text: str, what: str, limit: int = 500) -> str:
    """A reason or answer the user must give: trimmed, not empty, not longer than `limit` characters."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(f"请填写{what}")
    if len(text) > limit:
        raise ValidationError(f"{what}不超过 {limit} 字（现为 {len(text)} 字）")
    return text


def decimal_or_none(text, label: str, *, low: Decimal = Decimal(0), high: Decimal = MAX_FIGURE) -> Decimal | None:
    """A number as typed in a form or a cell ("" → None), with the Chinese reason when it is not one."""
    text = "" if text is None else str(text).strip().replace(",", "").replace("，", "")
    if not text:
        return None
    if len(text) > 24:
        raise ValidationError(f"{label}太长，不是一个数字")
    try:
        value = Decimal(text.rstrip("%"))
    except InvalidOperation:
        raise ValidationError(f"{label}“{text}”不是数字")
    if not value.is_finite() or not low <= value <= high:
        raise ValidationError(f"{label}应在 {low} 到 {high} 之间")
    return value


# --- cycles ---------------------------------------------------------------------------------------------------


@transaction.atomic
def cycle_open(*, actor, unit_id: int, code: str) -> Cycle:
    """A new cycle of the unit, its parameters copied from the unit's latest cycle before it."""
    require_manager(actor, unit_id)
    try:
        code, kind, starts_on, ends_on = rules.parse_cycle(code)
    except ValueError as exc:
        raise ValidationError(str(exc))
    previous = Cycle.objects.filter(unit_id=unit_id, starts_on__lt=starts_on).order_by("-starts_on").first()
    copied = {name: getattr(previous, name) for name in PARAMETERS} if previous else {}
    methods_ensure(unit_id)
    try:
        with transaction.atomic():
            cycle = Cycle.objects.create(
                unit_id=unit_id, code=code, kind=kind, starts_on=starts_on, ends_on=ends_on, **copied
            )
    except IntegrityError:
        raise ValidationError(f"周期 {code} 已经开启过了")
    audit_append(
        [
            Draft(
                action=AuditEntry.Action.CREATE,
                object_type="people.cycle",
                object_id=str(cycle.pk),
                object_repr=f"考核周期 {code}",
                unit_id=unit_id,
                changes=field_changes(
                    {}, {"周期": code, "类型": cycle.get_kind_display(), "沿用自": str(previous or "")}
                ),
            )
        ],
        actor=actor,
    )
    return cycle


# --- plans ----------------------------------------------------------------------------------------------------


@dataclass
class IndicatorIn:
    """One indicator as entered or imported (numbers already parsed; None = the method's default / not yet)."""

    name: str
    weight: Decimal
    method: str
    target: Decimal | None = None
    actual: Decimal | None = None
    floor: Decimal | None = None
    cap: Decimal | None = None
    deduction: Decimal | None = None
    evidence: str = ""
    metric_key: str = ""
    row: int | None = None  # where it came from, for the messages


def plan_problems(rows: list[IndicatorIn], methods: Mapping[str, ScoringMethod]) -> list[tuple[int | None, str, str]]:
    """(row, field, reason) for everything wrong with one person's plan."""
    problems = []
    if len(rows) > MAX_INDICATORS:
        problems.append((None, "指标", f"一人最多 {MAX_INDICATORS} 项指标"))
    names = set()
    for row in rows:
        if not row.name or len(row.name) > 64:
            problems.append((row.row, "指标", "指标名称不能为空，且不超过 64 个字"))
        elif row.name in names:
            problems.append((row.row, "指标", f"指标“{row.name}”重复"))
        names.add(row.name)
        if len(row.evidence) > 500:
            problems.append((row.row, "佐证", "佐证不超过 500 字"))
        method = methods.get(row.method)
        if method is None:
            known = "、".join(methods) or "（无）"
            problems.append((row.row, "计分方式", f"没有计分方式“{row.method[:20]}”，可选：{known}"))
            continue
        floor = method.floor if row.floor is None else row.floor
        cap = method.cap if row.cap is None else row.cap
        problem = rules.indicator_problem(
            kind=method.kind, weight=row.weight, target=row.target, actual=row.actual, floor=floor, cap=cap
        )
        if method.kind == rules.DEDUCT and row.deduction is None and not problem:
            problem = "扣分计分须填写扣分标准"
        if problem:
            problems.append((row.row, "指标", f"“{row.name}”：{problem}"))
    problem = rules.weights_problem(row.weight for row in rows)
    if rows and problem:
        where = "、".join(str(row.row) for row in rows if row.row is not None)
        problems.append((rows[0].row, "权重", problem + (f"（第 {where} 行）" if where else "")))
    return problems


def _department_of(cycle: Cycle, user_ids: Iterable[int]) -> dict[int, int]:
    """Each person's department: that of their contract in force at the cycle's end (else their org node)."""
    found = dict(
        Contract.objects.filter(unit_id=cycle.unit_id, user_id__in=list(user_ids), starts_on__lte=cycle.ends_on)
        .order_by("user_id", "starts_on")
        .values_list("user_id", "department_id")
    )
    return found


@transaction.atomic
def plans_write(*, actor, cycle: Cycle, plans: Mapping[int, list[IndicatorIn]], batch=None) -> int:
    """Replace the plans of the people given (user id → indicators); refuses the whole lot on any problem."""
    require_manager(actor, cycle.unit_id)
    cycle = require_open(cycle)
    methods = methods_for(cycle.unit_id, cycle.starts_on)
    problems = [p for rows in plans.values() for p in plan_problems(rows, methods)]
    if problems:
        raise ValidationError([f"第 {r} 行 {f}：{m}" if r else f"{f}：{m}" for r, f, m in problems])
    departments = _department_of(cycle, plans)
    before = {}
    for user_id, name, weight in Indicator.objects.filter(cycle=cycle, user_id__in=list(plans)).values_list(
        "user_id", "name", "weight"
    ):
        before.setdefault(user_id, []).append(f"{name} {weight.normalize():f}")
    Indicator.objects.filter(cycle=cycle, user_id__in=list(plans)).delete()
    created = Indicator.objects.bulk_create(
        [
            Indicator(
                unit_id=cycle.unit_id,
                cycle=cycle,
                user_id=user_id,
                department_id=departments.get(user_id),
                position=position,
                name=row.name,
                weight=row.weight,
                method=methods[row.method],
                target=row.target,
                actual=row.actual,
                floor=row.floor,
                cap=row.cap,
                deduction=row.deduction,
                evidence=row.evidence,
                metric_key=row.metric_key,
                import_batch=batch,
            )
            for user_id, rows in plans.items()
            for position, row in enumerate(rows, start=1)
        ]
    )
    audit_append(
        [
            Draft(
                action=AuditEntry.Action.IMPORT_UPDATE if batch else AuditEntry.Action.UPDATE,
                object_type="people.plan",
                object_id=f"{cycle.pk}:{user_id}",
                object_repr=f"{cycle.code} 考核指标",
                unit_id=cycle.unit_id,
                changes=field_changes(
                    {"指标": "；".join(before.get(user_id, []))},
                    {"指标": "；".join(f"{r.name} {r.weight.normalize():f}" for r in rows)},
                ),
            )
            for user_id, rows in plans.items()
        ],
        actor=actor,
    )
    return len(created)


def actuals_from_metrics(*, actor, cycle: Cycle) -> tuple[int, list[str]]:
    """Fill the actuals of the indicators that name a published figure (`<module>.<metric>`) from its
    `per_person` value as of the cycle's end. Returns (filled, problems)."""
    require_manager(actor, cycle.unit_id)
    with transaction.atomic():
        cycle = require_open(cycle)
    indicators = list(
        Indicator.objects.filter(cycle=cycle).exclude(metric_key="").select_related("user").order_by("user_id", "id")
    )
    filled, problems, changed = 0, [], []
    for indicator in indicators:
        figure = kernel_metrics.find(indicator.metric_key)
        if figure is None or not figure.metric.per_person:
            problems.append(
                f"{indicator.user.full_name}“{indicator.name}”：没有可按人取数的指标 {indicator.metric_key}"
            )
            continue
        value = figure.per_person(indicator.user, as_of=cycle.ends_on)
        number = value.number if value is not None else None
        if number is None:
            problems.append(f"{indicator.user.full_name}“{indicator.name}”：{figure.label}没有数据")
            continue
        if indicator.actual != number:
            changed.append((indicator, indicator.actual, number))
            indicator.actual = number
        filled += 1
    with transaction.atomic():
        require_open(cycle)
        Indicator.objects.bulk_update([i for i, _, _ in changed], ["actual"])
        audit_append(
            [
                Draft(
                    action=AuditEntry.Action.UPDATE,
                    object_type="people.plan",
                    object_id=f"{cycle.pk}:{indicator.user_id}",
                    object_repr=f"{cycle.code} {indicator.name}（取自{indicator.metric_key}）",
                    unit_id=cycle.unit_id,
                    changes=field_changes({"实际值": old}, {"实际值": new}),
                )
                for indicator, old, new in changed
            ],
            actor=actor,
        )
    return filled, problems
