"""Scoped reads the renewal pages, API and commands share."""

from __future__ import annotations

import re

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from taizhang.core.models import RecordStatus
from taizhang.org.models import User
from taizhang.org.scoping import get_visible_or_404
from taizhang.renewal.models import Measurement, Project, ProjectGroup, ProjectHousehold, Site


def project_list(user) -> QuerySet[Project]:
    return Project.objects.visible_to(user).select_related("unit").prefetch_related("communities")


def project_or_404(user, project_id: int) -> Project:
    return get_visible_or_404(Project.objects.select_related("unit"), user, pk=project_id)


def project_by_name(name: str) -> Project:
    """The project a command names; a clear error lists the projects there are."""
    from django.core.management.base import CommandError

    found = list(Project.objects.filter(name=name.strip()).select_related("unit")[:2])
    if len(found) == 1:
        return found[0]
    if found:
        raise CommandError(f"有不止一个名为“{name}”的项目，请先改名以区分")
    known = (
        "、".join(Project.objects.values_list("name", flat=True)) or "（还没有项目，可用 taizhang create-project 建立）"
    )
    raise CommandError(f"没有名为“{name}”的征收项目。现有项目：{known}")


def entries(user, project: Project) -> QuerySet[ProjectHousehold]:
    """The project's households the user may see, with what their rows show."""
    return (
        ProjectHousehold.objects.visible_to(user)
        .filter(project=project)
        .select_related("household__head", "community", "group")
        .order_by("household__household_no")
    )


def entry_or_404(user, entry_id: int) -> ProjectHousehold:
    return get_visible_or_404(
        ProjectHousehold.objects.select_related("project__unit", "household__head", "community", "group"),
        user,
        pk=entry_id,
    )


def groups_of(user, project: Project) -> list[ProjectGroup]:
    """The project's groups the user leads or works in (a group leader's pages open on their group's work)."""
    if not getattr(user, "pk", None):
        return []
    return list(ProjectGroup.objects.filter(Q(leader=user) | Q(members=user), project=project).distinct())


# --- measurements ---------------------------------------------------------------------------------

SEPARATORS = re.compile(r"[、,，;；/\s]+")


def staff_name(user: User) -> str:
    return user.full_name or user.username


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
