from django.core.management.base import CommandError

from taizhang.org.models import OrgNode


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
