"""Who may do what in the people module. Assessment data are personal: a staff member sees their own contracts,
results and pay; the unit's assessment committee (and its admins) manage everyone's; district roles and the
auditor read everyone's in their scope."""

from taizhang.org.models import DISTRICT_ROLES, Role


def _authenticated(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_active


def on_committee(user) -> bool:
    """A member of the unit's assessment committee, or the unit's admin."""
    from taizhang.people.models import Committee

    if not _authenticated(user) or user.unit_id is None:
        return False
    if user.role == Role.UNIT_ADMIN:
        return True
    cached = getattr(user, "_people_committee", None)
    if cached is None:
        cached = Committee.objects.filter(unit_id=user.unit_id, user_id=user.pk, ended_at__isnull=True).exists()
        user._people_committee = cached
    return cached


def can_manage(user, unit_id: int | None = None) -> bool:
    """Set up posts, contracts, rounds and cycles; enter results; calibrate, lock, pay and decide — for `unit_id`
    (the user's own unit) when given."""
    if not _authenticated(user):
        return False
    if user.is_superuser:
        return True
    return on_committee(user) and (unit_id is None or unit_id == user.unit_id)


def reads_everyone(user) -> bool:
    """Sees every staff member's records in their scope (not just their own)."""
    return _authenticated(user) and (user.is_superuser or user.role in DISTRICT_ROLES or on_committee(user))


def imports_zone_figures(user, unit) -> bool:
    """Imports a zone's (and its peers') figures for the district's zone assessment: the zone's committee and admin."""
    from taizhang.org.models import OrgNode

    return unit.subtype == OrgNode.Subtype.ZONE and can_manage(user, unit.pk)


def edits_zone_indicators(user) -> bool:
    """Sets the district's zone indicators and their weights: district admins."""
    return _authenticated(user) and (user.is_superuser or user.role == Role.DISTRICT_ADMIN)


def reads_staff_file(viewer, person) -> bool:
    """The unit's assessment committee opens its staff's files (the kernel lets the person and the unit admin)."""
    return person.unit_id is not None and can_manage(viewer, person.unit_id)
