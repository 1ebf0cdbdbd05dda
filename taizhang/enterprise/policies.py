"""Who may do what in the enterprise module. The zone's staff work its ledgers (enterprises, projects, approvals,
follow-ups) in their own unit; the unit admin sets what binds the zone (policies and budgets, the award pool, the
sharing rule, service rules) and approves payments; district roles and the auditor read everything in their scope."""

from taizhang.org.models import DISTRICT_ROLES, Role

WORKING_ROLES = (Role.UNIT_ADMIN, Role.GROUP_LEADER, Role.FIELD_WORKER)


def _authenticated(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_active


def can_work(user, unit_id: int | None = None) -> bool:
    """Record and move the unit's enterprises, projects, approvals and follow-ups (`unit_id`: the record's unit)."""
    if not _authenticated(user):
        return False
    if user.is_superuser:
        return True
    return user.unit_id is not None and user.role in WORKING_ROLES and unit_id in (None, user.unit_id)


def can_configure(user, unit_id: int | None = None) -> bool:
    """Set the zone's rules and money: policies, budgets, the award pool, the sharing rule; approve payments."""
    if not _authenticated(user):
        return False
    if user.is_superuser:
        return True
    return user.unit_id is not None and user.role == Role.UNIT_ADMIN and unit_id in (None, user.unit_id)


def reads_district(user) -> bool:
    return _authenticated(user) and (user.is_superuser or user.role in DISTRICT_ROLES)
