"""What the pipeline adds up: the funnel page (by stage, source, chain and credit-weighted officer, the weighted value,
the learned probability, 达效滞后), the published figures 签约投资额 and 开工项目数 (per unit and per person through the
credit shares) and the 招商跟进到期 to-do in the officer's inbox."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taizhang.core.manifest import Value
from taizhang.enterprise import metrics_pipeline as metrics
from taizhang.enterprise import pipeline
from taizhang.enterprise.selectors_funnel import funnel
from taizhang.hub import metrics as kernel_metrics
from taizhang.hub import tasks
from tests.enterprise.fixtures_pipeline import TODAY, new_project, pdf, signed_project


@pytest.fixture(autouse=True)
def _today(clock):
    clock.set(TODAY)


def figure(compute, ez, day=TODAY):
    return compute(unit_ids=[ez.unit.pk], as_of=day, month=day.replace(day=1)).get((ez.unit.pk, None))


def test_signed_investment_and_started_projects_count_what_reached_them_by_the_day(ez, world):
    a = signed_project(ez, name="甲项目")  # 10,000 万元 signed 2020-03-01
    b = signed_project(ez, name="乙项目")
    pipeline.stage_move(actor=ez.officer, project=b, target="started", on=date(2020, 9, 1), evidence=pdf())
    assert figure(metrics.signed_investment, ez) == Value(20000)
    assert figure(metrics.signed_investment, ez, date(2020, 2, 29)) is None
    assert figure(metrics.started_projects, ez) == Value(1)
    assert figure(metrics.started_projects, ez, date(2020, 8, 31)) is None
    pipeline.project_drop(actor=ez.officer, project=a, on=date(2020, 12, 1), reason="撤资")
    assert figure(metrics.signed_investment, ez) == Value(10000)
    assert figure(metrics.signed_investment, ez, date(2020, 11, 30)) == Value(20000)
    pipeline.stage_withdraw(actor=ez.officer, project=b, reason="误点")
    assert figure(metrics.started_projects, ez) is None


def test_a_persons_figures_follow_the_credit_shares(ez, world):
    project = signed_project(ez)
    pipeline.stage_move(actor=ez.officer, project=project, target="started", on=date(2020, 9, 1), evidence=pdf())
    other = signed_project(ez, name="丙项目")  # no shares: all the officer's
    pipeline.credits_set(
        actor=ez.officer,
        project=project,
        shares=[(ez.officer, Decimal("66.67")), (world.xs_worker, Decimal("33.33"))],
    )
    kw = {"as_of": TODAY, "month": TODAY.replace(day=1)}
    assert metrics.signed_investment_by(ez.officer, **kw) == Value(16667)  # 6,667 + 10,000
    assert metrics.signed_investment_by(world.xs_worker, **kw) == Value(3333)
    assert metrics.started_projects_by(ez.officer, **kw) == Value(1)  # two thirds of one project, rounded
    assert metrics.started_projects_by(world.xs_worker, **kw) == Value(0)
    assert metrics.signed_investment_by(world.xs_group_leader, **kw) is None  # no part in any project
    assert other.officer == ez.officer


def test_the_funnel_groups_by_stage_source_chain_and_credit_weighted_officer(ez, world):
    project = signed_project(ez)
    pipeline.credits_set(
        actor=ez.officer, project=project, shares=[(ez.officer, Decimal(50)), (world.xs_worker, Decimal(50))]
    )
    dropped = new_project(ez, name="流失项目")
    pipeline.project_drop(actor=ez.officer, project=dropped, on=TODAY, reason="去了外省")
    found = funnel(ez.officer, today=TODAY)
    stages = {s.code: s for s in found.stages}
    # live: 饮品扩产 (签约 20,000), 智能装配线 (开工 50,000), 冷链中心 (洽谈 30,000), the new one (签约 10,000)
    assert (stages["signed"].now, stages["signed"].planned) == (2, Decimal(30000))
    assert stages["lead"].reached == 5 and stages["signed"].reached == 3 and stages["started"].reached == 1
    assert found.live == 4 and found.dropped == 1
    assert stages["lead"].learned.n == 1 and stages["lead"].learned.percent == Decimal("33.3")  # 1 lost: 1/3
    # fixed: 20,000 × 50 % + 50,000 × 80 % + 30,000 × 20 % + 10,000 × 50 %
    assert found.weighted_fixed == Decimal(61000)
    by_source = {row.label: row.total for row in found.by_source}
    assert by_source["台湾招商站"].count == 3 and by_source["以商招商"].planned == Decimal(20000)
    by_chain = {row.label: row.total.planned for row in found.by_chain}
    assert by_chain == {"食品饮料": Decimal(60000), "智能制造": Decimal(50000)}
    by_officer = {row.label: row.total for row in found.by_officer}
    assert by_officer["招商专员"].count == Decimal("3.5") and by_officer["招商专员"].planned == Decimal(105000)
    assert by_officer[world.xs_worker.full_name].count == Decimal("0.5")
    assert found.stuck == 3  # 饮品扩产 (签约 since 2020-06), the new one (签约 since 2020-03), 冷链中心 (洽谈)


def test_the_funnel_page_shows_the_chart_data_and_lists_projects_behind_in_a_fixed_number_of_queries(ez, login):
    project = ez.projects[1]
    project.promise_year, project.promised_tax_per_mu = 2020, Decimal(50)
    project.save()
    client = login(ez.officer)
    client.get("/enterprise/projects/funnel/")  # the session and the menu settle

    def queries() -> int:
        with CaptureQueriesContext(connection) as run:
            assert client.get("/enterprise/projects/funnel/").status_code == 200
        return len(run)

    few = queries()
    for n in range(30):
        new_project(ez, name=f"批量{n}", on=date(2020, 1, 1 + n))
    pipeline.credits_set(actor=ez.officer, project=project, shares=[(ez.officer, Decimal(50)), (ez.admin, Decimal(50))])
    assert queries() == few <= 24
    response = client.get("/enterprise/projects/funnel/")
    text = response.content.decode()
    assert 'id="pipeline-funnel-data"' in text and "echarts.min.js" in text
    assert response.context["chart"]["reached"][0] == 33
    assert "智能装配线项目" in text and "2020 年亩均税收 8.33 万元/亩，低于承诺的 50 万元/亩" in text


def test_a_follow_up_whose_next_day_has_come_is_in_the_officers_inbox_until_a_newer_one(ez, world):
    project = new_project(ez)
    pipeline.follow_up_add(
        actor=ez.officer,
        project=project,
        happened_on=date(2021, 2, 1),
        summary="初次接洽",
        next_action="寄送园区资料",
        next_on=date(2021, 2, 20),
    )
    found = [t for t in tasks.collect(ez.officer) if t.kind == "enterprise.follow_up"]
    assert [(t.title, t.subject, t.due) for t in found] == [("招商跟进：寄送园区资料", "新材料项目", date(2021, 2, 20))]
    assert tasks.counts(ez.officer)["enterprise.follow_up"] == tasks.TaskCount(1, 1)
    assert not [t for t in tasks.collect(world.xs_worker) if t.kind == "enterprise.follow_up"]
    pipeline.follow_up_add(
        actor=ez.officer,
        project=project,
        happened_on=date(2021, 2, 25),
        summary="资料已寄出",
        next_action="电话回访",
        next_on=date(2021, 3, 15),
    )
    assert tasks.counts(ez.officer)["enterprise.follow_up"] == tasks.TaskCount(0, 0)


@pytest.mark.parametrize(
    "key", ["enterprise.signed_investment", "enterprise.started_projects", "enterprise.approvals_on_time"]
)
def test_the_people_modules_kpi_finds_each_per_person_figure_through_the_kernel(ez, key):
    """An indicator of the people module names a figure by `<module>.<metric>` and reads it per person as of the
    cycle's end (taizhang.people.kpi.actuals_from_metrics): the kernel must find it by that key."""
    found = kernel_metrics.find(key)
    assert found is not None and found.metric.per_person
    if key == "enterprise.signed_investment":
        signed_project(ez)
        assert found.per_person(ez.officer, as_of=TODAY) == Value(10000)
