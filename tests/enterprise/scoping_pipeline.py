"""The pipeline's URL keywords for the scoping walk: a lead source, a project moved once (so its last move can be
withdrawn) and a stage event with its evidence, all of 新市镇."""

from datetime import date

from django.core.files.base import ContentFile
from django.utils import timezone

from taizhang.enterprise.models import Project, StageEvent, Station


def station_id(world):
    found, _ = Station.objects.get_or_create(
        unit=world.xinshi, name="扫描测试招商站", defaults={"kind": Station.Kind.STATION, "region": "日本"}
    )
    return found.pk


def _project(world) -> Project:
    project, made = Project.objects.get_or_create(
        unit=world.xinshi, name="扫描测试招商项目", defaults={"stage": "talks", "stage_on": date(2020, 3, 1)}
    )
    if made:
        now = timezone.now()
        for move, stage, on in ((1, "lead", date(2020, 1, 1)), (2, "talks", date(2020, 3, 1))):
            event = StageEvent(
                unit=world.xinshi, project=project, move=move, stage=stage, reached_on=on, recorded_at=now
            )
            if move == 2:
                event.from_stage, event.from_on = "lead", date(2020, 1, 1)
                event.evidence.save("洽谈纪要.pdf", ContentFile(b"%PDF-1.4 scan"), save=False)
            event.save()
    return project


def pipeline_project_id(world):
    return _project(world).pk


def stage_event_id(world):
    return StageEvent.objects.get(project=_project(world), move=2).pk


FACTORIES = {"station_id": station_id, "pipeline_project_id": pipeline_project_id, "stage_event_id": stage_event_id}
