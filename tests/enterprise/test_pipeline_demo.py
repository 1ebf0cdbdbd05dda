"""The demo pipeline on the test zone: stations, about forty projects along the pipeline through the services, some
stuck, some dropped, two behind their promise, follow-ups due — and running it twice changes nothing."""

from datetime import date

from taizhang.audit.models import AuditEntry
from taizhang.enterprise import demo_pipeline
from taizhang.enterprise.models import FollowUp, Project, StageEvent, Station
from taizhang.enterprise.selectors_funnel import funnel

TODAY = date(2021, 3, 1)


def counts():
    return (
        Station.objects.count(),
        Project.objects.count(),
        StageEvent.objects.count(),
        FollowUp.objects.count(),
        AuditEntry.objects.count(),
    )


def test_the_demo_pipeline_runs_twice_to_the_same_zone(ez):
    demo_pipeline.build(unit=ez.unit, seed=7, today=TODAY)
    first = counts()
    demo_pipeline.build(unit=ez.unit, seed=7, today=TODAY)
    assert counts() == first
    made = Project.objects.filter(unit=ez.unit).exclude(pk__in=[p.pk for p in ez.projects])
    assert made.count() == 40
    assert {s.name for s in Station.objects.filter(kind="station")} >= {"美国招商站", "日本招商站", "香港招商站"}
    assert Station.objects.get(name="香港招商站").region == "中国香港"
    found = funnel(ez.admin, today=TODAY)
    assert {s.code: s.reached for s in found.stages}["performing"] == 3
    assert len(found.lagging) == 2 and found.dropped == 3 and found.stuck >= 4
    assert StageEvent.objects.filter(stage="started", evidence="").filter(skipped=False).count() == 0
    due = FollowUp.objects.filter(next_on__lt=TODAY).values("project").distinct().count()
    assert due >= 5


def test_the_demo_pipeline_needs_no_enterprises_or_chains(world):
    demo_pipeline.build(unit=world.jiyang, seed=1, today=TODAY)
    assert Project.objects.filter(unit=world.jiyang).count() == 40
