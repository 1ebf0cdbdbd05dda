"""Planning an event: its staff rota, its preparation checklist (tick a task off, reopen it) and its budget (lines
with totals; record a spending)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Router, Schema, Status

from taizhang.core import clock
from taizhang.events import plan, plan_budget, selectors
from taizhang.events import selectors_plan as reads
from taizhang.events.rules import plan as rules

router = Router(tags=["活动"])


class EventAssignmentOut(Schema):
    id: int
    user: str
    duty: str
    session: str | None
    starts_at: datetime | None
    ends_at: datetime | None
    note: str


class EventTaskOut(Schema):
    id: int
    title: str
    owner: str
    due_on: date
    done_on: date | None
    state: str
    note: str


class EventBudgetLineOut(Schema):
    id: int
    item: str
    budgeted: Decimal
    spent: Decimal
    remaining: Decimal
    over: bool


class EventBudgetOut(Schema):
    lines: list[EventBudgetLineOut]
    budgeted: Decimal
    spent: Decimal
    remaining: Decimal


class EventSpendingIn(Schema):
    # Every field may be left out: the service names what is missing (after the scope check, so another unit gets
    # 404, not 422).
    spent_on: date | None = None
    amount: Decimal | None = Field(None, max_digits=12, decimal_places=2)
    payee: str = Field("", max_length=200)
    voucher: str = Field("", max_length=64)
    note: str = Field("", max_length=300)


class EventSpendingOut(Schema):
    id: int
    line: str
    spent_on: date
    amount: Decimal
    payee: str
    voucher: str
    voided: bool


def _name(user) -> str:
    return user.full_name or user.username


def _task(task, today) -> dict:
    return {
        "id": task.pk,
        "title": task.title,
        "owner": _name(task.owner),
        "due_on": task.due_on,
        "done_on": task.done_on,
        "state": rules.task_state(task.due_on, task.done_on, today),
        "note": task.note,
    }


@router.get("/events/{event_id}/assignments", response=list[EventAssignmentOut], summary="活动的工作人员安排")
def assignment_list(request, event_id: int):
    event = selectors.event_or_404(request.user, event_id)
    return [
        {
            "id": a.pk,
            "user": _name(a.user),
            "duty": a.duty,
            "session": a.session.name if a.session else None,
            "starts_at": a.starts_at,
            "ends_at": a.ends_at,
            "note": a.note,
        }
        for a in reads.assignments(event)
    ]


@router.get("/events/{event_id}/tasks", response=list[EventTaskOut], summary="活动的筹备清单")
def task_list(request, event_id: int, state: str = ""):
    event = selectors.event_or_404(request.user, event_id)
    today = clock.today()
    return [_task(t, today) for t in reads.tasks(event, state=state, today=today)[:500]]


@router.post("/tasks/{prep_task_id}/done", response=EventTaskOut, summary="筹备事项标记完成")
def task_done(request, prep_task_id: int):
    task = plan.task_done(actor=request.user, task=reads.task_or_404(request.user, prep_task_id))
    return _task(task, clock.today())


@router.post("/tasks/{prep_task_id}/reopen", response=EventTaskOut, summary="筹备事项重新打开")
def task_reopen(request, prep_task_id: int):
    task = plan.task_reopen(actor=request.user, task=reads.task_or_404(request.user, prep_task_id))
    return _task(task, clock.today())


@router.get("/events/{event_id}/budget", response=EventBudgetOut, summary="活动预算执行")
def budget(request, event_id: int):
    rows, totals = reads.budget(selectors.event_or_404(request.user, event_id))
    lines = [
        {
            "id": r.line.pk,
            "item": r.line.item,
            "budgeted": r.totals.budgeted,
            "spent": r.totals.spent,
            "remaining": r.totals.remaining,
            "over": r.totals.over,
        }
        for r in rows
    ]
    return {"lines": lines, "budgeted": totals.budgeted, "spent": totals.spent, "remaining": totals.remaining}


@router.post("/budget/{budget_line_id}/spendings", response={201: EventSpendingOut}, summary="登记一笔支出")
def spending_create(request, budget_line_id: int, payload: EventSpendingIn):
    line = reads.line_or_404(request.user, budget_line_id)
    s = plan_budget.spending_create(actor=request.user, line=line, **payload.dict())
    return Status(
        201,
        {
            "id": s.pk,
            "line": line.item,
            "spent_on": s.spent_on,
            "amount": s.amount,
            "payee": s.payee,
            "voucher": s.voucher,
            "voided": False,
        },
    )
