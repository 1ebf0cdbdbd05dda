"""The measurement ledger (测量): a site's measurements (buildings, attachments, the owner's confirmation, sketch and
photos), re-measurement with the history kept, voiding, photos added afterwards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_append
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.org.models import User
from taizhang.renewal import rules
from taizhang.renewal.models import (
    CERTIFICATES,
    STRUCTURES,
    USES,
    Attachment,
    Building,
    Measurement,
    MeasurementPhoto,
    Project,
    Site,
)
from taizhang.renewal.policies import can_manage_project
from taizhang.renewal.selectors import staff_name
from taizhang.renewal.sites import check_recorder, in_scope, site_drafts, site_owners, site_refresh

MAX_AREA = Decimal("9999999999.99")


@dataclass
class BuildingIn:
    floor_area: Decimal
    structure: str
    label: str = "主房"
    floors: int = 1
    use: str = "住宅"
    certificate: str = "有证"
    built_on: date | None = None


@dataclass
class AttachmentIn:
    kind: str
    quantity: Decimal
    measure_unit: str = ""


def _as(cls, value):
    return value if isinstance(value, cls) else cls(**value)


# --- measurements ---------------------------------------------------------------------------------


def _check_date(project: Project, measured_on: date) -> None:
    if measured_on > clock.today():
        raise ValidationError(f"测量日期（{measured_on}）不能晚于今天")
    if measured_on < project.start_date:
        raise ValidationError(f"测量日期（{measured_on}）不能早于项目启动日期（{project.start_date}）")


def _check_area(value, label: str) -> Decimal:
    try:
        value = rules.m2(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError(f"{label}应为数字（m²）")
    if abs(value) > MAX_AREA:
        raise ValidationError(f"{label}数值过大")
    return value


def _check_buildings(buildings: list[BuildingIn]) -> None:
    if not buildings:
        raise ValidationError("请至少登记一处房屋")
    for b in buildings:
        b.label = (b.label or "").strip() or "主房"
        b.floor_area = _check_area(b.floor_area, f"{b.label}的建筑面积")
        if b.structure not in STRUCTURES:
            raise ValidationError(f"{b.label}的建筑结构应为：{'、'.join(STRUCTURES)}")
        if b.use not in USES:
            raise ValidationError(f"{b.label}的用途应为：{'、'.join(USES)}")
        if b.certificate not in CERTIFICATES:
            raise ValidationError(f"{b.label}的证照情况应为：{'、'.join(CERTIFICATES)}")
        if not isinstance(b.floors, int) or not 1 <= b.floors <= 200:
            raise ValidationError(f"{b.label}的层数应为 1 到 200 的整数")
        if b.built_on and b.built_on > clock.today():
            raise ValidationError(f"{b.label}的建成日期不能晚于今天")


def _check_measurers(project: Project, measurers: list[User], names: list[str], *, imported: bool) -> None:
    strangers = [staff_name(u) for u in measurers if u.unit_id != project.unit_id or (not imported and not u.is_active)]
    if strangers:
        raise ValidationError(f"{'、'.join(strangers)}不是本单位在岗人员")
    people = {f"user:{u.pk}" for u in measurers} | {f"name:{n}" for n in names}
    if len(people) < 2:
        raise ValidationError("测量须由两名不同的测量人员进行，请选择两人")


def _measurement_values(
    m: Measurement, buildings: list[BuildingIn], attachments: list[AttachmentIn], measurers: str, photos: int
) -> dict:
    values = {
        "测量日期": m.measured_on,
        "测量人": measurers,
        "占地面积（m²）": m.site_area,
        "建筑面积（m²）": m.floor_area,
        "房屋": "；".join(
            f"{b.label} {b.structure} {b.floors}层 {b.use} {b.certificate} {b.floor_area} m²"
            + (f" 建成{b.built_on}" if b.built_on else "")
            for b in buildings
        ),
        "附属物": "；".join(f"{a.kind} {a.quantity}{a.measure_unit}" for a in attachments),
        "来源": Measurement.Source(m.source).label,
        "异常提示": "；".join(m.flag_list),
        "备注": m.note,
    }
    if m.owner_confirmation:
        values["产权人确认"] = "已上传"
    if m.sketch:
        values["平面草图"] = "已上传"
    if photos:
        values["照片"] = f"{photos} 张"
    return values


def measurement_write(
    actor,
    site: Site,
    *,
    measured_on: date,
    measurers: list[User],
    measurer_names: list[str],
    buildings: list[BuildingIn],
    attachments: list[AttachmentIn],
    site_area,
    owner_confirmation,
    sketch,
    photos,
    note: str,
    source: str,
    reason: str = "",
    batch=None,
) -> Measurement:
    """Write a measurement whose values are already checked (by measurement_record, or row by row by the import,
    which passes its `batch`)."""
    project = site.project
    floor_area = rules.m2(sum((b.floor_area for b in buildings), Decimal("0")))
    flags = rules.measurement_flags(
        [rules.MeasuredBuilding(b.label, b.floor_area, b.floors, b.use, b.built_on) for b in buildings],
        site_area,
        project.freeze_date,
    )
    linked = {u.pk for u in measurers}
    m = Measurement.objects.create(
        unit_id=site.unit_id,
        community_id=site.community_id,
        project=project,
        site=site,
        group_id=site.group_id,
        measured_on=measured_on,
        measurer_names="、".join(measurer_names)[:100],
        site_area=site_area,
        floor_area=floor_area,
        owner_confirmation=owner_confirmation or "",
        sketch=sketch or "",
        flags="\n".join(flags),
        note=(note or "").strip(),
        is_current=False,
        source=source,
        recorded_by=actor if actor is not None and actor.pk else None,
        import_batch=batch,
    )
    m.measurers.set(linked)
    Building.objects.bulk_create(
        [
            Building(
                unit_id=site.unit_id,
                community_id=site.community_id,
                measurement=m,
                label=b.label,
                structure=b.structure,
                floors=b.floors,
                use=b.use,
                certificate=b.certificate,
                built_on=b.built_on,
                floor_area=b.floor_area,
            )
            for b in buildings
        ]
    )
    Attachment.objects.bulk_create(
        [
            Attachment(
                unit_id=site.unit_id,
                community_id=site.community_id,
                measurement=m,
                kind=a.kind,
                quantity=a.quantity,
                measure_unit=a.measure_unit,
            )
            for a in attachments
        ]
    )
    for image in photos or ():
        MeasurementPhoto.objects.create(
            unit_id=site.unit_id, community_id=site.community_id, measurement=m, image=image
        )
    owners = site_owners(site)
    site_refresh(site, owners)
    who = "、".join([*(staff_name(u) for u in measurers), *(n for n in measurer_names)])
    values = _measurement_values(m, buildings, attachments, who, len(photos or ()))
    action = AuditEntry.Action.IMPORT_CREATE if source == Measurement.Source.IMPORT else AuditEntry.Action.CREATE
    audit_append(
        site_drafts(
            site,
            owners,
            action,
            "renewal.measurement",
            m.pk,
            f"{project.name} {site} 测量 {measured_on}",
            {k: [None, v] for k, v in values.items() if v not in (None, "")},
            reason,
        ),
        actor=actor,
    )
    m.refresh_from_db(fields=["is_current"])
    return m


@transaction.atomic
def measurement_record(
    *,
    actor,
    site: Site,
    measured_on: date,
    measurers: list[User] = (),
    measurer_names: list[str] = (),
    buildings: list,
    attachments: list = (),
    site_area=None,
    owner_confirmation=None,
    sketch=None,
    photos=(),
    note: str = "",
    source: str = Measurement.Source.FORM,
) -> Measurement:
    """A measurement of the site by two different staff (accounts; an old ledger's names as written in
    `measurer_names`). The earlier current measurement stays in the history; flags of absurd values are recorded,
    never refused."""
    site = Site.objects.select_for_update().select_related("project", "community").get(pk=site.pk)
    check_recorder(actor, site.project, site.community_id)
    if actor is not None and not in_scope(actor, Site, pk=site.pk):
        raise PermissionDenied("该院落/厂房不在您的工作范围内")
    if site.is_voided:
        raise ValidationError("该院落/厂房已作废")
    _check_date(site.project, measured_on)
    buildings = [_as(BuildingIn, b) for b in buildings]
    attachments = [_as(AttachmentIn, a) for a in attachments]
    _check_buildings(buildings)
    for a in attachments:
        a.kind, a.measure_unit = a.kind.strip(), (a.measure_unit or "").strip()
        if not a.kind:
            raise ValidationError("附属物要填写名称")
        try:
            a.quantity = rules.m2(a.quantity)
        except (InvalidOperation, TypeError, ValueError):
            raise ValidationError(f"附属物“{a.kind}”的数量应为数字")
        if a.quantity <= 0:
            raise ValidationError(f"附属物“{a.kind}”的数量应大于零")
    site_area = _check_area(site_area, "占地面积") if site_area not in (None, "") else None
    measurers = list(dict.fromkeys(measurers))
    names = [n.strip() for n in measurer_names if n and n.strip()]
    _check_measurers(site.project, measurers, names, imported=source == Measurement.Source.IMPORT)
    return measurement_write(
        actor,
        site,
        measured_on=measured_on,
        measurers=measurers,
        measurer_names=names,
        buildings=buildings,
        attachments=attachments,
        site_area=site_area,
        owner_confirmation=owner_confirmation,
        sketch=sketch,
        photos=list(photos or ()),
        note=note,
        source=source,
    )


def may_void(user, measurement: Measurement) -> bool:
    return (
        not measurement.is_voided
        and getattr(user, "is_authenticated", False)
        and (measurement.recorded_by_id == user.pk or can_manage_project(user, measurement.site.project))
    )


@transaction.atomic
def measurement_void(*, actor, measurement: Measurement, reason: str) -> Measurement:
    """Void a measurement with its reason; the site's current measurement and the measured dates are worked out
    again from the valid ones."""
    m = (
        Measurement.objects.select_for_update(of=("self",))
        .select_related("site__project", "site__community")
        .get(pk=measurement.pk)
    )
    site = m.site
    if actor is not None and not may_void(actor, m):
        if m.is_voided:
            raise ValidationError("该测量记录已经作废")
        raise PermissionDenied("只有录入人或单位管理员可以作废测量记录")
    if m.is_voided:
        raise ValidationError("该测量记录已经作废")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写作废原因")
    m.status, m.void_reason, m.voided_at, m.is_current = RecordStatus.VOIDED, reason[:200], clock.now(), False
    m.voided_by = actor if actor is not None and actor.pk else None
    m.save(update_fields=["status", "void_reason", "voided_at", "voided_by", "is_current", "updated_at"])
    owners = site_owners(site)
    site_refresh(site, owners)
    audit_append(
        site_drafts(
            site,
            owners,
            AuditEntry.Action.VOID,
            "renewal.measurement",
            m.pk,
            f"{site.project.name} {site} 测量 {m.measured_on}",
            {"状态": ["有效", "已作废"]},
            reason,
        ),
        actor=actor,
    )
    return m


def photo_add(*, actor, measurement: Measurement, photos: list) -> list[MeasurementPhoto]:
    """Photos added to a measurement afterwards (the API's multipart upload)."""
    with transaction.atomic():
        m = Measurement.objects.select_related("site__project", "site__community").get(pk=measurement.pk)
        check_recorder(actor, m.site.project, m.community_id)
        if m.is_voided:
            raise ValidationError("该测量记录已作废")
        if not photos:
            raise ValidationError("请选择照片")
        added = [
            MeasurementPhoto.objects.create(unit_id=m.unit_id, community_id=m.community_id, measurement=m, image=image)
            for image in photos
        ]
        audit_append(
            site_drafts(
                m.site,
                site_owners(m.site),
                AuditEntry.Action.UPDATE,
                "renewal.measurement",
                m.pk,
                f"{m.site.project.name} {m.site} 测量 {m.measured_on}",
                {"照片": [None, f"补充 {len(added)} 张"]},
            ),
            actor=actor,
        )
    return added
