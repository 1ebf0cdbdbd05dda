"""Writes of visits (走访): recorded (once, whatever the phone retries) and voided, each inside a transaction,
leaving an audit entry."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from taizhang.assistance import rules
from taizhang.assistance.households import assisted_draft
from taizhang.assistance.models import CHECKLIST, FINDINGS, AssistedHousehold, CheckResult, Visit, VisitPhoto
from taizhang.assistance.photos import phash_of
from taizhang.assistance.policies import is_unit_admin_of
from taizhang.assistance.selectors import helpers_on, unit_rules
from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_append
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.org.models import User

VISIT_TEXT_FIELDS = [f"{key}_note" for key, _, _ in CHECKLIST] + [key for key, _ in FINDINGS] + ["notes"]


VISIT_CHECK_FIELDS = [key for key, _, _ in CHECKLIST]


VISIT_LABELS = (
    {key: label for key, label, _ in CHECKLIST}
    | {f"{key}_note": f"{label}说明" for key, label, _ in CHECKLIST}
    | dict(FINDINGS)
    | {"notes": "走访内容"}
)


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
    """Record a visit; returns (visit, created). A repeated idempotency key returns the first visit unchanged, however
    many retries of it arrive at once: the key is looked up before any rule (the first visit would otherwise overlap its
    own retries), inside the transaction, after the household's row is locked, so a retry waits for the first to commit
    and then finds it; the unique (unit, key) constraint catches what slips through."""
    try:
        with transaction.atomic():
            # PostgreSQL: visits to one household are recorded one at a time (SQLite's IMMEDIATE transactions already
            # serialise every write).
            list(AssistedHousehold.objects.select_for_update().filter(pk=assisted.pk).values_list("pk"))
            existing = _sent_before(assisted, idempotency_key)
            if existing is not None:
                return existing, False
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
        existing = _sent_before(assisted, idempotency_key)
        if existing is not None:
            return existing, False
        raise


def _sent_before(assisted: AssistedHousehold, idempotency_key: str | None) -> Visit | None:
    if not idempotency_key:
        return None
    return Visit.objects.filter(unit_id=assisted.unit_id, idempotency_key=idempotency_key).first()


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
        VisitPhoto.objects.create(
            unit_id=visit.unit_id, community_id=visit.community_id, visit=visit, image=image, phash=phash_of(image)
        )
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
            assisted_draft(
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
            assisted_draft(
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
