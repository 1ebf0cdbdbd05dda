"""Who may do what with a unit's events. The unit admin and group leaders plan them (programme, staff, budget,
stalls, reviews); the staff assigned to an event work it on the day (check-in, walk-ins) and read the sign-ups'
phone numbers whole; everyone else in scope reads the event with the phones masked."""

from taizhang.org.models import DISTRICT_ROLES, Role

PLANNING_ROLES = (Role.UNIT_ADMIN, Role.GROUP_LEADER)
WORKING_ROLES = (Role.UNIT_ADMIN, Role.GROUP_LEADER, Role.FIELD_WORKER)


def _authenticated(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_active


def can_plan(user, unit_id: int | None = None) -> bool:
    """Create and change the unit's events: programme, staff, checklist, budget, stalls, vendor reviews, results."""
    if not _authenticated(user):
        return False
    if user.is_superuser:
        return True
    return user.unit_id is not None and user.role in PLANNING_ROLES and unit_id in (None, user.unit_id)


def can_work(user, event) -> bool:
    """Check people in, register walk-ins, sign someone up by phone: the planners and the event's assigned staff."""
    if can_plan(user, event.unit_id):
        return True
    return (
        _authenticated(user)
        and user.role in WORKING_ROLES
        and user.unit_id == event.unit_id
        and event.assignments.filter(user=user).exists()
    )


def reads_phones(user, event) -> bool:
    """Sign-ups' and vendors' phone numbers whole: those who call them (the event's planners and staff) and the
    auditor; district leaders and the unit's other staff read them masked."""
    if not _authenticated(user):
        return False
    return user.is_superuser or user.role == Role.AUDITOR or can_work(user, event)


def reads_district(user) -> bool:
    return _authenticated(user) and (user.is_superuser or user.role in DISTRICT_ROLES)
