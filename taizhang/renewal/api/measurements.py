"""/api/renewal/: the measurement ledger — a project's sites, a site with its measurements, recording (JSON; photos
through a separate multipart upload) and voiding."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import File, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from taizhang.renewal import measurements as service
from taizhang.renewal import rules, selectors
from taizhang.renewal.models import Measurement, Site

router = Router(tags=["棚改旧改"])
LISTED = 1000


class BuildingSchema(Schema):
    label: str = "主房"
    structure: str = ""
    floors: int = 1
    use: str = "住宅"
    certificate: str = "有证"
    built_on: date | None = None
    floor_area: Decimal = Decimal("0")


class AttachmentSchema(Schema):
    kind: str
    quantity: Decimal
    measure_unit: str = ""


class MeasurementIn(Schema):
    # Defaults rather than required fields: the service checks them after the scope, so another unit gets 404.
    measured_on: date | None = None
    measurers: list[int] = []  # user ids of the two measuring staff
    buildings: list[BuildingSchema] = []
    attachments: list[AttachmentSchema] = []
    site_area: Decimal | None = None
    note: str = ""


class MeasurementOut(Schema):
    id: int
    site_id: int
    measured_on: date
    measurers: str
    site_area: Decimal | None
    floor_area: Decimal
    flags: list[str]
    needs_remeasure: bool
    is_current: bool
    status: str
    source: str
    buildings: list[BuildingSchema]
    attachments: list[AttachmentSchema]
    photo_ids: list[int]


class SiteOut(Schema):
    id: int
    kind: str
    number: str
    community: str
    group: str | None
    owners: list[str]
    enterprise: str
    land_type: str
    site_area: Decimal | None
    floor_area: Decimal | None
    measured_on: date | None
    flags: list[str]


class SiteDetailOut(SiteOut):
    measurements: list[MeasurementOut]


class VoidIn(Schema):
    reason: str = ""


class PhotosOut(Schema):
    measurement_id: int
    photo_ids: list[int]


def _measurement_out(m: Measurement) -> dict:
    return {
        "id": m.pk,
        "site_id": m.site_id,
        "measured_on": m.measured_on,
        "measurers": selectors.measurer_text(m),
        "site_area": m.site_area,
        "floor_area": m.floor_area,
        "flags": m.flag_list,
        "needs_remeasure": rules.needs_remeasure(m.flag_list),
        "is_current": m.is_current,
        "status": m.status,
        "source": m.source,
        "buildings": [
            {
                "label": b.label,
                "structure": b.structure,
                "floors": b.floors,
                "use": b.use,
                "certificate": b.certificate,
                "built_on": b.built_on,
                "floor_area": b.floor_area,
            }
            for b in m.buildings.all()
        ],
        "attachments": [
            {"kind": a.kind, "quantity": a.quantity, "measure_unit": a.measure_unit} for a in m.attachments.all()
        ],
        "photo_ids": [p.pk for p in m.photos.all()],
    }


def _site_out(site: Site, owners=None) -> dict:
    current = selectors.current_of(site)
    owners = list(site.owners.all()) if owners is None else owners
    return {
        "id": site.pk,
        "kind": site.kind,
        "number": site.number,
        "community": site.community.name,
        "group": site.group.name if site.group else None,
        "owners": [o.household.household_no for o in owners],
        "enterprise": site.enterprise,
        "land_type": site.land_type,
        "site_area": site.site_area,
        "floor_area": site.floor_area,
        "measured_on": site.measured_on,
        "flags": current.flag_list if current else [],
    }


@router.get("/projects/{project_id}/sites", response=list[SiteOut])
def list_sites(
    request,
    project_id: int,
    community: int | None = None,
    group: int | None = None,
    kind: str = "",
    measured: str = "",
    flagged: bool = False,
):
    """The project's courtyards and factories (measured=yes|no, flagged=true for the ones to measure again)."""
    project = selectors.project_or_404(request.user, project_id)
    sites = selectors.site_list(
        request.user, project, community_id=community, group_id=group, kind=kind, measured=measured, flagged=flagged
    )[:LISTED]
    return [_site_out(s) for s in sites]


@router.get("/sites/{site_id}", response=SiteDetailOut)
def get_site(request, site_id: int):
    site = selectors.site_or_404(request.user, site_id)
    owners = list(site.owners.select_related("household"))
    return {**_site_out(site, owners), "measurements": [_measurement_out(m) for m in selectors.site_measurements(site)]}


@router.post("/sites/{site_id}/measurements", response={201: MeasurementOut})
def record_measurement(request, site_id: int, payload: MeasurementIn):
    site = selectors.site_or_404(request.user, site_id)
    if payload.measured_on is None:
        raise HttpError(400, "请填写测量日期")
    staff = {u.pk: u for u in selectors.unit_staff(site.project).filter(pk__in=payload.measurers)}
    if len(staff) != len(set(payload.measurers)):
        raise HttpError(400, "测量人中有不属于本单位的人员")
    m = service.measurement_record(
        actor=request.user,
        site=site,
        measured_on=payload.measured_on,
        measurers=[staff[i] for i in payload.measurers],
        buildings=[b.dict() for b in payload.buildings],
        attachments=[a.dict() for a in payload.attachments],
        site_area=payload.site_area,
        note=payload.note,
        source=Measurement.Source.API,
    )
    return Status(201, _measurement_out(selectors.measurement_or_404(request.user, m.pk)))


@router.get("/measurements/{measurement_id}", response=MeasurementOut)
def get_measurement(request, measurement_id: int):
    return _measurement_out(selectors.measurement_or_404(request.user, measurement_id))


@router.post("/measurements/{measurement_id}/photos", response={201: PhotosOut})
def add_photos(request, measurement_id: int, photos: list[UploadedFile] = File(default=None)):
    """Photos of a measurement (multipart, field `photos`, one or more images)."""
    m = selectors.measurement_or_404(request.user, measurement_id)
    from taizhang.renewal.forms.measurements import PhotosForm

    form = PhotosForm({}, request.FILES)
    if not form.is_valid():
        raise HttpError(400, "；".join(e for errors in form.errors.values() for e in errors))
    added = service.photo_add(actor=request.user, measurement=m, photos=form.cleaned_data["photos"])
    return Status(201, {"measurement_id": m.pk, "photo_ids": [p.pk for p in added]})


@router.post("/measurements/{measurement_id}/void", response=MeasurementOut)
def void_measurement(request, measurement_id: int, payload: VoidIn):
    m = selectors.measurement_or_404(request.user, measurement_id)
    service.measurement_void(actor=request.user, measurement=m, reason=payload.reason)
    return _measurement_out(selectors.measurement_or_404(request.user, measurement_id))
