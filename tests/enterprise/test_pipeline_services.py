"""Writing the pipeline: projects, stage moves with their evidence and their withdrawal, dropping and restoring a
project, follow-ups, credit shares and stage norms — checked, audited, scoped to the unit."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.audit.models import AuditEntry
from taizhang.enterprise import pipeline
from taizhang.enterprise.models import FollowUp, Project, ProjectCredit, StageEvent, Station
from taizhang.enterprise.selectors_pipeline import norms
from tests.enterprise.fixtures_pipeline import TODAY, new_project, pdf, signed_project


@pytest.fixture(autouse=True)
def _today(clock):
    clock.set(TODAY)


def trail(object_type: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(object_type=object_type).order_by("id"))


def test_a_new_project_starts_with_its_first_stage_event_and_is_audited(ez):
    project = new_project(ez)
    assert (project.stage, project.stage_on) == ("lead", date(2020, 1, 10))
    assert [(e.stage, e.move) for e in project.events.all()] == [("lead", 1)]
    created = trail("enterprise.project")[-1]
    assert created.action == AuditEntry.Action.CREATE and created.changes["阶段"] == [None, "线索（2020-01-10）"]


def test_a_new_project_cannot_start_past_talks_nor_name_another_units_records(ez, world):
    with pytest.raises(ValidationError, match="推进并上传佐证材料"):
        pipeline.project_create(actor=ez.officer, unit_id=ez.unit.pk, name="x", stage="signed", stage_on=TODAY)
    other = Station.objects.create(unit=world.jiyang, name="济阳招商站", kind=Station.Kind.REFERRAL)
    with pytest.raises(ValidationError, match="线索来源不属于本单位"):
        pipeline.project_create(actor=ez.officer, unit_id=ez.unit.pk, name="x", stage_on=TODAY, source=other)
    with pytest.raises(PermissionDenied):
        pipeline.project_create(actor=world.jy_admin, unit_id=ez.unit.pk, name="x", stage_on=TODAY)


def test_moving_from_signed_to_started_records_the_skipped_stages_the_same_day(ez):
    project = signed_project(ez)
    events = pipeline.stage_move(
        actor=ez.officer, project=project, target="started", on=date(2020, 9, 1), evidence=pdf("施工许可.pdf")
    )
    assert [(e.stage, e.skipped) for e in events] == [("registered", True), ("land", True), ("started", False)]
    assert {e.reached_on for e in events} == {date(2020, 9, 1)}
    assert events[-1].evidence.name.endswith(".pdf") and not events[0].evidence
    project.refresh_from_db()
    assert (project.stage, project.stage_on) == ("started", date(2020, 9, 1))
    moved = trail("enterprise.stage")[-1]
    assert moved.changes["阶段"] == ["签约（2020-03-01）", "开工（2020-09-01）"]
    assert moved.changes["一并到达"] == [None, "注册、供地"]


def test_a_move_without_evidence_from_signed_on_or_before_the_last_stage_is_refused(ez):
    project = signed_project(ez)
    with pytest.raises(ValidationError, match="须上传佐证材料"):
        pipeline.stage_move(actor=ez.officer, project=project, target="registered", on=date(2020, 4, 1))
    with pytest.raises(ValidationError, match="早于上一阶段"):
        pipeline.stage_move(actor=ez.officer, project=project, target="registered", on=date(2020, 2, 1), evidence=pdf())
    with pytest.raises(ValidationError, match="晚于今天"):
        pipeline.stage_move(actor=ez.officer, project=project, target="registered", on=date(2021, 3, 2), evidence=pdf())
    assert Project.objects.get(pk=project.pk).stage == "signed"


def test_withdrawing_the_last_move_puts_the_project_back_and_keeps_the_events(ez):
    project = signed_project(ez)
    pipeline.stage_move(actor=ez.officer, project=project, target="land", on=date(2020, 6, 1), evidence=pdf())
    pipeline.stage_withdraw(actor=ez.officer, project=project, reason="供地手续尚未办完，误点")
    project.refresh_from_db()
    assert (project.stage, project.stage_on) == ("signed", date(2020, 3, 1))
    withdrawn = StageEvent.objects.filter(project=project, withdrawn_at__isnull=False)
    assert sorted(withdrawn.values_list("stage", flat=True)) == ["land", "registered"]
    entry = trail("enterprise.stage")[-1]
    assert entry.action == AuditEntry.Action.VOID and entry.reason == "供地手续尚未办完，误点"
    pipeline.stage_withdraw(actor=ez.officer, project=project, reason="签约也是误点")
    project.refresh_from_db()
    assert project.stage == "lead"
    with pytest.raises(ValidationError, match="没有可撤回"):
        pipeline.stage_withdraw(actor=ez.officer, project=project, reason="再撤")


def test_a_dropped_project_cannot_move_until_the_drop_is_withdrawn(ez):
    project = signed_project(ez)
    with pytest.raises(ValidationError, match="终止原因"):
        pipeline.project_drop(actor=ez.officer, project=project, on=TODAY, reason=" ")
    pipeline.project_drop(actor=ez.officer, project=project, on=date(2020, 12, 1), reason="投资方资金链断裂")
    with pytest.raises(ValidationError, match="项目已终止"):
        pipeline.stage_move(actor=ez.officer, project=project, target="registered", on=TODAY, evidence=pdf())
    pipeline.drop_withdraw(actor=ez.officer, project=project, reason="投资方已找到新资金")
    project.refresh_from_db()
    assert project.dropped_on is None and project.drop_reason == ""
    actions = [e.action for e in trail("enterprise.project")[-2:]]
    assert actions == [AuditEntry.Action.VOID, AuditEntry.Action.RESTORE]


def test_follow_ups_need_what_happened_and_a_next_action_for_a_next_date(ez):
    project = new_project(ez)
    with pytest.raises(ValidationError) as refused:
        pipeline.follow_up_add(
            actor=ez.officer, project=project, happened_on=TODAY, summary="", next_on=date(2021, 2, 1)
        )
    assert {"请填写跟进情况", "下一步日期 2021-02-01 早于跟进日期 2021-03-01"} <= set(refused.value.messages)
    pipeline.follow_up_add(
        actor=ez.officer,
        project=project,
        happened_on=TODAY,
        summary="与投资方视频会谈",
        next_action="赴台面谈",
        next_on=date(2021, 3, 20),
    )
    assert FollowUp.objects.get(project=project).next_action == "赴台面谈"
    assert trail("enterprise.follow_up")[-1].changes["下一步"] == [None, "2021-03-20 赴台面谈"]


def test_credit_shares_total_100_among_the_units_staff_and_default_to_the_officer(ez, world):
    project = new_project(ez)
    assert pipeline.credits_of(project) == [(ez.officer, Decimal(100))]
    with pytest.raises(ValidationError, match="合计须为 100%"):
        pipeline.credits_set(actor=ez.officer, project=project, shares=[(ez.officer, Decimal(60))])
    with pytest.raises(ValidationError, match="不属于本单位"):
        pipeline.credits_set(
            actor=ez.officer, project=project, shares=[(ez.officer, Decimal(60)), (world.jy_worker, Decimal(40))]
        )
    pipeline.credits_set(
        actor=ez.officer, project=project, shares=[(ez.officer, Decimal(60)), (world.xs_worker, Decimal(40))]
    )
    shares = dict(ProjectCredit.objects.filter(project=project).values_list("user__username", "share"))
    assert shares == {"zhaoshang": Decimal(60), world.xs_worker.username: Decimal(40)}
    assert trail("enterprise.credit")


def test_stage_norms_take_effect_from_their_day_and_only_the_admin_sets_them(ez):
    days = {"lead": 30, "talks": 60, "signed": 30, "registered": 60, "land": 90, "started": 200, "producing": 300}
    probability = dict.fromkeys(days, 40) | {"performing": 100}
    with pytest.raises(PermissionDenied):
        pipeline.norms_set(
            actor=ez.officer, unit_id=ez.unit.pk, effective_on=TODAY, usual_days=days, probability=probability
        )
    pipeline.norms_set(actor=ez.admin, unit_id=ez.unit.pk, effective_on=TODAY, usual_days=days, probability=probability)
    assert norms(ez.unit.pk, TODAY).usual_days["lead"] == 30
    assert norms(ez.unit.pk, date(2021, 2, 28)).usual_days["lead"] == 60  # the default before
    assert trail("enterprise.stage_norm")


def test_a_station_abroad_names_its_country_and_names_are_unique(ez):
    with pytest.raises(ValidationError, match="国家/地区"):
        pipeline.station_save(actor=ez.admin, unit_id=ez.unit.pk, name="美国招商站", kind="station")
    with pytest.raises(ValidationError, match="已有名为“台湾招商站”"):
        pipeline.station_save(actor=ez.admin, unit_id=ez.unit.pk, name="台湾招商站", kind="station", region="台湾")
    with pytest.raises(PermissionDenied):
        pipeline.station_save(actor=ez.officer, unit_id=ez.unit.pk, name="美国招商站", kind="station", region="美国")
    made = pipeline.station_save(actor=ez.admin, unit_id=ez.unit.pk, name="美国招商站", kind="station", region="美国")
    assert made.region == "美国" and trail("enterprise.station")[-1].action == AuditEntry.Action.CREATE


def test_a_project_entered_without_a_history_can_still_withdraw_its_first_recorded_move(ez):
    project = ez.projects[0]  # at 签约 since 2020-06-01, no stage events
    assert pipeline.last_move(project) == []
    pipeline.stage_move(actor=ez.officer, project=project, target="registered", on=date(2020, 7, 1), evidence=pdf())
    assert [e.stage for e in pipeline.last_move(project)] == ["registered"]
    pipeline.stage_withdraw(actor=ez.officer, project=project, reason="误点")
    project.refresh_from_db()
    assert (project.stage, project.stage_on) == ("signed", date(2020, 6, 1))
