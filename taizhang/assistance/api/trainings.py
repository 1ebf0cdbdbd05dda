"""/api/assistance/trainings: the month's sessions and their attendance."""

from __future__ import annotations

from datetime import date

from ninja import Router, Schema

from taizhang.assistance import trainings
from taizhang.assistance.api.compliance import month_param
from taizhang.assistance.models import TrainingSession
from taizhang.org.scoping import get_visible_or_404

router = Router(tags=["帮扶"])


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


@router.get("/trainings", response=list[TrainingOut])
def list_trainings(request, month: str | None = None):
    chosen = month_param(month)
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
