"""/api/assistance/: a household's visits, recorded from the phone, read and voided."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ninja import Router, Schema, Status
from ninja.errors import HttpError

from taizhang.assistance import selectors, visits
from taizhang.assistance.models import AssistedHousehold, CheckResult, Visit
from taizhang.org.models import User
from taizhang.org.scoping import get_visible_or_404

router = Router(tags=["帮扶"])


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
    visit, created = visits.visit_record(
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
    return _visit_out(visits.visit_void(actor=request.user, visit=visit, reason=payload.reason))
