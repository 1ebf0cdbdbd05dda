"""Scoped reads the renewal pages, API and commands share."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from taizhang.org.scoping import get_visible_or_404
from taizhang.renewal.models import Project, ProjectGroup, ProjectHousehold


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
