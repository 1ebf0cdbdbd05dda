"""Who may do what in the renewal module (which records: the org scope, as everywhere)."""

from django.db.models import Q

from taizhang.org.models import Role

FIELD_ROLES = {Role.UNIT_ADMIN, Role.GROUP_LEADER, Role.FIELD_WORKER}


def _authenticated(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_active


def can_manage_project(user, project) -> bool:
    """Set up the project, its groups and households, the freeze notice, the policy; run imports and cross-checks."""
    return _authenticated(user) and (
        user.is_superuser or (user.role == Role.UNIT_ADMIN and user.unit_id == project.unit_id)
    )


def can_record(user, project) -> bool:
    """Record measurements, determinations, objections, violations and agreements for the project's unit."""
    return _authenticated(user) and (
        user.is_superuser or (user.role in FIELD_ROLES and user.unit_id == project.unit_id)
    )


def in_a_population_group(user) -> bool:
    """Leads or belongs to the population group (人口界定工作组) of a project of the user's unit: the personal-data
    policy's grant of whole ID numbers (the group checks them with the police station)."""
    from taizhang.renewal.models import ProjectGroup

    if not _authenticated(user) or user.unit_id is None:
        return False
    return (
        ProjectGroup.objects.filter(project__unit_id=user.unit_id, kind=ProjectGroup.Kind.POPULATION)
        .filter(Q(leader=user) | Q(members=user))
        .exists()
    )
