"""Data scoping, in one place.

A user sees the subtree of the node they belong to. Scoped models carry the id of the
单位 they belong to (the distribution key) and, where it applies, their 村居; each
declares SCOPE_FIELDS = (unit lookup, community lookup or None). Every page, API
endpoint, export and search reads through `visible_to(user)`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.http import FileResponse, Http404, HttpRequest


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    unit_ids: tuple[int, ...] = ()
    community_id: int | None = None

    def apply(self, qs: models.QuerySet, unit_field: str, community_field: str | None) -> models.QuerySet:
        if self.everything:
            return qs
        if not self.unit_ids:
            return qs.none()
        if len(self.unit_ids) == 1:
            qs = qs.filter(**{unit_field: self.unit_ids[0]})
        else:
            qs = qs.filter(**{f"{unit_field}__in": self.unit_ids})
        if self.community_id is not None:
            if community_field is None:
                return qs
            qs = qs.filter(**{community_field: self.community_id})
        return qs

    def covers_unit(self, unit_id: int | None) -> bool:
        return self.everything or unit_id in self.unit_ids


def scope_for(user) -> Scope:
    from taizhang.org.models import OrgNode

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope()
    node = user.node
    if node is None:
        return Scope(everything=True) if user.is_superuser else Scope()
    if node.kind == OrgNode.Kind.DISTRICT:
        unit_ids = OrgNode.objects.filter(kind=OrgNode.Kind.UNIT, path__startswith=node.path).values_list(
            "id", flat=True
        )
        return Scope(unit_ids=tuple(unit_ids))
    if node.kind == OrgNode.Kind.UNIT:
        return Scope(unit_ids=(node.id,))
    # A work group works on the records of the node it hangs under (a 村居, or its whole 单位).
    anchor = node
    if node.kind == OrgNode.Kind.WORKGROUP:
        anchor = node.parent
    if anchor.kind == OrgNode.Kind.COMMUNITY:
        return Scope(unit_ids=(node.unit_id,), community_id=anchor.id)
    return Scope(unit_ids=(node.unit_id,))


def once_per_request(user, attribute: str, compute):
    """`compute(user)`, kept on the request's user object so a page works it out once."""
    value = getattr(user, attribute, None)
    if value is None:
        value = compute(user)
        if getattr(user, "is_authenticated", False):
            setattr(user, attribute, value)
    return value


def user_scope(user) -> Scope:
    """The user's scope, worked out once per request."""
    return once_per_request(user, "_taizhang_scope", scope_for)


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user) -> models.QuerySet:
        scope = user_scope(user)
        unit_field, community_field = self.model.SCOPE_FIELDS
        return scope.apply(self, unit_field, community_field)


def get_visible_or_404(queryset: models.QuerySet, user, **lookup):
    """Fetch one object the user may see; an object outside their subtree is a 404, not a 403."""
    try:
        return queryset.visible_to(user).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404("没有找到该记录，或您无权查看。")


def scoped_image(request: HttpRequest, queryset, pk: int) -> FileResponse:
    """A photo the user may see, by its id; any other is a 404."""
    image = get_visible_or_404(queryset, request.user, pk=pk)
    return FileResponse(image.image.open("rb"), content_type="image/jpeg")


def command_line_viewer(unit):
    """An unsaved unit-admin account: the command line sees a unit as its admin would (never logs in, never saved)."""
    from taizhang.org.models import Role, User

    return User(username="command-line", full_name="系统（命令行）", role=Role.UNIT_ADMIN, node=unit, unit=unit)
