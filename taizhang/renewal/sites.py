"""Courtyards and factories (院落/厂房) measured in a project: created with their owners or enterprise, voided when
entered by mistake; a site's figures follow its current measurement.

A site's current measurement is its latest valid one (by date, then by entry); Site.site_area / floor_area follow
it, Site.measured_on and the owners' ProjectHousehold.measured_on are the first day one was measured."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Min

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.org.models import OrgNode
from taizhang.org.scoping import user_scope
from taizhang.renewal.models import (
    LAND_TYPES,
    Measurement,
    Project,
    ProjectHousehold,
    Site,
)
from taizhang.renewal.policies import can_record
from taizhang.renewal.projects import (
    entry_draft,
    project_draft,
    regional_groups_by_community,
    require_manager,
)

# --- sites ----------------------------------------------------------------------------------------


def in_scope(actor, model, **lookup) -> bool:
    return model.objects.visible_to(actor).filter(**lookup).exists()


def check_recorder(actor, project: Project, community_id: int) -> None:
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


def site_drafts(
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
    batch=None,
) -> Site:
    """A courtyard (its owner households) or a factory (its enterprise); its group is the owners' or the
    community's regional group."""
    check_recorder(actor, project, community.pk)
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
        import_batch=batch,
    )
    site.owners.set(owners)
    values = _site_values(site, owners)
    audit_append(
        site_drafts(
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


def site_owners(site: Site) -> list[ProjectHousehold]:
    return list(site.owners.select_related("household").order_by("household__household_no"))


def site_refresh(site: Site, owners: list[ProjectHousehold]) -> None:
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
    owners = site_owners(site)
    site_refresh(site, owners)
    audit_append(
        site_drafts(
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
