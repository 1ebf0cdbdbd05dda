"""The investment pipeline in headless chromium: an officer moves a project from 签约 to 开工 (through 注册 and 供地)
with the construction permit as evidence on a 1280 px desktop, then reads the path on a 360 px phone; the funnel with
its ECharts chart at both widths."""

from datetime import date

import pytest

from taizhang.core import clock
from taizhang.enterprise.models import Project, StageEvent
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD
from tests.enterprise.conftest import make_enterprise_zone

pytestmark = pytest.mark.browser
TODAY = date(2021, 3, 1)


@pytest.fixture
def ez(browser_world):
    with clock.frozen(TODAY):
        yield make_enterprise_zone(browser_world)


def test_an_officer_moves_a_project_from_signed_to_started_with_evidence(ez, open_page, tmp_path):
    project = ez.projects[0]  # 黄河饮品扩产项目, 签约 since 2020-06-01
    permit = tmp_path / "施工许可证.pdf"
    permit.write_bytes(b"%PDF-1.4 construction permit")
    desk = open_page(1280)
    login(desk, "zhaoshang", PASSWORD)
    desk.goto(f"/enterprise/projects/{project.pk}/")
    desk.wait_for_selector("text=推进路径")
    desk.click("text=推进阶段")
    desk.wait_for_selector("text=确认推进")
    desk.select_option("#id_target", "started")
    desk.fill("#id_on", "2021-02-20")
    desk.fill("#id_note", "取得施工许可，正式开工")
    desk.click("button:has-text('确认推进')")
    desk.wait_for_selector("text=须上传佐证材料")  # refused without the permit, what was typed kept
    desk.set_input_files("#id_evidence", str(permit))
    shoot(desk, "enterprise-pipeline-move")
    desk.click("button:has-text('确认推进')")
    desk.wait_for_selector("text=已推进到“开工”")
    text = desk.content()
    assert "取得施工许可，正式开工" in text and "随后续阶段一并到达" in text and "撤回最近推进" in text
    shoot(desk, "enterprise-pipeline-project")
    project.refresh_from_db()
    assert (project.stage, project.stage_on) == ("started", date(2021, 2, 20))
    reached = StageEvent.objects.filter(project=project, withdrawn_at__isnull=True).order_by("id")
    assert [(e.stage, e.skipped, bool(e.evidence)) for e in reached] == [
        ("registered", True, False),
        ("land", True, False),
        ("started", False, True),
    ]

    phone = open_page(360, 780)
    login(phone, "zhaoshang", PASSWORD)
    phone.goto(f"/enterprise/projects/{project.pk}/")
    phone.wait_for_selector("#path")
    assert phone.locator("#path .list-group-item-primary").inner_text().startswith("开工")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    shoot(phone, "enterprise-pipeline-project")
    phone.goto("/enterprise/projects/?stage=started")
    phone.wait_for_selector("text=黄河饮品扩产项目")
    shoot(phone, "enterprise-pipeline-list")
    assert Project.objects.filter(stage="started").count() == 2


def test_the_funnel_draws_its_chart_at_both_widths(ez, open_page):
    for width in (1280, 360):
        page = open_page(width, 900)
        login(page, "zhaoshang", PASSWORD)
        page.goto("/enterprise/projects/funnel/")
        page.wait_for_selector("#pipeline-funnel-chart canvas")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        shoot(page, "enterprise-pipeline-funnel")
