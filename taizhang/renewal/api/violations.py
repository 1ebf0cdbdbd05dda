"""/api/renewal/: 控违拆违 — the project's reports (filter by 村居 and progress), a report with photos, its progress
(multipart: the fields and any number of `photos`)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.urls import reverse
from ninja import File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from taizhang.core import uploads
from taizhang.org.models import OrgNode
from taizhang.renewal import selectors, violations

router = Router(tags=["棚改旧改"])


class PhotoOut(Schema):
    id: int
    stage: str
    url: str


class ViolationOut(Schema):
    id: int
    project_id: int
    community_id: int
    community: str
    entry_id: int | None
    household_no: str
    group: str
    kind: str
    location: str
    description: str
    area: Decimal | None
    found_on: date
    progress: str
    progress_label: str
    demolished_on: date | None
    status: str
    photos: list[PhotoOut]


class ViolationIn(Schema):
    # Checked by the service (after the scope check, so another unit gets 404, not 422).
    location: str = ""
    kind: str = "新建"
    description: str = ""
    found_on: date | None = None
    area: Decimal | None = None
    entry_id: int | None = None  # the household (征收户) it is on, or
    community_id: int | None = None  # the 村居, when it is on no household


class ProgressIn(Schema):
    progress: str = ""  # stopped / demolished
    on: date | None = None
    note: str = ""


def _out(v) -> dict:
    return {
        "id": v.pk,
        "project_id": v.project_id,
        "community_id": v.community_id,
        "community": v.community.name,
        "entry_id": v.entry_id,
        "household_no": v.entry.household.household_no if v.entry else "",
        "group": v.group.name if v.group else "",
        "kind": v.kind,
        "location": v.location,
        "description": v.description,
        "area": v.area,
        "found_on": v.found_on,
        "progress": v.progress,
        "progress_label": v.get_progress_display(),
        "demolished_on": v.demolished_on,
        "status": v.status,
        "photos": [
            {"id": p.pk, "stage": p.stage, "url": reverse("renewal:violation_photo", args=[p.pk])}
            for p in v.photos.all()
        ],
    }


@router.get("/projects/{project_id}/violations", response=list[ViolationOut])
def list_violations(request, project_id: int, community_id: int | None = None, progress: str = ""):
    project = selectors.project_or_404(request.user, project_id)
    found = violations.violation_list(request.user, project, community_id=community_id, progress=progress)
    return [_out(v) for v in found.prefetch_related("photos")]


@router.post("/projects/{project_id}/violations", response={201: ViolationOut})
def create_violation(request, project_id: int, payload: Form[ViolationIn], photos: File[list[UploadedFile]] = None):
    """Report illegal construction after the freeze (multipart: the fields and `photos`)."""
    project = selectors.project_or_404(request.user, project_id)
    entry = selectors.entry_or_404(request.user, payload.entry_id) if payload.entry_id else None
    community = None
    if entry is None and payload.community_id:
        community = project.communities.filter(pk=payload.community_id, kind=OrgNode.Kind.COMMUNITY).first()
        if community is None:
            raise HttpError(400, "该村居不在本项目涉及的村居内")
    violation = violations.violation_report(
        actor=request.user,
        project=project,
        location=payload.location,
        kind=payload.kind,
        description=payload.description,
        found_on=payload.found_on,
        area=payload.area,
        entry=entry,
        community=community,
        photos=uploads.photos_clean(photos, keep_position=True),
    )
    return Status(201, _out(violations.violation_or_404(request.user, violation.pk)))


@router.get("/violations/{violation_id}", response=ViolationOut)
def get_violation(request, violation_id: int):
    return _out(violations.violation_or_404(request.user, violation_id))


@router.post("/violations/{violation_id}/progress", response=ViolationOut)
def record_progress(request, violation_id: int, payload: Form[ProgressIn], photos: File[list[UploadedFile]] = None):
    """已发现 → 已制止 → 已拆除, never backwards; 已拆除 needs `on` (the demolition date) and an after photo."""
    violation = violations.violation_or_404(request.user, violation_id)
    violations.violation_progress(
        actor=request.user,
        violation=violation,
        progress=payload.progress,
        on=payload.on,
        photos=uploads.photos_clean(photos, keep_position=True),
        note=payload.note,
    )
    return _out(violations.violation_or_404(request.user, violation_id))
