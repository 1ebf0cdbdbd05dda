"""Writes of the assistance module: each applies the rules inside a transaction and leaves an audit entry."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from taizhang.assistance import rules
from taizhang.assistance.models import (
    CHECKLIST,
    FINDINGS,
    AssistedHousehold,
    CheckResult,
    HelperAssignment,
    Visit,
    VisitPhoto,
    VisitRuleVersion,
)
from taizhang.assistance.policies import can_manage_assistance, is_unit_admin_of
from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.org.models import OrgNode, User
from taizhang.registry.models import Household

VISIT_TEXT_FIELDS = [f"{key}_note" for key, _, _ in CHECKLIST] + [key for key, _ in FINDINGS] + ["notes"]
VISIT_CHECK_FIELDS = [key for key, _, _ in CHECKLIST]
VISIT_LABELS = (
    {key: label for key, label, _ in CHECKLIST}
    | {f"{key}_note": f"{label}说明" for key, label, _ in CHECKLIST}
    | dict(FINDINGS)
    | {"notes": "走访内容"}
)


def _draft(
    assisted: AssistedHousehold,
    action: str,
    object_type: str,
    object_id,
    object_repr: str,
    changes: dict,
    reason: str = "",
) -> Draft:
    return Draft(
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        object_repr=object_repr,
        unit_id=assisted.unit_id,
        community_id=assisted.community_id,
        household_id=assisted.household_id,
        changes=changes,
        reason=reason,
    )


def _require_manager(actor, unit_id: int) -> None:
    if not (can_manage_assistance(actor) and is_unit_admin_of(actor, unit_id)):
        raise PermissionDenied("只有本单位管理员可以办理")


def _check_helpers(unit_id: int, helpers: list[User]) -> None:
    if not helpers:
        raise ValidationError("至少指定一名帮扶责任人")
    for helper in helpers:
        if helper.unit_id != unit_id or not helper.is_active:
            raise ValidationError(f"{helper.full_name or helper.username}不是本单位在岗人员，不能担任帮扶责任人")


# --- assisted households and helpers ----------------------------------------------------------


@transaction.atomic
def assisted_mark(
    *, actor, household: Household, category: str, start_date: date, helpers: list[User]
) -> AssistedHousehold:
    """Mark a registry household as assisted (建档立卡户/监测户) with its helpers."""
    _require_manager(actor, household.unit_id)
    if household.status != RecordStatus.ACTIVE:
        raise ValidationError("该户已作废，不能列为帮扶户")
    if AssistedHousehold.objects.filter(household=household).exists():
        raise ValidationError(f"户 {household.household_no} 已是帮扶户")
    _check_helpers(household.unit_id, helpers)
    assisted = AssistedHousehold.objects.create(
        unit_id=household.unit_id,
        community_id=household.community_id,
        household=household,
        category=category,
        start_date=start_date,
    )
    for helper in helpers:
        HelperAssignment.objects.create(
            unit_id=assisted.unit_id,
            community_id=assisted.community_id,
            assisted=assisted,
            helper=helper,
            start_date=start_date,
        )
    audit_append(
        [
            _draft(
                assisted,
                AuditEntry.Action.CREATE,
                "assistance.household",
                assisted.pk,
                f"帮扶户 {household.household_no}",
                {
                    "帮扶类别": [None, assisted.get_category_display()],
                    "帮扶开始日期": [None, start_date],
                    "帮扶责任人": [None, "、".join(h.full_name or h.username for h in helpers)],
                },
            )
        ],
        actor=actor,
    )
    return assisted


@transaction.atomic
def helpers_assign(*, actor, assisted: AssistedHousehold, helpers: list[User], on: date, reason: str = "") -> None:
    """Make `helpers` the household's helpers from `on`: others' assignments end the day before (history kept)."""
    _require_manager(actor, assisted.unit_id)
    _check_helpers(assisted.unit_id, helpers)
    current = list(HelperAssignment.objects.select_for_update().filter(assisted=assisted, end_date__isnull=True))
    before = [a.helper for a in current]
    wanted = {h.pk for h in helpers}
    for assignment in current:
        if assignment.helper_id not in wanted:
            if assignment.start_date >= on:
                raise ValidationError(
                    f"{assignment.helper.full_name}自 {assignment.start_date} 起才担任帮扶责任人，调整日期应晚于该日"
                )
            assignment.end_date = on - timedelta(days=1)
            assignment.save(update_fields=["end_date"])
    kept = {a.helper_id for a in current}
    for helper in helpers:
        if helper.pk not in kept:
            HelperAssignment.objects.create(
                unit_id=assisted.unit_id,
                community_id=assisted.community_id,
                assisted=assisted,
                helper=helper,
                start_date=on,
            )
    names = lambda users: "、".join(u.full_name or u.username for u in users)  # noqa: E731
    if {u.pk for u in before} != wanted:
        audit_append(
            [
                _draft(
                    assisted,
                    AuditEntry.Action.UPDATE,
                    "assistance.household",
                    assisted.pk,
                    f"帮扶户 {assisted.household.household_no}",
                    {"帮扶责任人": [names(before), names(helpers)], "调整日期": [None, on]},
                    reason,
                )
            ],
            actor=actor,
        )


def helpers_on(assisted: AssistedHousehold, day: date) -> list[User]:
    return [a.helper for a in assisted.assignments.select_related("helper") if a.active_on(day)]


def is_helper(user, assisted: AssistedHousehold, day: date | None = None) -> bool:
    """Whether the user is one of the household's helpers on the day (today when not given)."""
    return any(h.pk == user.pk for h in helpers_on(assisted, day or clock.today()))


def may_act_for(user, assisted: AssistedHousehold, day: date | None = None) -> bool:
    """The household's helper that day, or its unit's admin: who records its visits, cleanings, measures."""
    return is_unit_admin_of(user, assisted.unit_id) or is_helper(user, assisted, day)


# --- rules -------------------------------------------------------------------------------------


def unit_rules(unit_id: int) -> list[rules.VisitRule]:
    return [
        rules.VisitRule(v.effective_from, v.min_visits_per_month, v.min_minutes)
        for v in VisitRuleVersion.objects.filter(unit_id=unit_id)
    ]


@transaction.atomic
def rule_version_create(
    *, actor, unit: OrgNode, effective_from: date, min_visits_per_month: int, min_minutes: int, note: str = ""
) -> VisitRuleVersion:
    _require_manager(actor, unit.pk)
    if min_visits_per_month < 1 or min_minutes < 1:
        raise ValidationError("每月次数和每次时长都至少为 1")
    if VisitRuleVersion.objects.filter(unit=unit, effective_from=effective_from).exists():
        raise ValidationError(f"{effective_from} 已有一版规则；如需修改，请另选生效日期")
    version = VisitRuleVersion.objects.create(
        unit=unit,
        effective_from=effective_from,
        note=note,
        created_by=actor,
        min_visits_per_month=min_visits_per_month,
        min_minutes=min_minutes,
    )
    audit_append(
        [
            Draft(
                action=AuditEntry.Action.CREATE,
                object_type="assistance.rule",
                object_id=str(version.pk),
                object_repr=f"走访规则（{effective_from} 起）",
                unit_id=unit.pk,
                changes={
                    "生效日期": [None, effective_from],
                    "每月最少有效走访次数": [None, min_visits_per_month],
                    "每次走访最少时长（分钟）": [None, min_minutes],
                },
                reason=note,
            )
        ],
        actor=actor,
    )
    return version


# --- visits ------------------------------------------------------------------------------------


def _check_visitors(actor, assisted: AssistedHousehold, visitors: list[User], day: date) -> None:
    helpers = {h.pk for h in helpers_on(assisted, day)}
    if not (actor.pk in helpers or is_unit_admin_of(actor, assisted.unit_id)):
        raise PermissionDenied(
            f"您不是户 {assisted.household.household_no} 在 {day} 的帮扶责任人，也不是单位管理员，不能登记走访"
        )
    if not visitors:
        raise ValidationError("请选择走访人")
    for visitor in visitors:
        if visitor.pk not in helpers and not is_unit_admin_of(visitor, assisted.unit_id):
            raise ValidationError(
                f"{visitor.full_name or visitor.username}不是该户 {day} 的帮扶责任人，也不是单位管理员"
            )


def _check_overlaps(visitors: list[User], started_at: datetime, ended_at: datetime, exclude_id=None) -> None:
    for visitor in visitors:
        others = (
            Visit.objects.filter(
                helpers=visitor, status=RecordStatus.ACTIVE, started_at__lt=ended_at, ended_at__gt=started_at
            )
            .exclude(pk=exclude_id)
            .select_related("assisted__household")
            .order_by("started_at")
        )
        clash = others.first()
        if clash is not None:
            local = timezone.localtime
            raise ValidationError(
                f"{visitor.full_name or visitor.username}在 {local(clash.started_at):%m-%d %H:%M}–{local(clash.ended_at):%H:%M} "
                f"正在走访户 {clash.assisted.household.household_no}，同一人不能同时在两户走访"
            )


def visit_record(
    *,
    actor,
    assisted: AssistedHousehold,
    visitors: list[User],
    started_at: datetime,
    ended_at: datetime,
    values: dict | None = None,
    idempotency_key: str | None = None,
    source: str = Visit.Source.FORM,
    start_position=None,
    end_position=None,
    photos=(),
) -> tuple[Visit, bool]:
    """Record a visit; returns (visit, created). A repeated idempotency key returns the first visit unchanged."""
    if idempotency_key:
        existing = Visit.objects.filter(unit_id=assisted.unit_id, idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing, False
    try:
        with transaction.atomic():
            return _visit_create(
                actor,
                assisted,
                visitors,
                started_at,
                ended_at,
                values or {},
                idempotency_key,
                source,
                start_position,
                end_position,
                photos,
            ), True
    except IntegrityError:
        # The same form, sent twice at the same moment: the other request made it.
        existing = Visit.objects.filter(unit_id=assisted.unit_id, idempotency_key=idempotency_key).first()
        if idempotency_key and existing is not None:
            return existing, False
        raise


def _visit_create(
    actor,
    assisted,
    visitors,
    started_at,
    ended_at,
    values,
    idempotency_key,
    source,
    start_position,
    end_position,
    photos,
) -> Visit:
    try:
        rules.check_visit_times(started_at, ended_at, now=clock.now())
    except rules.InvalidVisit as exc:
        raise ValidationError(exc.message)
    day = timezone.localdate(started_at)
    if assisted.start_date > day or (assisted.end_date and assisted.end_date < day):
        raise ValidationError(f"{day} 该户不在帮扶期内")
    _check_visitors(actor, assisted, visitors, day)
    _check_overlaps(visitors, started_at, ended_at)
    known = set(VISIT_TEXT_FIELDS) | set(VISIT_CHECK_FIELDS)
    unknown = set(values) - known
    if unknown:
        raise ValueError(f"unknown visit fields: {unknown}")
    visit = Visit.objects.create(
        unit_id=assisted.unit_id,
        community_id=assisted.community_id,
        assisted=assisted,
        recorded_by=actor,
        visit_date=day,
        started_at=started_at,
        ended_at=ended_at,
        minutes=rules.visit_minutes(started_at, ended_at),
        idempotency_key=idempotency_key or None,
        source=source,
        start_latitude=start_position[0] if start_position else None,
        start_longitude=start_position[1] if start_position else None,
        end_latitude=end_position[0] if end_position else None,
        end_longitude=end_position[1] if end_position else None,
        **values,
    )
    visit.full_clean(exclude=["helpers"])
    visit.helpers.set(visitors)
    for image in photos:
        VisitPhoto.objects.create(unit_id=visit.unit_id, community_id=visit.community_id, visit=visit, image=image)
    counted, why = rules.visit_validity(
        day=day, minutes=visit.minutes, voided=False, rules=unit_rules(assisted.unit_id)
    )
    changes = {
        "走访日期": [None, day],
        "时间": [None, f"{timezone.localtime(started_at):%H:%M}–{timezone.localtime(ended_at):%H:%M}"],
        "时长（分钟）": [None, visit.minutes],
        "走访人": [None, "、".join(v.full_name or v.username for v in visitors)],
        "是否计入": [None, "计入" if counted else f"不计入：{why}"],
    }
    changes |= {
        VISIT_LABELS[k]: [None, CheckResult(v).label if k in VISIT_CHECK_FIELDS else v]
        for k, v in values.items()
        if v and v != CheckResult.SKIPPED
    }
    if photos:
        changes["照片"] = [None, f"{len(photos)} 张"]
    audit_append(
        [
            _draft(
                assisted,
                AuditEntry.Action.CREATE,
                "assistance.visit",
                visit.pk,
                f"走访 {assisted.household.household_no} {day}",
                changes,
            )
        ],
        actor=actor,
    )
    return visit


@transaction.atomic
def visit_void(*, actor, visit: Visit, reason: str) -> Visit:
    visit = Visit.objects.select_for_update(of=("self",)).select_related("assisted__household").get(pk=visit.pk)
    if not (visit.recorded_by_id == actor.pk or is_unit_admin_of(actor, visit.unit_id)):
        raise PermissionDenied("只有登记人或单位管理员可以作废走访记录")
    if visit.status == RecordStatus.VOIDED:
        raise ValidationError("该走访记录已经作废")
    if not (reason or "").strip():
        raise ValidationError("请填写作废原因")
    visit.status, visit.void_reason, visit.voided_at, visit.voided_by = (
        RecordStatus.VOIDED,
        reason.strip(),
        clock.now(),
        actor,
    )
    visit.save(update_fields=["status", "void_reason", "voided_at", "voided_by", "updated_at"])
    audit_append(
        [
            _draft(
                visit.assisted,
                AuditEntry.Action.VOID,
                "assistance.visit",
                visit.pk,
                f"走访 {visit.assisted.household.household_no} {visit.visit_date}",
                {"状态": ["有效", "已作废"]},
                reason.strip(),
            )
        ],
        actor=actor,
    )
    return visit


@transaction.atomic
def measures_update(*, actor, assisted: AssistedHousehold, measures: str, benefits: str) -> AssistedHousehold:
    """The household's assistance measures and the policies it enjoys, as printed on its 明白卡."""
    if not may_act_for(actor, assisted):
        raise PermissionDenied("只有该户帮扶责任人或单位管理员可以修改帮扶措施")
    before = {"帮扶措施": assisted.measures, "享受政策": assisted.benefits}
    assisted.measures, assisted.benefits = measures.strip(), benefits.strip()
    assisted.save(update_fields=["measures", "benefits", "updated_at"])
    changes = {
        k: [before[k], v]
        for k, v in {"帮扶措施": assisted.measures, "享受政策": assisted.benefits}.items()
        if before[k] != v
    }
    if changes:
        audit_append(
            [
                _draft(
                    assisted,
                    AuditEntry.Action.UPDATE,
                    "assistance.household",
                    assisted.pk,
                    f"帮扶户 {assisted.household.household_no}",
                    changes,
                )
            ],
            actor=actor,
        )
    return assisted


@transaction.atomic
def location_set(*, actor, assisted: AssistedHousehold, latitude, longitude) -> AssistedHousehold:
    """Record where the household is (the phone's position at its door), for the visit-distance signal."""
    if not may_act_for(actor, assisted):
        raise PermissionDenied("只有该户帮扶责任人或单位管理员可以记录位置")
    if latitude is None or longitude is None or not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValidationError("位置无效")
    before = assisted.location
    assisted.latitude, assisted.longitude = latitude, longitude
    assisted.save(update_fields=["latitude", "longitude", "updated_at"])
    audit_append(
        [
            _draft(
                assisted,
                AuditEntry.Action.UPDATE,
                "assistance.household",
                assisted.pk,
                f"帮扶户 {assisted.household.household_no}",
                {
                    "登记位置": [
                        f"{before[0]:.6f}, {before[1]:.6f}" if before else None,
                        f"{float(latitude):.6f}, {float(longitude):.6f}",
                    ]
                },
            )
        ],
        actor=actor,
    )
    return assisted
