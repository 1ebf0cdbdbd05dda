"""Who may do what in the assistance module (which records: the org scope, as everywhere)."""

from django.core.exceptions import PermissionDenied

from taizhang.org.models import Role


def is_unit_admin_of(user, unit_id: int) -> bool:
    return getattr(user, "is_authenticated", False) and user.role == Role.UNIT_ADMIN and user.unit_id == unit_id


def can_manage_assistance(user) -> bool:
    """Mark assisted households, assign helpers, set the visit rules, import ledgers."""
    return getattr(user, "is_authenticated", False) and (user.is_superuser or user.role == Role.UNIT_ADMIN)


def require_manager(actor, unit_id: int) -> None:
    if not (can_manage_assistance(actor) and is_unit_admin_of(actor, unit_id)):
        raise PermissionDenied("只有本单位管理员可以办理")
