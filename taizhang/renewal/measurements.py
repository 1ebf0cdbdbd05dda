"""The measurement ledger (测量): courtyards and factories, their measurements (buildings, attachments, the owner's
confirmation, sketch and photos), re-measurement with the history kept, voiding, the old ledgers' import, and the
scoped reads the pages, the API and the commands share.

A site's current measurement is its latest valid one (by date, then by entry); Site.site_area / floor_area follow
it, Site.measured_on and the owners' ProjectHousehold.measured_on are the first day one was measured."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.documents.cells import CellError, cell_date
from taizhang.documents.importing import LedgerImportReport, cell_text
from taizhang.documents.tabular import RowError, TableError, match_headers, normalize_header, open_table
from taizhang.org.models import OrgNode, User
from taizhang.org.scoping import get_visible_or_404, user_scope
from taizhang.registry.models import Household
from taizhang.renewal import rules
from taizhang.renewal.models import (
    CERTIFICATES,
    LAND_TYPES,
    STRUCTURES,
    USES,
    Attachment,
    Building,
    Measurement,
    MeasurementPhoto,
    Project,
    ProjectHousehold,
    Site,
)
from taizhang.renewal.policies import can_manage_project, can_record
from taizhang.renewal.projects import (
    entries_ensure,
    entry_draft,
    project_draft,
    regional_groups_by_community,
    require_manager,
)

MAX_AREA = Decimal("9999999999.99")
SEPARATORS = re.compile(r"[、,，;；/\s]+")


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


def staff_name(user: User) -> str:
    return user.full_name or user.username


# --- selectors ------------------------------------------------------------------------------------


def _current_prefetch() -> Prefetch:
    return Prefetch(
        "measurements",
        to_attr="current_measurements",
        queryset=Measurement.objects.filter(is_current=True, status=RecordStatus.ACTIVE).prefetch_related(
            "buildings", "measurers"
        ),
    )


def site_list(
    user,
    project: Project,
    *,
    community_id: int | None = None,
    group_id: int | None = None,
    kind: str = "",
    measured: str = "",
    flagged: bool = False,
) -> QuerySet[Site]:
    """The project's valid sites the user may see, with their owners and current measurement (for the ledger)."""
    sites = Site.objects.visible_to(user).filter(project=project, status=RecordStatus.ACTIVE)
    if community_id:
        sites = sites.filter(community_id=community_id)
    if group_id:
        sites = sites.filter(group_id=group_id)
    if kind:
        sites = sites.filter(kind=kind)
    if measured == "yes":
        sites = sites.filter(measured_on__isnull=False)
    elif measured == "no":
        sites = sites.filter(measured_on__isnull=True)
    if flagged:
        sites = sites.filter(
            Exists(
                Measurement.objects.filter(site=OuterRef("pk"), is_current=True, status=RecordStatus.ACTIVE).exclude(
                    flags=""
                )
            )
        )
    return (
        sites.select_related("community", "group")
        .prefetch_related(
            Prefetch(
                "owners",
                queryset=ProjectHousehold.objects.select_related("household__head").order_by("household__household_no"),
            ),
            _current_prefetch(),
        )
        .order_by("kind", "number")
    )


def current_of(site: Site) -> Measurement | None:
    """The current measurement of a site from site_list (prefetched)."""
    found = getattr(site, "current_measurements", None)
    if found is None:
        return site.measurements.filter(is_current=True, status=RecordStatus.ACTIVE).first()
    return found[0] if found else None


def site_counts(user, project: Project) -> dict[str, int]:
    """Courtyards and factories: how many, how many measured, how many whose current measurement is flagged."""
    sites = Site.objects.visible_to(user).filter(project=project, status=RecordStatus.ACTIVE)
    flagged = Exists(
        Measurement.objects.filter(site=OuterRef("pk"), is_current=True, status=RecordStatus.ACTIVE).exclude(flags="")
    )
    counts = {}
    for key, kind in (("courtyards", Site.Kind.COURTYARD), ("factories", Site.Kind.FACTORY)):
        counts[key] = Count("pk", filter=Q(kind=kind))
        counts[f"{key}_measured"] = Count("pk", filter=Q(kind=kind, measured_on__isnull=False))
        counts[f"{key}_flagged"] = Count("pk", filter=Q(flagged, kind=kind))
    return sites.aggregate(**counts)


def site_or_404(user, site_id: int) -> Site:
    return get_visible_or_404(Site.objects.select_related("project__unit", "community", "group"), user, pk=site_id)


def site_measurements(site: Site) -> QuerySet[Measurement]:
    """The site's measurements, newest first, voided ones included (the history)."""
    return (
        site.measurements.select_related("recorded_by", "voided_by")
        .prefetch_related("buildings", "attachments", "measurers", "photos")
        .order_by("-measured_on", "-id")
    )


def measurement_or_404(user, measurement_id: int) -> Measurement:
    return get_visible_or_404(
        Measurement.objects.select_related(
            "site__project__unit", "site__community", "recorded_by", "voided_by", "community"
        ).prefetch_related("buildings", "attachments", "measurers", "photos"),
        user,
        pk=measurement_id,
    )


def measurer_text(measurement: Measurement) -> str:
    """Who measured: the linked staff, then the names written in an old ledger."""
    names = [staff_name(u) for u in sorted(measurement.measurers.all(), key=lambda u: u.pk)]
    names += [n for n in SEPARATORS.split(measurement.measurer_names) if n and n not in names]
    return "、".join(names)


def unit_staff(project: Project) -> QuerySet[User]:
    """Who may be named as measuring staff: the unit's active field roles."""
    return User.objects.filter(unit_id=project.unit_id, is_active=True).order_by("full_name", "username")


# --- sites ----------------------------------------------------------------------------------------


def _in_scope(actor, model, **lookup) -> bool:
    return model.objects.visible_to(actor).filter(**lookup).exists()


def _check_recorder(actor, project: Project, community_id: int) -> None:
    """Commands run as the system (actor None); people record for their unit, inside their own scope."""
    if actor is None:
        return
    if not can_record(actor, project):
        raise PermissionDenied("只有本单位的管理员、组长和工作人员可以登记测量")
    scope = user_scope(actor)
    if not (scope.everything or (scope.covers_unit(project.unit_id) and scope.community_id in (None, community_id))):
        raise PermissionDenied("该村居不在您的工作范围内")


def _site_values(site: Site, owners: list[ProjectHousehold]) -> dict:
    return {
        "类型": site.get_kind_display(),
        "编号": site.number,
        "村居": site.community.name,
        "产权户": "、".join(o.household.household_no for o in owners),
        "企业名称": site.enterprise,
        "土地性质": site.land_type,
        "位置": site.address,
        "工作组": str(site.group or ""),
    }


def _site_drafts(
    site: Site,
    owners: list[ProjectHousehold],
    action: str,
    object_type: str,
    object_id,
    object_repr: str,
    changes: dict,
    reason: str = "",
) -> list[Draft]:
    """One draft for each owner household (its 一户一档 timeline), or one for the project (a factory)."""
    if owners:
        return [entry_draft(o, action, object_type, object_id, object_repr, changes, reason) for o in owners]
    return [
        project_draft(
            site.project, action, object_type, object_id, object_repr, changes, reason, community_id=site.community_id
        )
    ]


def _validate_site(
    project: Project,
    kind: str,
    number: str,
    community: OrgNode,
    owners: list[ProjectHousehold],
    enterprise: str,
    land_type: str,
) -> None:
    if kind not in Site.Kind.values:
        raise ValidationError("类型应为院落或厂房")
    if not number:
        raise ValidationError("请填写编号")
    if community.pk not in set(project.communities.values_list("pk", flat=True)):
        raise ValidationError(f"{community.name}不在本项目涉及的村居内")
    if land_type and land_type not in LAND_TYPES:
        raise ValidationError("土地性质应为国有或集体")
    if kind == Site.Kind.COURTYARD and not owners:
        raise ValidationError("院落至少要有一户产权户")
    if kind == Site.Kind.FACTORY and not enterprise:
        raise ValidationError("厂房要填写企业名称")
    strangers = [o.household.household_no for o in owners if o.project_id != project.pk]
    if strangers:
        raise ValidationError(f"{'、'.join(strangers)}不在本项目的征收范围内")
    elsewhere = [o.household.household_no for o in owners if o.community_id != community.pk]
    if elsewhere:
        raise ValidationError(f"{'、'.join(elsewhere)}不是{community.name}的户")
    if Site.objects.filter(project=project, kind=kind, number=number).exists():
        raise ValidationError(f"本项目已有{Site.Kind(kind).label}“{number}”")


@transaction.atomic
def site_create(
    *,
    actor,
    project: Project,
    kind: str,
    number: str,
    community: OrgNode,
    owners: list[ProjectHousehold] = (),
    enterprise: str = "",
    land_type: str = "",
    address: str = "",
    reason: str = "",
) -> Site:
    """A courtyard (its owner households) or a factory (its enterprise); its group is the owners' or the
    community's regional group."""
    _check_recorder(actor, project, community.pk)
    owners = list(owners)
    number, enterprise, address = number.strip(), enterprise.strip(), address.strip()
    _validate_site(project, kind, number, community, owners, enterprise, land_type)
    group = next((o.group for o in owners if o.group_id), None) or regional_groups_by_community(project).get(
        community.pk
    )
    site = Site.objects.create(
        unit_id=project.unit_id,
        community=community,
        project=project,
        group=group,
        kind=kind,
        number=number,
        enterprise=enterprise,
        land_type=land_type,
        address=address,
    )
    site.owners.set(owners)
    values = _site_values(site, owners)
    audit_append(
        _site_drafts(
            site,
            owners,
            AuditEntry.Action.CREATE,
            "renewal.site",
            site.pk,
            f"{project.name} {site}",
            {k: [None, v] for k, v in values.items() if v},
            reason,
        ),
        actor=actor,
    )
    return site


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


def _site_owners(site: Site) -> list[ProjectHousehold]:
    return list(site.owners.select_related("household").order_by("household__household_no"))


def _refresh(site: Site, owners: list[ProjectHousehold]) -> None:
    """The current measurement (the latest valid one), the site's figures, and its owners' first measured day."""
    valid = list(
        Measurement.objects.filter(site=site, status=RecordStatus.ACTIVE)
        .order_by("-measured_on", "-id")
        .values("pk", "measured_on", "site_area", "floor_area")
    )
    current = valid[0] if valid else None
    Measurement.objects.filter(site=site, is_current=True).exclude(pk=current["pk"] if current else None).update(
        is_current=False
    )
    if current:
        Measurement.objects.filter(pk=current["pk"], is_current=False).update(is_current=True)
    site.site_area = current["site_area"] if current else None
    site.floor_area = current["floor_area"] if current else None
    site.measured_on = min(m["measured_on"] for m in valid) if valid else None
    site.save(update_fields=["site_area", "floor_area", "measured_on", "updated_at"])
    for owner in owners:
        first = Measurement.objects.filter(
            site__owners=owner, site__status=RecordStatus.ACTIVE, status=RecordStatus.ACTIVE
        ).aggregate(first=Min("measured_on"))["first"]
        if owner.measured_on != first:
            owner.measured_on = first
            owner.save(update_fields=["measured_on"])


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


def _record(
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
) -> Measurement:
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
    owners = _site_owners(site)
    _refresh(site, owners)
    who = "、".join([*(staff_name(u) for u in measurers), *(n for n in measurer_names)])
    values = _measurement_values(m, buildings, attachments, who, len(photos or ()))
    action = AuditEntry.Action.IMPORT_CREATE if source == Measurement.Source.IMPORT else AuditEntry.Action.CREATE
    audit_append(
        _site_drafts(
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
    _check_recorder(actor, site.project, site.community_id)
    if actor is not None and not _in_scope(actor, Site, pk=site.pk):
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
    return _record(
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
    owners = _site_owners(site)
    _refresh(site, owners)
    audit_append(
        _site_drafts(
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


@transaction.atomic
def site_void(*, actor, site: Site, reason: str) -> Site:
    """Void a courtyard or factory entered by mistake (its measurements stay in the history); its owners' first
    measured day is worked out again without it."""
    site = Site.objects.select_for_update(of=("self",)).select_related("project").get(pk=site.pk)
    require_manager(actor, site.project)
    if site.is_voided:
        raise ValidationError("该院落/厂房已经作废")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写作废原因")
    site.status, site.void_reason, site.voided_at = RecordStatus.VOIDED, reason[:200], clock.now()
    site.voided_by = actor if actor is not None and actor.pk else None
    site.save(update_fields=["status", "void_reason", "voided_at", "voided_by", "updated_at"])
    owners = _site_owners(site)
    _refresh(site, owners)
    audit_append(
        _site_drafts(
            site,
            owners,
            AuditEntry.Action.VOID,
            "renewal.site",
            site.pk,
            f"{site.project.name} {site}",
            {"状态": ["有效", "已作废"]},
            reason,
        ),
        actor=actor,
    )
    return site


def photo_add(*, actor, measurement: Measurement, photos: list) -> list[MeasurementPhoto]:
    """Photos added to a measurement afterwards (the API's multipart upload)."""
    with transaction.atomic():
        m = Measurement.objects.select_related("site__project", "site__community").get(pk=measurement.pk)
        _check_recorder(actor, m.site.project, m.community_id)
        if m.is_voided:
            raise ValidationError("该测量记录已作废")
        if not photos:
            raise ValidationError("请选择照片")
        added = [
            MeasurementPhoto.objects.create(unit_id=m.unit_id, community_id=m.community_id, measurement=m, image=image)
            for image in photos
        ]
        audit_append(
            _site_drafts(
                m.site,
                _site_owners(m.site),
                AuditEntry.Action.UPDATE,
                "renewal.measurement",
                m.pk,
                f"{m.site.project.name} {m.site} 测量 {m.measured_on}",
                {"照片": [None, f"补充 {len(added)} 张"]},
            ),
            actor=actor,
        )
    return added


# --- the old ledgers' import --------------------------------------------------------------------

IMPORT_COLUMNS = ["对象类型", "编号", "村居", "户编号", "建筑结构", "建筑面积", "占地面积", "测量日期", "测量人"]
OPTIONAL_COLUMNS = ["房屋", "层数", "用途", "证照情况", "建成日期", "土地性质"]
KIND_WORDS = {
    "院落": Site.Kind.COURTYARD,
    "院": Site.Kind.COURTYARD,
    "厂房": Site.Kind.FACTORY,
    "厂": Site.Kind.FACTORY,
}
_BRACKETED = re.compile(r"\(.*\)$")


def _plain_header(text) -> str:
    """'对象类型（院落/厂房）' and '户编号 (厂房: 企业名称)' are the plain names with a note."""
    return _BRACKETED.sub("", normalize_header(text or ""))


@dataclass
class _Group:
    """The rows of one measurement: the same 对象类型 + 编号 + 测量日期."""

    row: int
    kind: str
    number: str
    measured_on: date
    community: OrgNode
    owners: tuple[str, ...]  # household numbers (courtyards)
    enterprise: str  # factories
    land_type: str = ""
    site_area: Decimal | None = None
    measurers: str = ""
    buildings: list[BuildingIn] = field(default_factory=list)


def _names(value) -> list[str]:
    return [n for n in SEPARATORS.split(cell_text(value)) if n]


def _decimal(value, row_no: int, column: str, problems: list[RowError], *, required: bool) -> Decimal | None:
    text = cell_text(value).replace(",", "").removesuffix("㎡").removesuffix("m²").strip()
    if not text:
        if required:
            problems.append(RowError(row_no, column, None, f"{column}不能为空"))
        return None
    try:
        number = rules.m2(text)
    except (InvalidOperation, ValueError):
        problems.append(RowError(row_no, column, value, f"{column}应为数字（m²）"))
        return None
    if abs(number) > MAX_AREA:
        problems.append(RowError(row_no, column, value, f"{column}数值过大"))
        return None
    return number


class _Staff:
    """The unit's accounts by full name; a name two accounts share is kept as text, not guessed."""

    def __init__(self, project: Project):
        by_name = defaultdict(list)
        for user in User.objects.filter(unit_id=project.unit_id):
            if user.full_name:
                by_name[user.full_name].append(user)
        self.by_name = {name: users[0] for name, users in by_name.items() if len(users) == 1}

    def split(self, names: list[str]) -> tuple[list[User], list[str]]:
        return [self.by_name[n] for n in names if n in self.by_name], [n for n in names if n not in self.by_name]


def _open(report: LedgerImportReport, data, filename: str):
    try:
        table = open_table(data, filename)
    except TableError as exc:
        report.add(RowError(None, None, None, exc.message))
        return None
    match = match_headers([_plain_header(h) for h in table.headers], IMPORT_COLUMNS, OPTIONAL_COLUMNS)
    report.unknown_columns = match.unknown
    if match.missing:
        report.add(
            RowError(1, None, None, f"缺少必填列：{'、'.join(match.missing)}（表头应为：{'、'.join(IMPORT_COLUMNS)}）")
        )
    for name in match.duplicated:
        report.add(RowError(1, name, None, f"列“{name}”出现了不止一次"))
    return (table, match.index) if report.ok else None


def _signature(buildings) -> list[tuple]:
    return sorted((b.structure, rules.m2(b.floor_area), b.floors, b.use) for b in buildings)


def measurements_import(*, actor, project: Project, data, filename: str, dry_run: bool = False) -> LedgerImportReport:
    """The measurement ledgers kept in Excel before the system: one row a building, the rows of one 对象类型 +
    编号 + 测量日期 one measurement. Whole or nothing; a measurement already there (same site, date and buildings)
    is left as it is."""
    require_manager(actor, project)
    report = LedgerImportReport(filename=filename, noun="次测量")
    opened = _open(report, data, filename)
    if opened is None:
        return report
    table, index = opened
    communities = {c.name: c for c in project.communities.all()}
    households = {
        h.household_no: h for h in Household.objects.filter(unit_id=project.unit_id).select_related("community")
    }
    staff = _Staff(project)
    sites = {(s.kind, s.number): s for s in Site.objects.filter(project=project).prefetch_related("owners__household")}
    existing = defaultdict(list)  # (site id, date) → building signatures of the valid measurements
    for m in Measurement.objects.filter(project=project, status=RecordStatus.ACTIVE).prefetch_related("buildings"):
        existing[(m.site_id, m.measured_on)].append(_signature(m.buildings.all()))
    groups: dict[tuple, _Group] = {}
    site_rows: dict[tuple, tuple] = {}  # (kind, number) → (row, community, owners, enterprise) first seen
    today = clock.today()

    def col(cells, name):
        return cells[index[name]] if name in index else None

    for row_no, cells in table.rows:
        report.rows += 1
        problems: list[RowError] = []
        kind_cell = cell_text(col(cells, "对象类型"))
        kind = KIND_WORDS.get(kind_cell)
        if kind is None:
            problems.append(RowError(row_no, "对象类型", kind_cell or None, "对象类型应为院落或厂房"))
        number = cell_text(col(cells, "编号"))
        if not number:
            problems.append(RowError(row_no, "编号", None, "编号不能为空"))
        village = cell_text(col(cells, "村居"))
        community = communities.get(village)
        if community is None:
            problems.append(
                RowError(
                    row_no,
                    "村居",
                    village or None,
                    f"村居应为本项目涉及的：{'、'.join(communities)}" if village else "村居不能为空",
                )
            )
        owner_cell = cell_text(col(cells, "户编号"))
        owners: tuple[str, ...] = ()
        enterprise = ""
        if kind == Site.Kind.FACTORY:
            enterprise = owner_cell
            if not enterprise:
                problems.append(RowError(row_no, "户编号", None, "厂房要在“户编号”列填写企业名称"))
        elif kind == Site.Kind.COURTYARD:
            owners = tuple(dict.fromkeys(_names(owner_cell)))
            if not owners:
                problems.append(RowError(row_no, "户编号", None, "院落要填写产权户的户编号（共用院落用“、”分隔）"))
            for no in owners:
                household = households.get(no)
                if household is None:
                    problems.append(
                        RowError(row_no, "户编号", no, f"{project.unit.name}户籍台账中没有这一户，请先导入户籍")
                    )
                elif household.status != RecordStatus.ACTIVE:
                    problems.append(RowError(row_no, "户编号", no, "该户已作废"))
                elif household.community.name not in communities:
                    problems.append(
                        RowError(row_no, "户编号", no, f"该户在{household.community.name}，不在项目涉及的村居内")
                    )
                elif community is not None and household.community_id != community.pk:
                    problems.append(
                        RowError(
                            row_no, "户编号", no, f"该户在{household.community.name}，与本行村居“{community.name}”不符"
                        )
                    )
        structure = cell_text(col(cells, "建筑结构"))
        if structure not in STRUCTURES:
            problems.append(RowError(row_no, "建筑结构", structure or None, f"建筑结构应为：{'、'.join(STRUCTURES)}"))
        floor_area = _decimal(col(cells, "建筑面积"), row_no, "建筑面积", problems, required=True)
        site_area = _decimal(col(cells, "占地面积"), row_no, "占地面积", problems, required=False)
        measured_on = None
        try:
            measured_on = cell_date(col(cells, "测量日期"), "测量日期")
            if measured_on > today:
                problems.append(RowError(row_no, "测量日期", measured_on, "测量日期不能晚于今天"))
            elif measured_on < project.start_date:
                problems.append(
                    RowError(row_no, "测量日期", measured_on, f"测量日期不能早于项目启动日期（{project.start_date}）")
                )
        except CellError as exc:
            problems.append(RowError(row_no, "测量日期", col(cells, "测量日期"), exc.message))
        measurer_list = list(dict.fromkeys(_names(col(cells, "测量人"))))
        measurers = "、".join(measurer_list)
        if len(measurer_list) < 2:
            problems.append(
                RowError(
                    row_no,
                    "测量人",
                    cell_text(col(cells, "测量人")) or None,
                    "测量须有两名不同的测量人，多人用“、”分隔",
                )
            )
        floors_text = cell_text(col(cells, "层数")) or "1"
        floors = int(floors_text) if floors_text.isdigit() and 1 <= int(floors_text) <= 200 else None
        if floors is None:
            problems.append(RowError(row_no, "层数", floors_text, "层数应为 1 到 200 的整数"))
        use = cell_text(col(cells, "用途")) or ("厂房" if kind == Site.Kind.FACTORY else "住宅")
        if use not in USES:
            problems.append(RowError(row_no, "用途", use, f"用途应为：{'、'.join(USES)}"))
        certificate = cell_text(col(cells, "证照情况")) or "有证"
        if certificate not in CERTIFICATES:
            problems.append(RowError(row_no, "证照情况", certificate, f"证照情况应为：{'、'.join(CERTIFICATES)}"))
        land_type = cell_text(col(cells, "土地性质"))
        if land_type and land_type not in LAND_TYPES:
            problems.append(RowError(row_no, "土地性质", land_type, "土地性质应为国有或集体"))
        built_on = None
        if cell_text(col(cells, "建成日期")):
            try:
                built_on = cell_date(col(cells, "建成日期"), "建成日期")
            except CellError as exc:
                problems.append(RowError(row_no, "建成日期", col(cells, "建成日期"), exc.message))
        if kind is not None and number and community is not None:
            # The same site on every row: its 村居 and owners (or enterprise), in the file and in the system.
            key = (kind, number)
            first = site_rows.setdefault(key, (row_no, community, owners, enterprise))
            if (first[1], set(first[2]), first[3]) != (community, set(owners), enterprise):
                problems.append(
                    RowError(
                        row_no,
                        "户编号" if first[1] == community else "村居",
                        owner_cell or village,
                        f"与第{first[0]}行的同一{Site.Kind(kind).label}（{number}）村居或产权人不同",
                    )
                )
            site = sites.get(key)
            if site is not None:
                known = ({o.household.household_no for o in site.owners.all()}, site.community_id, site.enterprise)
                if known != (set(owners), community.pk, enterprise):
                    problems.append(RowError(row_no, "编号", number, f"系统中已有{site}，其村居或产权人与本行不同"))
        if not problems:
            key = (kind, number, measured_on)
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Group(
                    row_no, kind, number, measured_on, community, owners, enterprise, land_type, site_area, measurers
                )
            else:
                if site_area is not None and group.site_area is not None and site_area != group.site_area:
                    problems.append(
                        RowError(
                            row_no,
                            "占地面积",
                            site_area,
                            f"与第{group.row}行同一次测量的占地面积（{group.site_area}）不同",
                        )
                    )
                if set(measurers.split("、")) != set(group.measurers.split("、")):
                    problems.append(
                        RowError(
                            row_no, "测量人", measurers, f"与第{group.row}行同一次测量的测量人（{group.measurers}）不同"
                        )
                    )
                group.site_area = group.site_area if group.site_area is not None else site_area
                group.land_type = group.land_type or land_type
            label = cell_text(col(cells, "房屋")) or f"房屋{len(group.buildings) + 1}"
            group.buildings.append(
                BuildingIn(
                    floor_area=floor_area,
                    structure=structure,
                    label=label,
                    floors=floors,
                    use=use,
                    certificate=certificate,
                    built_on=built_on,
                )
            )
        for problem in problems:
            report.add(problem)
    report.no_rows()
    new: list[_Group] = []
    for group in groups.values():
        site = sites.get((group.kind, group.number))
        if site is not None and (site.pk, group.measured_on) in existing:
            if _signature(group.buildings) in existing[(site.pk, group.measured_on)]:
                report.unchanged += 1
                continue
            report.add(
                RowError(
                    group.row,
                    "测量日期",
                    group.measured_on,
                    f"系统中已有{site}在这一天的测量，且房屋不同；复测请在系统中录入",
                )
            )
            continue
        new.append(group)
    report.created = len(new)
    if report.ok and not dry_run:
        if new:  # a re-import that changes nothing leaves no trace either
            _apply_import(actor, project, new, households, staff, sites, report)
        report.applied = True
    return report


@transaction.atomic
def _apply_import(
    actor, project: Project, new: list[_Group], households: dict, staff: _Staff, sites: dict, report: LedgerImportReport
) -> None:
    reason = f"导入文件 {report.filename}"
    named = {no for g in new for no in g.owners}
    entries = entries_ensure(
        actor=actor,
        project=project,
        households=[households[no] for no in sorted(named)],
        source=ProjectHousehold.Source.MEASUREMENT,
        reason=reason,
    )
    for group in sorted(new, key=lambda g: (g.kind, g.number, g.measured_on)):
        site = sites.get((group.kind, group.number))
        if site is None:
            site = sites[(group.kind, group.number)] = site_create(
                actor=None,
                project=project,
                kind=group.kind,
                number=group.number,
                community=group.community,
                owners=[entries[households[no].pk] for no in group.owners],
                enterprise=group.enterprise,
                land_type=group.land_type,
                reason=reason,
            )
        site.project = project
        users, names = staff.split(group.measurers.split("、"))
        _record(
            actor,
            site,
            measured_on=group.measured_on,
            measurers=users,
            measurer_names=names,
            buildings=group.buildings,
            attachments=[],
            site_area=group.site_area,
            owner_confirmation=None,
            sketch=None,
            photos=[],
            note="",
            source=Measurement.Source.IMPORT,
            reason=reason,
        )
    report.applied = True
    audit_append(
        [
            project_draft(
                project,
                AuditEntry.Action.IMPORT,
                "renewal.import",
                "",
                report.filename[:200],
                {"结果": [None, report.summary()]},
            )
        ],
        actor=actor,
    )


def may_import(user, project: Project) -> bool:
    return can_manage_project(user, project)
