"""URL keywords of the determinations area for the scoping walk, each filled with a record of 新市镇's project."""

from datetime import date


def _posted(world):
    from taizhang.registry.models import Person
    from taizhang.renewal.determinations import determination_record
    from taizhang.renewal.models import ProjectHousehold, Publicity
    from taizhang.renewal.publicity import publicity_create
    from tests.renewal.conftest import xinshi_project

    project = xinshi_project(world)
    existing = Publicity.objects.filter(project=project).first()
    if existing:
        return existing
    entry = ProjectHousehold.objects.filter(project=project).select_related("project", "household").first()
    for person in Person.objects.filter(household=entry.household):
        determination_record(
            actor=world.xs_admin,
            entry=entry,
            person=person,
            registered_on=date(2010, 1, 1),
            decided_on=date(2024, 12, 1),
        )
    return publicity_create(
        actor=world.xs_admin, project=project, community=world.xinshi_village, starts_on=date(2025, 1, 1)
    )


def publicity_id(world):
    return _posted(world).pk


def objection_id(world):
    from taizhang.renewal.models import Objection
    from taizhang.renewal.publicity import objection_record

    posted = _posted(world)
    existing = Objection.objects.filter(publicity=posted).first()
    if existing is None:
        line = posted.lines.select_related("entry__household").first()
        existing = objection_record(
            actor=world.xs_admin,
            publicity=posted,
            entry=line.entry,
            submitted_by="张三",
            received_on=date(2025, 1, 2),
            content="认定人数有误",
        )
    return existing.pk


FACTORIES = {"publicity_id": publicity_id, "objection_id": objection_id}
