"""/api/assistance/: the phone app's operations, scoped like the pages (same selectors and services)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from ninja import File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from taizhang.assistance import (
    archives,
    environment,
    problems,
    rules,
    selectors,
    services,
    trainings,
)
from taizhang.assistance.models import (
    ArchiveFinding,
    AssistedHousehold,
    CheckResult,
    Department,
    FurnitureNeed,
    Problem,
    TrainingSession,
    Visit,
)
from taizhang.core import clock
from taizhang.org.models import User
from taizhang.org.scoping import get_visible_or_404

router = Router(tags=["帮扶"])


class HouseholdComplianceOut(Schema):
    assisted_id: int
    household_id: int
    household_no: str
    head: str
    community: str
    helpers: list[str]
    valid_visits: int
    required_visits: int
    met: bool


class MonthOut(Schema):
    month: str
    days_left: int
    households: int
    met: int
    missing_visits: int
    rows: list[HouseholdComplianceOut]


class VisitIn(Schema):
    started_at: datetime
    ended_at: datetime
    visitors: list[int] | None = None  # user ids; the caller when left out
    water: CheckResult = CheckResult.SKIPPED
    water_note: str = ""
    housing: CheckResult = CheckResult.SKIPPED
    housing_note: str = ""
    archive: CheckResult = CheckResult.SKIPPED
    archive_note: str = ""
    talk: CheckResult = CheckResult.SKIPPED
    talk_note: str = ""
    education: str = ""
    disability: str = ""
    employment: str = ""
    health: str = ""
    notes: str = ""
    start_latitude: Decimal | None = None
    start_longitude: Decimal | None = None
    end_latitude: Decimal | None = None
    end_longitude: Decimal | None = None
    idempotency_key: str | None = None


class VisitOut(Schema):
    id: int
    assisted_id: int
    household_no: str
    visit_date: date
    started_at: datetime
    ended_at: datetime
    minutes: int
    visitors: list[str]
    counted: bool
    not_counted_reason: str
    status: str
    created: bool | None = None


class VoidIn(Schema):
    reason: str = ""  # required by the service (after the scope check, so another unit gets 404, not 400)


def _month(text: str | None) -> rules.Month:
    try:
        return rules.Month.parse(text) if text else rules.Month.of(clock.today())
    except ValueError as exc:
        raise HttpError(400, str(exc))


def _month_out(report: selectors.MonthCompliance) -> dict:
    return {
        "month": str(report.month),
        "days_left": report.days_left,
        "households": report.total.households,
        "met": report.total.met,
        "missing_visits": report.total.missing_visits,
        "rows": [
            {
                "assisted_id": h.assisted_id,
                "household_id": h.household_id,
                "household_no": h.household_no,
                "head": h.head,
                "community": h.community,
                "helpers": h.helpers,
                "valid_visits": h.valid,
                "required_visits": h.required,
                "met": h.result.met,
            }
            for h in report.households
        ],
    }


def _visit_out(visit: Visit, created: bool | None = None) -> dict:
    if not hasattr(visit, "counted"):
        [visit] = selectors.judged([visit], visit.unit_id)
    return {
        "id": visit.pk,
        "assisted_id": visit.assisted_id,
        "household_no": visit.assisted.household.household_no,
        "visit_date": visit.visit_date,
        "started_at": visit.started_at,
        "ended_at": visit.ended_at,
        "minutes": visit.minutes,
        "visitors": [u.full_name or u.username for u in visit.helpers.all()],
        "counted": visit.counted,
        "not_counted_reason": visit.not_counted_reason,
        "status": visit.status,
        "created": created,
    }


@router.get("/mine", response=MonthOut)
def my_households(request, month: str | None = None):
    """The caller's own assisted households and this month's valid visits."""
    return _month_out(selectors.my_households(request.user, _month(month)))


@router.get("/compliance", response=MonthOut)
def compliance(request, month: str | None = None, community: int | None = None):
    return _month_out(selectors.month_compliance(request.user, _month(month), community_id=community))


@router.get("/households/{assisted_id}/visits", response=list[VisitOut])
def household_visits(request, assisted_id: int):
    assisted = get_visible_or_404(AssistedHousehold.objects.all(), request.user, pk=assisted_id)
    visits = selectors.visit_list(request.user, assisted_id=assisted.pk)[:200]
    return [_visit_out(v) for v in selectors.judged(visits, assisted.unit_id)]


@router.post("/households/{assisted_id}/visits", response={200: VisitOut, 201: VisitOut})
def record_visit(request, assisted_id: int, payload: VisitIn):
    """Record a visit. Send an idempotency_key: a re-sent request returns the first visit (200) instead of a second."""
    assisted = get_visible_or_404(AssistedHousehold.objects.select_related("household"), request.user, pk=assisted_id)
    data = payload.dict()
    visitor_ids = data.pop("visitors") or [request.user.pk]
    visitors = list(User.objects.filter(pk__in=visitor_ids, unit_id=assisted.unit_id))
    if len(visitors) != len(set(visitor_ids)):
        raise HttpError(400, "走访人中有不属于本单位的人员")
    positions = {key: (data.pop(f"{key}_latitude"), data.pop(f"{key}_longitude")) for key in ("start", "end")}
    visit, created = services.visit_record(
        actor=request.user,
        assisted=assisted,
        visitors=visitors,
        started_at=data.pop("started_at"),
        ended_at=data.pop("ended_at"),
        idempotency_key=data.pop("idempotency_key"),
        source=Visit.Source.PHONE,
        values={k: (v.value if isinstance(v, CheckResult) else v) for k, v in data.items()},
        start_position=positions["start"] if None not in positions["start"] else None,
        end_position=positions["end"] if None not in positions["end"] else None,
    )
    return Status(201 if created else 200, _visit_out(visit, created))


@router.get("/visits/{visit_id}", response=VisitOut)
def get_visit(request, visit_id: int):
    return _visit_out(
        get_visible_or_404(Visit.objects.select_related("assisted__household"), request.user, pk=visit_id)
    )


@router.post("/visits/{visit_id}/void", response=VisitOut)
def void_visit(request, visit_id: int, payload: VoidIn):
    visit = get_visible_or_404(Visit.objects.select_related("assisted__household"), request.user, pk=visit_id)
    return _visit_out(services.visit_void(actor=request.user, visit=visit, reason=payload.reason))


# --- problems ----------------------------------------------------------------------------------


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


# --- trainings, the archive audit, living environment ------------------------------------------------


class TrainingOut(Schema):
    id: int
    date: date
    topics: str
    held: bool
    present: int
    expected: int


class AttendanceIn(Schema):
    present: list[int] = []
    notes: dict[int, str] = {}


class FindingOut(Schema):
    id: int
    assisted_id: int
    household_no: str
    kind: str
    item: str
    detail: str
    group: str | None
    fixed_at: datetime | None


class FixIn(Schema):
    note: str = ""


class CleaningIn(Schema):
    day: date | None = None
    cleaner_kind: str = ""
    cleaner_name: str = ""
    rating: str = ""
    note: str = ""


class NeedIn(Schema):
    item: str = ""
    quantity: int = 1
    note: str = ""


class NeedOut(Schema):
    id: int
    assisted_id: int
    item: str
    quantity: int
    stage: str
    delivered_on: date | None


@router.get("/trainings", response=list[TrainingOut])
def list_trainings(request, month: str | None = None):
    chosen = _month(month)
    return [
        {"id": s.pk, "date": s.date, "topics": s.topics, "held": s.held, "present": present, "expected": expected}
        for s, present, expected in trainings.sessions_with_rates(request.user, chosen.first_day, chosen.last_day)
    ]


@router.post("/trainings/{training_id}/attendance", response=TrainingOut)
def record_attendance(request, training_id: int, payload: AttendanceIn):
    session = get_visible_or_404(TrainingSession.objects.all(), request.user, pk=training_id)
    trainings.attendance_record(actor=request.user, session=session, present=set(payload.present), notes=payload.notes)
    rows = session.attendance.all()
    return {
        "id": session.pk,
        "date": session.date,
        "topics": session.topics,
        "held": True,
        "present": sum(1 for a in rows if a.present),
        "expected": len(rows),
    }


def _finding_out(f: ArchiveFinding) -> dict:
    return {
        "id": f.pk,
        "assisted_id": f.assisted_id,
        "household_no": f.assisted.household.household_no,
        "kind": f.kind,
        "item": f.item,
        "detail": f.detail,
        "group": f.group.name if f.group else None,
        "fixed_at": f.fixed_at,
    }


@router.get("/archive-findings", response=list[FindingOut])
def list_findings(request, open_only: bool = True):
    findings = ArchiveFinding.objects.visible_to(request.user).select_related("assisted__household", "group")
    if open_only:
        findings = findings.filter(fixed_at__isnull=True)
    return [_finding_out(f) for f in findings[:1000]]


@router.post("/archive-findings/{finding_id}/fix", response=FindingOut)
def fix_finding(request, finding_id: int, payload: FixIn):
    finding = get_visible_or_404(
        ArchiveFinding.objects.select_related("assisted__household", "group"), request.user, pk=finding_id
    )
    return _finding_out(archives.finding_fix(actor=request.user, finding=finding, note=payload.note))


@router.post("/households/{assisted_id}/cleanings", response={201: dict})
def record_cleaning(request, assisted_id: int, payload: CleaningIn):
    assisted = get_visible_or_404(AssistedHousehold.objects.select_related("household"), request.user, pk=assisted_id)
    record = environment.cleaning_record(
        actor=request.user,
        assisted=assisted,
        day=payload.day or clock.today(),
        cleaner_kind=payload.cleaner_kind,
        cleaner_name=payload.cleaner_name,
        rating=payload.rating,
        note=payload.note,
    )
    return Status(201, {"id": record.pk, "date": str(record.date), "rating": record.rating})


def _need_out(need: FurnitureNeed) -> dict:
    return {
        "id": need.pk,
        "assisted_id": need.assisted_id,
        "item": need.item,
        "quantity": need.quantity,
        "stage": need.stage,
        "delivered_on": need.delivered_on,
    }


@router.post("/households/{assisted_id}/furniture-needs", response={201: NeedOut})
def add_need(request, assisted_id: int, payload: NeedIn):
    assisted = get_visible_or_404(AssistedHousehold.objects.select_related("household"), request.user, pk=assisted_id)
    return Status(
        201,
        _need_out(
            environment.need_add(
                actor=request.user, assisted=assisted, item=payload.item, quantity=payload.quantity, note=payload.note
            )
        ),
    )


@router.post("/furniture-needs/{need_id}/delivery", response=NeedOut)
def confirm_delivery(request, need_id: int, photo: UploadedFile = File(None), day: date | None = Form(None)):
    """Confirm a delivery with a photo of the furniture in the home (multipart: photo, day)."""
    need = get_visible_or_404(FurnitureNeed.objects.all(), request.user, pk=need_id)
    return _need_out(environment.delivery_confirm(actor=request.user, need=need, day=day or clock.today(), photo=photo))
