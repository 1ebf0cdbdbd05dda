"""The figures 棚改旧改 publishes to the cockpit and to staff scoring (declared in apps.py; contract in hub.metrics).

All are the progress page's running totals as of a day (`progress.unit_cells`, the same grouped counts as
`progress_as_of`), over every project of the units."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.urls import reverse

from taizhang.core.manifest import Value
from taizhang.core.models import RecordStatus
from taizhang.hub.cockpit import WorkCard, WorkItem
from taizhang.hub.metrics import shared
from taizhang.renewal import progress
from taizhang.renewal.models import ProjectGroup, ProjectHousehold


def _figure(table: str, figure: str):
    def compute(*, unit_ids: list[int], as_of: date, month: date) -> dict:
        cells = shared(
            ("renewal", table, tuple(unit_ids), as_of), lambda: progress.unit_cells(unit_ids, as_of, (table,))
        )
        return {key: Value(counts.get(figure, 0)) for key, counts in cells.items() if counts.get(figure, 0)}

    compute.__doc__ = f"ProgressFigures.{figure} per unit and 村居 as of the day."
    return compute


measured = _figure("households", "measured")
determined = _figure("households", "determined")
signed = _figure("agreements", "signed")
vacated = _figure("agreements", "vacated")


def measured_by(user, *, as_of: date, month: date) -> Value | None:
    """Households whose courtyard the person measured (a valid measurement by the day, among its measurers)."""
    if not user.unit_id:
        return None
    households = (
        ProjectHousehold.objects.filter(
            unit_id=user.unit_id,
            sites__measurements__measurers=user,
            sites__measurements__measured_on__lte=as_of,
            sites__measurements__status=RecordStatus.ACTIVE,
        )
        .values("id")
        .distinct()
        .count()
    )
    in_a_group = ProjectGroup.objects.filter(Q(leader=user) | Q(members=user), unit_id=user.unit_id).exists()
    return Value(households) if households or in_a_group else None


WORK_LIMIT = 8


def worker_home(user, today: date) -> WorkCard | None:
    """A regional group member's households not yet measured (their group's, in the projects they work on)."""
    groups = list(
        ProjectGroup.objects.filter(
            Q(leader=user) | Q(members=user), unit_id=user.unit_id, kind=ProjectGroup.Kind.REGIONAL
        )
        .distinct()
        .select_related("project")
    )
    if not groups:
        return None
    waiting = (
        ProjectHousehold.objects.visible_to(user)
        .filter(group__in=groups, measured_on__isnull=True)
        .select_related("household__head")
        .order_by("household__household_no")
    )
    count = waiting.count()
    items = [
        WorkItem(
            f"{entry.household.household_no} {entry.household.head.name if entry.household.head else ''}".strip(),
            "待测量",
            reverse("registry:household_detail", args=[entry.household_id]),
        )
        for entry in waiting[:WORK_LIMIT]
    ]
    project = groups[0].project
    return WorkCard(
        title=f"本组待测量（{count} 户）",
        note="、".join(sorted({g.name for g in groups})),
        items=items,
        empty="本组的户都已测量",
        more_url=reverse("renewal:site_list", args=[project.pk]),
        more_label="院落与测量",
        more_count=count - len(items),
    )
