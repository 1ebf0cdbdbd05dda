from django.core.management.base import CommandError

from taizhang.org.models import OrgNode
from taizhang.org.scoping import user_scope


def unit_by_name(name: str) -> OrgNode:
    """The 单位 a command names (exact name); a clear error lists the choices."""
    unit = OrgNode.objects.filter(kind=OrgNode.Kind.UNIT, name=name.strip()).first()
    if unit is None:
        known = (
            "、".join(OrgNode.objects.filter(kind=OrgNode.Kind.UNIT).values_list("name", flat=True))
            or "（还没有单位，可先运行 taizhang demo）"
        )
        raise CommandError(f"没有名为“{name}”的单位。现有单位：{known}")
    return unit


def visible_communities(user, *, unit_id: int | None = None):
    """The active 村居 the user sees, in the order their units list them: a 村居's staff see their own only."""
    nodes = OrgNode.objects.visible_to(user).filter(kind=OrgNode.Kind.COMMUNITY, is_active=True)
    if user_scope(user).community_id is not None:
        nodes = nodes.filter(id=user_scope(user).community_id)
    if unit_id:
        nodes = nodes.filter(unit_id=unit_id)
    return nodes.select_related("unit").order_by("unit__path", "sort_order", "name")
