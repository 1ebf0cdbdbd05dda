"""The planning area's URL keywords for the scoping walk: records of 新市镇's festival."""

from datetime import date
from decimal import Decimal

from taizhang.events import plan, plan_budget
from taizhang.events.models import BudgetLine, PrepTask, Spending, StaffAssignment
from tests.events.conftest import festival_event as _festival_event


def assignment_id(world):
    event = _festival_event(world)
    found = StaffAssignment.objects.filter(event=event).first()
    return (found or plan.assignment_create(actor=None, event=event, user=world.xs_worker, duty="签到台")).pk


def prep_task_id(world):
    event = _festival_event(world)
    found = PrepTask.objects.filter(event=event).first()
    return (
        found
        or plan.task_create(actor=None, event=event, title="搭建舞台", owner=world.xs_admin, due_on=date(2020, 9, 15))
    ).pk


def _line(world) -> BudgetLine:
    event = _festival_event(world)
    found = BudgetLine.objects.filter(event=event).first()
    return found or plan_budget.line_create(actor=None, event=event, item="舞台音响", budgeted=Decimal("8000"))


def budget_line_id(world):
    return _line(world).pk


def event_spending_id(world):
    line = _line(world)
    found = Spending.objects.filter(line=line).first()
    return (
        found
        or plan_budget.spending_create(
            actor=None, line=line, spent_on=date(2020, 9, 10), amount=Decimal("3000"), payee="济阳音响租赁"
        )
    ).pk


FACTORIES = {
    "assignment_id": assignment_id,
    "prep_task_id": prep_task_id,
    "budget_line_id": budget_line_id,
    "event_spending_id": event_spending_id,
}
