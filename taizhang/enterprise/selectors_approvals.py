"""Scoped reads of approval accompaniment: a project's board, the unit's overdue items, the enterprise's status
page (by its token only) and the items on an enterprise's file page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet

from taizhang.enterprise.models import Accompaniment, ApprovalItem, ApprovalKind, Project, ServiceRule
from taizhang.enterprise.rules import stages
from taizhang.org.scoping import get_visible_or_404

TOKEN_MAX = 64


def project_or_404(user, project_id: int) -> Project:
    return get_visible_or_404(Project.objects.select_related("enterprise", "officer"), user, pk=project_id)


def item_or_404(user, item_id: int) -> ApprovalItem:
    return get_visible_or_404(ApprovalItem.objects.select_related("project", "after"), user, pk=item_id)


def accompaniment_of(project: Project) -> Accompaniment | None:
    return Accompaniment.objects.select_related("officer").filter(project=project).first()


@dataclass
class Track:
    name: str
    items: list[ApprovalItem] = field(default_factory=list)


def project_tracks(project: Project) -> list[Track]:
    """The project's items by parallel track (in the order of their first item), each track in order."""
    tracks: dict[str, Track] = {}
    for item in ApprovalItem.objects.filter(project=project).select_related("after").order_by("id"):
        tracks.setdefault(item.track, Track(item.track or "未分线")).items.append(item)
    return list(tracks.values())


def kinds(user) -> QuerySet[ApprovalKind]:
    return ApprovalKind.objects.visible_to(user)


def service_rules(user) -> QuerySet[ServiceRule]:
    return ServiceRule.objects.visible_to(user)


def item_list(user, *, today: date, q: str = "", overdue: bool = False, status: str = "") -> QuerySet[ApprovalItem]:
    found = ApprovalItem.objects.visible_to(user).select_related("project", "project__accompaniment__officer")
    if q:
        found = found.filter(Q(name__icontains=q) | Q(project__name__icontains=q) | Q(department__icontains=q))
    if overdue:
        found = found.filter(watch_on__lt=today)
    if status:
        found = found.filter(status=status)
    return found.order_by("watch_on", "project_id", "id")


def projects_to_accompany(user) -> QuerySet[Project]:
    """The projects past 签约 (those that need approvals), with their item counts."""
    past = [code for code in stages.CODES if stages.reached(code, "signed")]
    return (
        Project.objects.visible_to(user)
        .filter(stage__in=past, dropped_on__isnull=True)
        .select_related("enterprise", "accompaniment__officer")
        .order_by("name", "id")
    )


def status_by_token(token: str) -> Accompaniment | None:
    """The accompaniment a private link opens: the token alone decides (no user, no unit)."""
    if not token or len(token) > TOKEN_MAX:
        return None
    return Accompaniment.objects.select_related("project", "officer").filter(status_token=token).first()


def public_items(accompaniment: Accompaniment) -> list[ApprovalItem]:
    return list(ApprovalItem.objects.filter(project_id=accompaniment.project_id).order_by("id"))


def enterprise_items(user, enterprise) -> list[ApprovalItem]:
    return list(
        ApprovalItem.objects.visible_to(user)
        .filter(project__enterprise=enterprise)
        .select_related("project")
        .order_by("project_id", "track", "id")
    )
