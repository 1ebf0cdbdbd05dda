"""/api/assistance/problems: record, report, hand over, resolve and verify a problem."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from taizhang.assistance import problems, rules, selectors
from taizhang.assistance.models import AssistedHousehold, Department, Problem, Visit
from taizhang.core import clock
from taizhang.org.scoping import get_visible_or_404

router = Router(tags=["帮扶"])


class ProblemIn(Schema):
    # Defaults rather than required fields: the service checks them after the scope, so another unit gets 404.
    category: str = ""
    description: str = ""
    found_on: date | None = None
    visit_id: int | None = None
    report: bool = True


class AssignIn(Schema):
    department_id: int | None = None
    due: date | None = None


class ResolveIn(Schema):
    resolution: str = ""


class VerifyIn(Schema):
    visit_id: int | None = None
    note: str = ""


class ProblemOut(Schema):
    id: int
    assisted_id: int
    household_no: str
    category: str
    description: str
    stage: str
    found_on: date
    reported_at: datetime | None
    department: str | None
    due_date: date | None
    resolved_at: datetime | None
    resolution: str
    verified_at: datetime | None
    overdue: bool
    status: str


def _problem_out(problem: Problem) -> dict:
    return {
        "id": problem.pk,
        "assisted_id": problem.assisted_id,
        "household_no": problem.assisted.household.household_no,
        "category": problem.category,
        "description": problem.description,
        "stage": problem.stage,
        "found_on": problem.found_on,
        "reported_at": problem.reported_at,
        "department": problem.department.name if problem.department else None,
        "due_date": problem.due_date,
        "resolved_at": problem.resolved_at,
        "resolution": problem.resolution,
        "verified_at": problem.verified_at,
        "overdue": rules.is_overdue(
            problem.due_date, timezone.localdate(problem.resolved_at) if problem.resolved_at else None, clock.today()
        ),
        "status": problem.status,
    }


def _problem(request, problem_id: int) -> Problem:
    return get_visible_or_404(
        Problem.objects.select_related("assisted__household", "department"), request.user, pk=problem_id
    )


@router.get("/problems", response=list[ProblemOut])
def list_problems(request, stage: str = "", category: str = "", overdue: bool = False):
    return [
        _problem_out(p)
        for p in selectors.problem_list(request.user, stage=stage, category=category, overdue=overdue)[:500]
    ]


@router.post("/households/{assisted_id}/problems", response={201: ProblemOut})
def create_problem(request, assisted_id: int, payload: ProblemIn):
    assisted = get_visible_or_404(AssistedHousehold.objects.select_related("household"), request.user, pk=assisted_id)
    visit = get_visible_or_404(Visit.objects.all(), request.user, pk=payload.visit_id) if payload.visit_id else None
    return Status(
        201,
        _problem_out(
            problems.problem_create(
                actor=request.user,
                assisted=assisted,
                category=payload.category,
                description=payload.description,
                found_on=payload.found_on,
                visit=visit,
                report=payload.report,
            )
        ),
    )


@router.get("/problems/{problem_id}", response=ProblemOut)
def get_problem(request, problem_id: int):
    return _problem_out(_problem(request, problem_id))


@router.post("/problems/{problem_id}/report", response=ProblemOut)
def report_problem(request, problem_id: int):
    problem = _problem(request, problem_id)
    return _problem_out(problems.problem_report(actor=request.user, problem=problem))


@router.post("/problems/{problem_id}/assign", response=ProblemOut)
def assign_problem(request, problem_id: int, payload: AssignIn):
    problem = _problem(request, problem_id)
    department = Department.objects.filter(pk=payload.department_id, unit_id=problem.unit_id).first()
    if department is None:
        raise HttpError(400, "请选择本单位的部门")
    return _problem_out(
        problems.problem_assign(actor=request.user, problem=problem, department=department, due=payload.due)
    )


@router.post("/problems/{problem_id}/resolve", response=ProblemOut)
def resolve_problem(request, problem_id: int, payload: ResolveIn):
    problem = _problem(request, problem_id)
    return _problem_out(problems.problem_resolve(actor=request.user, problem=problem, resolution=payload.resolution))


@router.post("/problems/{problem_id}/verify", response=ProblemOut)
def verify_problem(request, problem_id: int, payload: VerifyIn):
    problem = _problem(request, problem_id)
    visit = Visit.objects.filter(pk=payload.visit_id, assisted_id=problem.assisted_id).first()
    if visit is None:
        raise HttpError(400, "请选择这一户解决之后的走访记录")
    return _problem_out(problems.problem_verify(actor=request.user, problem=problem, visit=visit, note=payload.note))
