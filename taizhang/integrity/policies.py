"""Who sees the integrity signals and who acts on them. Which signals: `Signal.objects.visible_to(user)`."""

from __future__ import annotations

from taizhang.org.models import Role
from taizhang.org.modules import user_modules

# The unit admin looks into the unit's signals; the auditor and the district's leaders and admins read them.
READER_ROLES = {Role.UNIT_ADMIN, Role.AUDITOR, Role.DISTRICT_LEADER, Role.DISTRICT_ADMIN}


def _role(user) -> str | None:
    return getattr(user, "role", None) if getattr(user, "is_authenticated", False) else None


def can_see_signals(user) -> bool:
    """Field workers and group leaders never see signals: many are about their own visits."""
    return getattr(user, "is_superuser", False) or _role(user) in READER_ROLES


def shows_signals(user) -> bool:
    """The menu entry: a reader whose modules declare signals."""
    return can_see_signals(user) and any(spec.signal_kinds for spec in user_modules(user))


def can_act_for_unit(user, unit_id: int | None) -> bool:
    """Reviewing a unit's signals, running its detectors and setting its parameters: the unit's own admin."""
    if unit_id is None:
        return False
    return getattr(user, "is_superuser", False) or (_role(user) == Role.UNIT_ADMIN and user.unit_id == unit_id)


def can_review(user, signal) -> bool:
    return can_act_for_unit(user, signal.unit_id)
