"""URL keywords of the renewal module for the scoping walk (tests/scoping_walk.py), each filled with a record of
新市镇's project. Each area keeps its factories in its own file (scoping_<area>.py); this merges them."""

from tests.renewal import (
    scoping_compensation,
    scoping_crosschecks,
    scoping_determinations,
    scoping_measurements,
    scoping_progress,
    scoping_violations,
)
from tests.renewal.conftest import xinshi_project


def project_id(world):
    """新市镇's project, with its freeze notice posted (the notice's page and PDF exist only once it is)."""
    from taizhang.renewal.models import FreezeNotice
    from taizhang.renewal.projects import default_notice_scope, default_notice_text, freeze_notice_save

    project = xinshi_project(world)
    if not FreezeNotice.objects.filter(project=project).exists():
        freeze_notice_save(
            actor=world.xs_admin,
            project=project,
            issued_on=project.freeze_date,
            scope=default_notice_scope(project),
            text=default_notice_text(project),
        )
    return project.pk


def entry_id(world):
    from taizhang.renewal.models import ProjectHousehold

    return ProjectHousehold.objects.filter(project=xinshi_project(world)).first().pk


def group_id(world):
    from taizhang.renewal.models import ProjectGroup

    return ProjectGroup.objects.filter(project=xinshi_project(world)).first().pk


FACTORIES = {"project_id": project_id, "entry_id": entry_id, "group_id": group_id}

for _area in (
    scoping_measurements,
    scoping_determinations,
    scoping_crosschecks,
    scoping_violations,
    scoping_compensation,
    scoping_progress,
):
    for _key, _factory in _area.FACTORIES.items():
        assert _key not in FACTORIES, f"URL keyword <{_key}> has two factories"
        FACTORIES[_key] = _factory
