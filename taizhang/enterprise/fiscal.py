"""The zone's books: revenue sources and revenue by year, the 增量分享 rule, infrastructure spending the district
bears. Keyword-only, atomic, checked against the actor's unit, audited."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append, field_changes
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.enterprise import policies
from taizhang.enterprise.models import InfraSpending, Revenue, RevenueSource, SharingRule
from taizhang.enterprise.rules import sharing as rules

FIRST_YEAR = 2000
LARGEST = Decimal(10) ** 11  # 万元: a zone's yearly revenue is far below a thousand 亿

# A new zone's revenue sources (its admin adds more); 税收 by the kinds the district's reports split.
DEFAULT_SOURCES = [
    ("增值税", RevenueSource.Kind.TAX),
    ("企业所得税", RevenueSource.Kind.TAX),
    ("个人所得税", RevenueSource.Kind.TAX),
    ("其他税收", RevenueSource.Kind.TAX),
    ("非税收入", RevenueSource.Kind.NON_TAX),
    ("土地出让收入", RevenueSource.Kind.LAND),
    ("上级转移支付", RevenueSource.Kind.TRANSFER),
]


def check_worker(actor, unit_id: int) -> None:
    if actor is not None and not policies.can_work(actor, unit_id):
        raise PermissionDenied("只有本单位的工作人员可以登记财政与投资台账")


def check_configurer(actor, unit_id: int) -> None:
    if actor is not None and not policies.can_configure(actor, unit_id):
        raise PermissionDenied("只有本单位的单位管理员可以设定增量分享规则和收入来源")


def draft(record, object_type: str, action: str, changes: dict, reason: str = "", title: str = "") -> Draft:
    return Draft(
        action=action,
        object_type=object_type,
        object_id=str(record.pk),
        object_repr=title or str(record),
        unit_id=record.unit_id,
        changes=changes,
        reason=reason,
    )


def check_year(year: int) -> None:
    last = clock.today().year + 1
    if not FIRST_YEAR <= year <= last:
        raise ValidationError(f"年度应在 {FIRST_YEAR}—{last} 之间")


def check_amount(amount: Decimal, label: str = "金额", *, positive: bool = False) -> Decimal:
    if not amount.is_finite() or amount < 0 or (positive and amount == 0):
        raise ValidationError(f"{label}应{'大于 0' if positive else '不小于 0'}")
    if amount >= LARGEST:
        raise ValidationError(f"{label}过大，请核对单位（万元）")
    if amount != amount.quantize(rules.WAN_PLACES):
        raise ValidationError(f"{label}最多保留四位小数（万元精确到元）")
    return amount


# --- sources ----------------------------------------------------------------------------------------------------


def sources_ensure(unit_id: int) -> None:
    """The default sources of a unit that has none (run when the unit enables the module; idempotent)."""
    if RevenueSource.objects.filter(unit_id=unit_id).exists():
        return
    RevenueSource.objects.bulk_create(
        RevenueSource(unit_id=unit_id, name=name, kind=kind, sort_order=n)
        for n, (name, kind) in enumerate(DEFAULT_SOURCES, start=1)
    )


@transaction.atomic
def source_create(*, actor, unit_id: int, name: str, kind: str) -> RevenueSource:
    check_configurer(actor, unit_id)
    name = name.strip()
    if not name:
        raise ValidationError("收入来源名称不能为空")
    if RevenueSource.objects.filter(unit_id=unit_id, name=name).exists():
        raise ValidationError(f"已有收入来源“{name}”")
    last = RevenueSource.objects.filter(unit_id=unit_id).order_by("-sort_order").first()
    source = RevenueSource(unit_id=unit_id, name=name, kind=kind, sort_order=(last.sort_order + 1) if last else 1)
    source.full_clean()
    source.save()
    changes = field_changes({}, {"名称": name, "类别": source.get_kind_display()})
    audit_append([draft(source, "enterprise.revenue_source", AuditEntry.Action.CREATE, changes)], actor=actor)
    return source


# --- revenue ----------------------------------------------------------------------------------------------------


def _source_of(unit_id: int, source: RevenueSource) -> None:
    if source.unit_id != unit_id:
        raise ValidationError("所选收入来源不是本单位的")


@transaction.atomic
def revenue_set(*, actor, unit_id: int, year: int, source: RevenueSource, amount: Decimal, note: str = "") -> Revenue:
    """The year's revenue of a source: recorded, or the recorded amount changed (both audited)."""
    check_worker(actor, unit_id)
    check_year(year)
    _source_of(unit_id, source)
    check_amount(amount)
    found = (
        Revenue.objects.select_for_update(of=("self",))
        .filter(unit_id=unit_id, year=year, source=source, status=RecordStatus.ACTIVE)
        .first()
    )
    if found is None:
        found = Revenue.objects.create(unit_id=unit_id, year=year, source=source, amount=amount, note=note)
        changes = field_changes({}, {"年度": year, "来源": source.name, "金额（万元）": amount})
        audit_append([draft(found, "enterprise.revenue", AuditEntry.Action.CREATE, changes)], actor=actor)
        return found
    before = {"金额（万元）": found.amount, "备注": found.note}
    found.amount, found.note = amount, note
    found.save(update_fields=["amount", "note", "updated_at"])
    changes = field_changes(before, {"金额（万元）": amount, "备注": note})
    if changes:
        audit_append([draft(found, "enterprise.revenue", AuditEntry.Action.UPDATE, changes)], actor=actor)
    return found


def void(model, record, *, actor, reason: str, object_type: str, already: str, changes: dict):
    """Void a record of the unit (never deleted), with the reason in the audit trail."""
    check_worker(actor, record.unit_id)
    record = model.objects.select_for_update().get(pk=record.pk)
    if record.is_voided:
        raise ValidationError(already)
    record.status, record.void_reason = RecordStatus.VOIDED, reason[:200]
    record.voided_at, record.voided_by = clock.now(), actor
    record.save(update_fields=["status", "void_reason", "voided_at", "voided_by", "updated_at"])
    audit_append([draft(record, object_type, AuditEntry.Action.VOID, changes, reason)], actor=actor)
    return record


@transaction.atomic
def revenue_void(*, actor, revenue: Revenue, reason: str) -> Revenue:
    changes = {"金额（万元）": [revenue.amount, None]}
    return void(
        Revenue,
        revenue,
        actor=actor,
        reason=reason,
        object_type="enterprise.revenue",
        already="这条收入已作废",
        changes=changes,
    )


# --- the sharing rule -------------------------------------------------------------------------------------------


def _rule_fields(rule: SharingRule, sources) -> dict:
    return {
        "起始年度": rule.effective_year,
        "基数年度": rule.base_year,
        "基数（万元）": rule.base_amount,
        "开发区分成比例（%）": rule.zone_share,
        "计入来源": "、".join(s.name for s in sources),
        "依据": rule.note,
    }


@transaction.atomic
def sharing_rule_save(
    *,
    actor,
    unit_id: int,
    effective_year: int,
    base_year: int,
    base_amount: Decimal | None,
    zone_share: Decimal,
    sources: list[RevenueSource],
    note: str = "",
) -> SharingRule:
    """The rule from `effective_year` on: new, or that year's rule changed (audited with what changed)."""
    check_configurer(actor, unit_id)
    check_year(effective_year)
    check_year(base_year)
    if base_year > effective_year:
        raise ValidationError("基数年度不能晚于起始年度")
    try:
        rules.check_share(zone_share)
    except rules.SharingRefused as exc:
        raise ValidationError(str(exc))
    if base_amount is not None:
        check_amount(base_amount, "基数")
    if not sources:
        raise ValidationError("请至少选择一项计入增量分享的收入来源")
    for source in sources:
        _source_of(unit_id, source)
    rule = SharingRule.objects.select_for_update().filter(unit_id=unit_id, effective_year=effective_year).first()
    before = _rule_fields(rule, rule.sources.all()) if rule else {}
    if rule is None:
        rule = SharingRule(unit_id=unit_id, effective_year=effective_year, created_by=actor)
    rule.base_year, rule.base_amount, rule.zone_share, rule.note = base_year, base_amount, zone_share, note
    rule.save()
    rule.sources.set(sources)
    changes = field_changes(before, _rule_fields(rule, sorted(sources, key=lambda s: (s.sort_order, s.name))))
    if changes:
        action = AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE
        audit_append([draft(rule, "enterprise.sharing_rule", action, changes)], actor=actor)
    return rule


# --- infrastructure borne by the district -----------------------------------------------------------------------


@transaction.atomic
def infra_create(
    *, actor, unit_id: int, project: str, year: int, amount: Decimal, department: str, note: str = ""
) -> InfraSpending:
    check_worker(actor, unit_id)
    check_year(year)
    check_amount(amount, positive=True)
    project, department = project.strip(), department.strip()
    if not project or not department:
        raise ValidationError("项目和承担的区级部门都要填写")
    spending = InfraSpending.objects.create(
        unit_id=unit_id, project=project, year=year, amount=amount, department=department, note=note, created_by=actor
    )
    changes = field_changes(
        {}, {"项目": project, "年度": year, "金额（万元）": amount, "承担部门": department, "备注": note}
    )
    audit_append([draft(spending, "enterprise.infra_spending", AuditEntry.Action.CREATE, changes)], actor=actor)
    return spending


@transaction.atomic
def infra_void(*, actor, spending: InfraSpending, reason: str) -> InfraSpending:
    changes = {"金额（万元）": [spending.amount, None]}
    return void(
        InfraSpending,
        spending,
        actor=actor,
        reason=reason,
        object_type="enterprise.infra_spending",
        already="这笔支出已作废",
        changes=changes,
    )
