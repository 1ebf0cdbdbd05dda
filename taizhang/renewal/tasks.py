"""The renewal module's to-dos in the one inbox (hub.tasks has the contract): the cross-check's open discrepancy tasks
for the population group, and open objections to a publicity for whoever answers them (publicity.may_answer: the unit
admin and the population group). Computed live from the records, one query each."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from taizhang.hub.tasks import Audience, Task, TaskCount, count_of
from taizhang.org.models import Role
from taizhang.renewal.models import CrosscheckTask, Objection, ProjectGroup

# --- cross-check discrepancies: the population group's members (the staff of its org node) ------------------


def _discrepancies(audience: Audience) -> QuerySet[CrosscheckTask]:
    return CrosscheckTask.objects.visible_to(audience.user).filter(
        unit_id=audience.unit_id, status=CrosscheckTask.Status.OPEN, group__node_id__in=audience.group_ids
    )


def crosscheck_tasks(audience: Audience, *, limit: int | None = None) -> list[Task]:
    rows = (
        _discrepancies(audience)
        .order_by("id")
        .values(
            "id",
            "category",
            "ledger_name",
            "police_name",
            "group__node_id",
            "project__name",
            "entry__household__household_no",
            "community__name",
        )
    )
    if limit is not None:
        rows = rows[:limit]
    return [
        Task(
            title=f"核实比对差异：{row['category']}",
            subject=" · ".join(
                part
                for part in (
                    row["ledger_name"] or row["police_name"],
                    f"户 {row['entry__household__household_no']}" if row["entry__household__household_no"] else "",
                    row["community__name"] or "",
                )
                if part
            ),
            url=reverse("renewal:crosscheck_task", args=[row["id"]]),
            node_id=row["group__node_id"],
            detail=f"{row['project__name']} 数据比对",
        )
        for row in rows
    ]


def crosscheck_count(audience: Audience) -> TaskCount:
    return count_of(_discrepancies(audience), None, audience.today)


# --- objections to answer: the unit admin (as the unit office) and the population group ---------------------


def _objections(audience: Audience) -> tuple[QuerySet[Objection], bool]:
    """Open objections the audience answers, and whether it is as the unit office (else as the population group)."""
    found = Objection.objects.visible_to(audience.user).filter(unit_id=audience.unit_id, status=Objection.Status.OPEN)
    if audience.user.role == Role.UNIT_ADMIN:
        return found, True
    projects = ProjectGroup.objects.filter(
        unit_id=audience.unit_id, kind=ProjectGroup.Kind.POPULATION, node_id__in=audience.group_ids
    ).values("project_id")
    return found.filter(publicity__project_id__in=projects), False


def open_objections(audience: Audience, *, limit: int | None = None) -> list[Task]:
    found, as_office = _objections(audience)
    # Due when the window closes: the household's result cannot become final while the objection is open.
    rows = found.order_by("publicity__ends_on", "id").values(
        "id",
        "submitted_by",
        "received_on",
        "publicity__ends_on",
        "publicity__project__name",
        "community__name",
        "entry__household__household_no",
    )
    if limit is not None:
        rows = rows[:limit]
    node_id = audience.unit_id if as_office else next(iter(audience.group_ids), None)
    return [
        Task(
            title="答复公示异议",
            subject=f"户 {row['entry__household__household_no']} · 异议人 {row['submitted_by']}",
            url=reverse("renewal:objection_detail", args=[row["id"]]),
            due=row["publicity__ends_on"],
            node_id=node_id,
            detail=f"{row['publicity__project__name']} {row['community__name']}公示 · {row['received_on']:%Y-%m-%d} 收到",
        )
        for row in rows
    ]


def objection_count(audience: Audience) -> TaskCount:
    return count_of(_objections(audience)[0], "publicity__ends_on", audience.today)
