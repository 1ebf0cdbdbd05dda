"""The assistance module's to-dos in the one inbox (hub.tasks has the contract): problems handed to a department,
problems reported and not yet handed over, archive findings given to the archive group, and this month's visits
still due. Each is computed live from the records, in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from taizhang.assistance import rules, selectors
from taizhang.assistance.models import ArchiveFinding, HelperAssignment, Problem
from taizhang.assistance.policies import is_unit_admin_of
from taizhang.core.models import RecordStatus
from taizhang.hub.tasks import Audience, Task, TaskCount, count_of

Stage = Problem.Stage
PROBLEM_FIELDS = (
    "id",
    "category",
    "description",
    "due_date",
    "assigned_at",
    "reported_at",
    "department__name",
    "department__node_id",
    "assisted__household__household_no",
    "assisted__household__head__name",
)


def _household(no: str, head: str | None) -> str:
    return f"户 {no} {head or ''}".rstrip()


def _problems(audience: Audience) -> QuerySet[Problem]:
    return Problem.objects.visible_to(audience.user).filter(unit_id=audience.unit_id, status=RecordStatus.ACTIVE)


def _limited(queryset: QuerySet, limit: int | None) -> QuerySet:
    return queryset[:limit] if limit is not None else queryset


# --- problems handed to a department: its work group must act until the problem is solved --------------------


def _assigned(audience: Audience) -> QuerySet[Problem]:
    return _problems(audience).filter(stage=Stage.ASSIGNED, department__node_id__in=audience.group_ids)


def assigned_problems(audience: Audience, *, limit: int | None = None) -> list[Task]:
    rows = _limited(
        _assigned(audience).order_by(F("due_date").asc(nulls_last=True), "id").values(*PROBLEM_FIELDS), limit
    )
    return [
        Task(
            title=f"办理{row['category']}问题",
            subject=f"{_household(row['assisted__household__household_no'], row['assisted__household__head__name'])}"
            f" · {row['description'][:40]}",
            url=reverse("assistance:problem_detail", args=[row["id"]]),
            due=row["due_date"],
            node_id=row["department__node_id"],
            detail=f"交办{row['department__name']}",
        )
        for row in rows
    ]


def assigned_count(audience: Audience) -> TaskCount:
    return count_of(_assigned(audience), "due_date", audience.today)


# --- problems reported to the town office, not yet handed to a department: the unit admin must act -----------


def _reported(audience: Audience) -> QuerySet[Problem]:
    if not is_unit_admin_of(audience.user, audience.unit_id):
        return Problem.objects.none()
    return _problems(audience).filter(stage=Stage.REPORTED)


def reported_problems(audience: Audience, *, limit: int | None = None) -> list[Task]:
    rows = _limited(_reported(audience).order_by("reported_at", "id").values(*PROBLEM_FIELDS), limit)
    return [
        Task(
            title=f"交办{row['category']}问题",
            subject=f"{_household(row['assisted__household__household_no'], row['assisted__household__head__name'])}"
            f" · {row['description'][:40]}",
            url=reverse("assistance:problem_detail", args=[row["id"]]),
            node_id=audience.unit_id,
            detail=f"{timezone.localdate(row['reported_at']):%Y-%m-%d} 上报" if row["reported_at"] else "已上报",
        )
        for row in rows
    ]


def reported_count(audience: Audience) -> TaskCount:
    return count_of(_reported(audience), None, audience.today)


# --- archive findings (缺项/错项) given to the archive work group, one task per household --------------------


def _findings(audience: Audience) -> QuerySet[ArchiveFinding]:
    return ArchiveFinding.objects.visible_to(audience.user).filter(
        unit_id=audience.unit_id, fixed_at__isnull=True, group_id__in=audience.group_ids
    )


def archive_findings(audience: Audience, *, limit: int | None = None) -> list[Task]:
    rows = _limited(
        _findings(audience)
        .values("assisted_id", "group_id", "assisted__household__household_no", "assisted__household__head__name")
        .annotate(
            missing=Count("id", filter=Q(kind=ArchiveFinding.Kind.MISSING)),
            wrong=Count("id", filter=Q(kind=ArchiveFinding.Kind.WRONG)),
        )
        .order_by("assisted__household__household_no", "group_id"),
        limit,
    )
    return [
        Task(
            title="整改一户一档",
            subject=_household(row["assisted__household__household_no"], row["assisted__household__head__name"]),
            url=reverse("assistance:household_archive", args=[row["assisted_id"]]),
            node_id=row["group_id"],
            detail="、".join(
                part
                for part in (
                    f"缺项 {row['missing']} 处" if row["missing"] else "",
                    f"错项 {row['wrong']} 处" if row["wrong"] else "",
                )
                if part
            ),
        )
        for row in rows
    ]


def archive_count(audience: Audience) -> TaskCount:
    return count_of(_findings(audience), None, audience.today, distinct="assisted_id")


# --- this month's visits still due: a helper's households not yet 达标 (the compliance selectors' rule) -------


def due_visits(audience: Audience, *, limit: int | None = None) -> list[Task]:
    month = rules.Month.of(audience.today)
    helping = HelperAssignment.objects.filter(
        unit_id=audience.unit_id, helper_id=audience.user_id, start_date__lte=month.last_day
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=month.first_day))
    if not helping.exists():  # one query for everyone who helps no household
        return []
    due = selectors.my_households(audience.user, month).due
    tasks = [
        Task(
            title=f"本月还需走访 {h.result.missing} 次",
            subject=_household(h.household_no, h.head),
            url=reverse("assistance:visit_new", args=[h.assisted_id]),
            due=month.last_day,
            user_id=audience.user_id,
            detail=f"{h.community} · 有效走访 {h.valid}/{h.required} 次",
        )
        for h in sorted(due, key=lambda h: h.household_no)
    ]
    return tasks[:limit] if limit is not None else tasks
