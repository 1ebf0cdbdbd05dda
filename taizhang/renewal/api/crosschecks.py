"""/api/renewal/: the cross-check runs, their counts and tasks, resolving a task. The upload of a police extract
stays with the page and the command (a whole district's extract is a large file)."""

from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema

from taizhang.core.personal import Disclosure
from taizhang.org.personal import disclosure
from taizhang.renewal import crosschecks, selectors
from taizhang.renewal.rules import CATEGORIES

router = Router(tags=["棚改旧改"])


class RunOut(Schema):
    id: int
    project_id: int
    filename: str
    rows: int
    counts: dict[str, int]
    run_by: str
    created_at: datetime
    withdrawn_at: datetime | None
    withdraw_reason: str


class CrosscheckTaskOut(Schema):
    id: int
    run_id: int
    category: str
    id_number: str
    entry_id: int | None
    household_no: str
    community: str
    ledger_name: str
    police_name: str
    police_hukou_no: str
    police_address: str
    detail: str
    status: str
    resolution: str
    resolved_by: str
    resolved_at: datetime | None


class TaskPage(Schema):
    count: int
    items: list[CrosscheckTaskOut]


class WithdrawIn(Schema):
    reason: str = ""  # required by the service (after the scope check, so another unit gets 404, not 400)


class ResolveIn(Schema):
    resolution: str = ""  # required by the service (after the scope check, so another unit gets 404, not 400)


def _run_out(run) -> dict:
    return {
        "id": run.pk,
        "project_id": run.project_id,
        "filename": run.filename,
        "rows": run.rows,
        "counts": {c: run.counts.get(c, 0) for c in CATEGORIES},
        "created_at": run.created_at,
        "run_by": str(run.run_by) if run.run_by else "系统（命令行）",
        "withdrawn_at": run.withdrawn_at,
        "withdraw_reason": run.withdraw_reason,
    }


def _task_out(task, personal: Disclosure) -> dict:
    return {
        "id": task.pk,
        "run_id": task.run_id,
        "category": task.category,
        "id_number": personal.id_number(task.id_number),
        "entry_id": task.entry_id,
        "household_no": task.entry.household.household_no if task.entry else "",
        "community": task.community.name if task.community else "",
        "ledger_name": task.ledger_name,
        "police_name": task.police_name,
        "police_hukou_no": task.police_hukou_no,
        "police_address": task.police_address,
        "detail": personal.text(task.detail),
        "status": task.status,
        "resolution": personal.text(task.resolution),
        "resolved_by": str(task.resolved_by) if task.resolved_by else "",
        "resolved_at": task.resolved_at,
    }


@router.get("/projects/{project_id}/crosschecks", response=list[RunOut])
def list_runs(request, project_id: int):
    """The project's cross-check runs, latest first, with the count of every category."""
    project = selectors.project_or_404(request.user, project_id)
    return [_run_out(run) for run in crosschecks.runs(request.user, project)]


@router.get("/crosschecks/{run_id}", response=RunOut)
def get_run(request, run_id: int):
    return _run_out(crosschecks.run_or_404(request.user, run_id))


@router.post("/crosschecks/{run_id}/withdraw", response=RunOut)
def withdraw_run(request, run_id: int, payload: WithdrawIn):
    """Withdraw the latest run (unit admin, with a reason): its open tasks close as 已撤回 and the tasks it superseded
    open again. An earlier run is refused: a newer run has superseded its tasks in turn."""
    run = crosschecks.run_or_404(request.user, run_id)
    crosschecks.crosscheck_withdraw(actor=request.user, run=run, reason=payload.reason)
    return _run_out(crosschecks.run_or_404(request.user, run_id))


@router.get("/crosschecks/{run_id}/tasks", response=TaskPage)
def list_tasks(request, run_id: int, category: str = "", status: str = "", offset: int = 0, limit: int = 100):
    """The run's tasks the caller may see (filter by category 类别 and status open/resolved), 100 at a time."""
    run = crosschecks.run_or_404(request.user, run_id)
    found = crosschecks.tasks(request.user, run, category=category, status=status)
    limit = max(1, min(limit, 500))
    return {
        "count": found.count(),
        "items": [_task_out(t, disclosure(request.user)) for t in found[max(offset, 0) : max(offset, 0) + limit]],
    }


@router.get("/crosscheck-tasks/{crosscheck_task_id}", response=CrosscheckTaskOut)
def get_task(request, crosscheck_task_id: int):
    return _task_out(crosschecks.task_or_404(request.user, crosscheck_task_id), disclosure(request.user))


@router.post("/crosscheck-tasks/{crosscheck_task_id}/resolve", response=CrosscheckTaskOut)
def resolve_task(request, crosscheck_task_id: int, payload: ResolveIn):
    """Close a task with what was found (audited on the household's timeline)."""
    task = crosschecks.task_or_404(request.user, crosscheck_task_id)
    crosschecks.task_resolve(actor=request.user, task=task, resolution=payload.resolution)
    return _task_out(crosschecks.task_or_404(request.user, crosscheck_task_id), disclosure(request.user))
