"""What each role may do. Scoping (which records) lives in scoping.py; this is what actions."""

from taizhang.core.personal import ID_NUMBER
from taizhang.org.models import Role
from taizhang.org.personal import disclosure

REGISTRY_EDIT_ROLES = {Role.UNIT_ADMIN, Role.GROUP_LEADER, Role.FIELD_WORKER}


def _role(user) -> str | None:
    return getattr(user, "role", None) if getattr(user, "is_authenticated", False) else None


def can_see_full_identity(user) -> bool:
    """Whether 身份证号 are shown whole (the personal-data policy, taizhang.org.personal, decides per field)."""
    return disclosure(user).sees_whole(ID_NUMBER)


def can_edit_registry(user) -> bool:
    return user.is_superuser or _role(user) in REGISTRY_EDIT_ROLES


def can_import(user) -> bool:
    return user.is_superuser or _role(user) == Role.UNIT_ADMIN


def can_manage_staff(user) -> bool:
    return user.is_superuser or _role(user) == Role.UNIT_ADMIN


def can_search_audit(user) -> bool:
    return user.is_superuser or _role(user) in {Role.AUDITOR, Role.UNIT_ADMIN}


def can_manage_modules(user) -> bool:
    """Which modules each unit works with, and the targets of the cockpit's figures, are the district's to set."""
    return user.is_superuser or _role(user) == Role.DISTRICT_ADMIN
