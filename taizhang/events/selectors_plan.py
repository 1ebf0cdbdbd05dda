"""Scoped reads for planning: an event's staff rota, its checklist, its budget sheet, a user's own assignments, and
the figures of the event page's planning card."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from taizhang.events.models import BudgetLine, Event, PrepTask, Spending, StaffAssignment
from taizhang.events.rules import plan as rules
from taizhang.org.models import User
from taizhang.org.scoping import get_visible_or_404


def unit_staff(unit_id: int) -> QuerySet[User]:
    return User.objects.filter(unit_id=unit_id, is_active=True).order_by("username")


def assignment_or_404(user, assignment_id: int) -> StaffAssignment:
    return get_visible_or_404(
        StaffAssignment.objects.select_related("event", "event__unit", "session", "user"), user, pk=assignment_id
    )


def task_or_404(user, prep_task_id: int) -> PrepTask:
    return get_visible_or_404(PrepTask.objects.select_related("event", "event__unit", "owner"), user, pk=prep_task_id)


def line_or_404(user, budget_line_id: int) -> BudgetLine:
    return get_visible_or_404(BudgetLine.objects.select_related("event", "event__unit"), user, pk=budget_line_id)


def spending_or_404(user, event_spending_id: int) -> Spending:
    return get_visible_or_404(
        Spending.objects.select_related("event", "event__unit", "line"), user, pk=event_spending_id
    )


# --- the rota ---------------------------------------------------------------------------------------------------


@dataclass
class RotaGroup:
    title: str  # 全程 or the session's name
    when: str
    assignments: list = field(default_factory=list)


def assignments(event: Event) -> QuerySet[StaffAssignment]:
    return event.assignments.select_related("user", "session").order_by(
        "session__sort_order", "session_id", "starts_at", "id"
    )


def rota(event: Event) -> list[RotaGroup]:
    """The duty rota: the whole event's assignments first, then each session's, in the programme's order."""
    groups: dict[int | None, RotaGroup] = {None: RotaGroup("全程", "")}
    for assignment in assignments(event):
        session = assignment.session
        key = session.pk if session else None
        if key not in groups:
            when = f"{session.starts_at:%H:%M}—{session.ends_at:%H:%M}" if session.starts_at and session.ends_at else ""
            groups[key] = RotaGroup(session.name, when)
        groups[key].assignments.append(assignment)
    return [g for g in groups.values() if g.assignments]


def my_assignments(user) -> QuerySet[StaffAssignment]:
    """The user's own assignments across the events, the coming ones first."""
    return (
        StaffAssignment.objects.visible_to(user)
        .filter(user=user)
        .select_related("event", "session")
        .order_by("event__finished", "-event__starts_on", "starts_at", "id")
    )


# --- the checklist ----------------------------------------------------------------------------------------------


def tasks(event: Event, *, q: str = "", state: str = "", owner: int | None = None, today: date) -> QuerySet[PrepTask]:
    found = event.prep_tasks.select_related("owner")
    if q:
        found = found.filter(Q(title__icontains=q) | Q(note__icontains=q))
    if owner:
        found = found.filter(owner_id=owner)
    soon = today + timedelta(days=rules.DUE_SOON_DAYS)
    if state == rules.DONE:
        found = found.filter(done_on__isnull=False)
    elif state == rules.OVERDUE:
        found = found.filter(done_on__isnull=True, due_on__lt=today)
    elif state == rules.DUE_SOON:
        found = found.filter(done_on__isnull=True, due_on__gte=today, due_on__lte=soon)
    elif state == "undone":
        found = found.filter(done_on__isnull=True)
    return found.order_by("done_on", "due_on", "id")


# --- the budget -------------------------------------------------------------------------------------------------


@dataclass
class BudgetRow:
    line: BudgetLine
    totals: rules.Totals


def budget(event: Event) -> tuple[list[BudgetRow], rules.Totals]:
    """The budget lines with what was spent on each (voided spending left out), and the overall totals. One query."""
    lines = event.budget_lines.annotate(
        spent=Sum("spendings__amount", filter=Q(spendings__voided_at__isnull=True))
    ).order_by("sort_order", "id")
    rows = [BudgetRow(line, rules.line_totals(line.budgeted, [line.spent or Decimal(0)])) for line in lines]
    return rows, rules.overall(r.totals for r in rows)


BUDGET_COLUMNS = ["序号", "科目", "预算金额（元）", "已支出（元）", "结余（元）", "执行率（%）", "说明"]


def budget_table(event: Event) -> list[list]:
    """The budget sheet's rows under BUDGET_COLUMNS, the totals last: the budget's Excel and the report's sheet."""
    rows, totals = budget(event)
    table = [
        [n, r.line.item, r.totals.budgeted, r.totals.spent, r.totals.remaining, r.totals.spent_percent, r.line.note]
        for n, r in enumerate(rows, start=1)
    ]
    table.append(["", "合计", totals.budgeted, totals.spent, totals.remaining, totals.spent_percent, ""])
    return table


def spendings(event: Event, *, line: int | None = None) -> QuerySet[Spending]:
    found = event.spendings.select_related("line", "created_by")
    if line:
        found = found.filter(line_id=line)
    return found.order_by("-spent_on", "-id")


# --- the event page's card --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanFigures:
    sessions: int
    staff: int
    open_tasks: int
    overdue_tasks: int
    budgeted: Decimal
    spent: Decimal


def plan_figures(event: Event, today: date) -> PlanFigures:
    staff = event.assignments.aggregate(n=Count("user", distinct=True))["n"]
    tasks_ = event.prep_tasks.aggregate(
        open=Count("id", filter=Q(done_on__isnull=True)),
        overdue=Count("id", filter=Q(done_on__isnull=True, due_on__lt=today)),
    )
    _, totals = budget(event)
    return PlanFigures(
        sessions=event.sessions.count(),
        staff=staff,
        open_tasks=tasks_["open"],
        overdue_tasks=tasks_["overdue"],
        budgeted=totals.budgeted,
        spent=totals.spent,
    )
