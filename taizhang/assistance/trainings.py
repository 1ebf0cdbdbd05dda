"""The biweekly dispatch meetings and trainings (调度培训): the schedule, topics and materials, attendance."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from taizhang.assistance import rules
from taizhang.assistance.models import HelperAssignment, TrainingAttendance, TrainingSession
from taizhang.assistance.policies import is_unit_admin_of
from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append
from taizhang.core.models import RecordStatus
from taizhang.org.models import User


def _require_admin(actor, unit_id: int) -> None:
    if not is_unit_admin_of(actor, unit_id):
        raise PermissionDenied("只有本单位管理员（镇扶贫办）可以安排调度培训")


def _draft(session: TrainingSession, action: str, changes: dict) -> Draft:
    return Draft(
        action=action,
        object_type="assistance.training",
        object_id=str(session.pk),
        object_repr=f"调度培训 {session.date}",
        unit_id=session.unit_id,
        changes=changes,
    )


def helpers_on_day(unit_id: int, day: date) -> list[User]:
    """Everyone assigned to an assisted household of the unit on that day: who should attend."""
    ids = (
        HelperAssignment.objects.filter(unit_id=unit_id, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .values("helper_id")
    )
    return list(User.objects.filter(pk__in=ids).order_by("full_name", "username"))


@transaction.atomic
def schedule(*, actor, unit_id: int, start: date, until: date, interval_days: int = 14, topics: str = "") -> int:
    """Plan sessions from `start` every `interval_days` days until `until`; days already planned are kept."""
    _require_admin(actor, unit_id)
    try:
        dates = rules.training_dates(start, until, interval_days)
    except ValueError as exc:
        raise ValidationError(str(exc))
    if len(dates) > 120:
        raise ValidationError("一次最多安排 120 次")
    taken = set(TrainingSession.objects.filter(unit_id=unit_id, date__in=dates).values_list("date", flat=True))
    new = [TrainingSession(unit_id=unit_id, date=day, topics=topics) for day in dates if day not in taken]
    TrainingSession.objects.bulk_create(new)
    if new:
        audit_append(
            [
                Draft(
                    action=AuditEntry.Action.CREATE,
                    object_type="assistance.training-schedule",
                    object_repr=f"调度培训安排 {start}–{until}",
                    unit_id=unit_id,
                    changes={
                        "安排": [None, f"{len(new)} 次，每 {interval_days} 天一次，{start} 起"],
                        "培训内容": [None, topics or None],
                    },
                )
            ],
            actor=actor,
        )
    return len(new)


@transaction.atomic
def session_update(
    *, actor, session: TrainingSession, topics: str, materials: str, material_file=None
) -> TrainingSession:
    _require_admin(actor, session.unit_id)
    before = {"培训内容": session.topics, "材料与要求": session.materials}
    session.topics, session.materials = topics.strip(), materials.strip()
    if material_file:
        session.material_file = material_file
    session.save()
    after = {"培训内容": session.topics, "材料与要求": session.materials}
    changes = {k: [before[k], v] for k, v in after.items() if before[k] != v}
    if material_file:
        changes["材料文件"] = [None, session.material_file.name.rsplit("/", 1)[-1]]
    if changes:
        audit_append([_draft(session, AuditEntry.Action.UPDATE, changes)], actor=actor)
    return session


@transaction.atomic
def attendance_record(
    *, actor, session: TrainingSession, present: set[int], notes: dict[int, str] | None = None
) -> None:
    """Mark the session held and record every expected helper as present or absent."""
    _require_admin(actor, session.unit_id)
    if session.status == RecordStatus.VOIDED:
        raise ValidationError("该次培训已取消")
    helpers = helpers_on_day(session.unit_id, session.date)
    unknown = present - {h.pk for h in helpers}
    if unknown:
        raise ValidationError("出席名单中有当天不是帮扶责任人的人员")
    notes = notes or {}
    for helper in helpers:
        TrainingAttendance.objects.update_or_create(
            session=session,
            helper=helper,
            defaults={
                "unit_id": session.unit_id,
                "present": helper.pk in present,
                "note": notes.get(helper.pk, "")[:100],
            },
        )
    session.held = True
    session.save(update_fields=["held", "updated_at"])
    absent = [h.full_name or h.username for h in helpers if h.pk not in present]
    audit_append(
        [
            _draft(
                session,
                AuditEntry.Action.UPDATE,
                {
                    "出席": [None, f"{len(helpers) - len(absent)}/{len(helpers)}"],
                    "缺席": [None, "、".join(absent) or None],
                },
            )
        ],
        actor=actor,
    )


@dataclass
class HelperAttendance:
    helper: str
    expected: int = 0
    attended: int = 0
    missed: list[date] = field(default_factory=list)


def attendance_summary(user, first: date, last: date) -> list[HelperAttendance]:
    """Per helper, over the sessions held in the period: expected, attended and the dates missed (most missed first)."""
    rows = (
        TrainingAttendance.objects.visible_to(user)
        .filter(session__held=True, session__status=RecordStatus.ACTIVE, session__date__range=(first, last))
        .values_list("helper_id", "helper__full_name", "helper__username", "present", "session__date")
    )
    summary: dict[int, HelperAttendance] = {}
    for helper_id, name, username, present, day in rows:
        item = summary.setdefault(helper_id, HelperAttendance(name or username))
        item.expected += 1
        item.attended += present
        if not present:
            item.missed.append(day)
    for item in summary.values():
        item.missed.sort()
    return sorted(summary.values(), key=lambda h: (-len(h.missed), h.helper))


def sessions_with_rates(user, first: date, last: date) -> list[tuple[TrainingSession, int, int]]:
    """The sessions of the period with (present, expected) counts: two queries."""
    sessions = list(TrainingSession.objects.visible_to(user).filter(date__range=(first, last)).order_by("date"))
    counts = defaultdict(lambda: [0, 0])
    for session_id, present in TrainingAttendance.objects.filter(session__in=[s.pk for s in sessions]).values_list(
        "session_id", "present"
    ):
        counts[session_id][0] += present
        counts[session_id][1] += 1
    return [(s, *counts[s.pk]) for s in sessions]
