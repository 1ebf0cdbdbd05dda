"""人口界定 and 公示 in headless Debian chromium at 1280 and 360 px: the population group records one person's facts
and sees the rules' verdict; the determination list and the publicity page fit the screen."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from taizhang.registry.importing import household_import
from taizhang.registry.models import Person
from taizhang.renewal.determinations import determination_record
from taizhang.renewal.models import Determination, Site
from taizhang.renewal.publicity import objection_record, publicity_create
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD, csv_bytes, household_rows
from tests.renewal.conftest import make_renewal

pytestmark = pytest.mark.browser


@pytest.fixture
def project(browser_world):
    assert household_import(
        unit=browser_world.jiyang, data=csv_bytes(household_rows("JY001", "城里居", 2, 30)), filename="seed.csv"
    ).applied
    renewal = make_renewal(browser_world)
    jy101 = renewal.entry("JY101")
    site = Site.objects.create(
        unit=renewal.project.unit,
        community=jy101.community,
        project=renewal.project,
        number="DG-01",
        floor_area=Decimal("120.50"),
        site_area=Decimal("200.00"),
        measured_on=date(2020, 7, 1),
    )
    site.owners.set([jy101, renewal.entry("JY102")])
    for person in Person.objects.filter(household=jy101.household):
        determination_record(
            actor=browser_world.jy_admin,
            entry=jy101,
            person=person,
            registered_on=date(2010, 1, 1),
            decided_on=date(2020, 7, 1),
        )
    today = timezone.localdate()
    posted = publicity_create(
        actor=browser_world.jy_admin, project=renewal.project, community=renewal.dongguan, starts_on=today
    )
    objection_record(
        actor=browser_world.jy_admin,
        publicity=posted,
        entry=jy101,
        submitted_by="张三",
        received_on=today,
        content="次子在外读大学，户口已迁往学校，应当认定",
    )
    renewal.posted = posted
    return renewal


def no_overflow(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page scrolls sideways"


@pytest.mark.parametrize("width", [1280, 360])
def test_the_population_group_records_a_person_and_the_rules_decide(open_page, project, width):
    page = open_page(width, 900)
    login(page, "jy_pop", PASSWORD)
    page.goto(f"/renewal/projects/{project.project.pk}/determinations/")
    assert page.locator("tr:has-text('JY101') >> text=已界定").count() == 1
    no_overflow(page)
    shoot(page, "renewal-determination-list")
    page.click("text=JY001")
    person = Person.objects.filter(household__household_no="JY001").order_by("id").first()
    card = page.locator(f"#person-{person.pk}")
    card.locator(f"#id_p{person.pk}-registered_on").fill("2020-06-02")
    card.locator("button:has-text('按规则界定')").click()
    page.wait_for_selector(".alert-success")
    assert "不认定" in card.locator(".current-verdict").inner_text()
    assert "冻结日后" in card.locator(".current-verdict").inner_text()
    no_overflow(page)
    shoot(page, "renewal-determination-household")
    assert Determination.objects.get(person=person).decided_by.username == "jy_pop"


@pytest.mark.parametrize("width", [1280, 360])
def test_the_publicity_page_shows_the_lines_and_the_objection(open_page, project, width):
    page = open_page(width, 900)
    login(page, "jy_admin", PASSWORD)
    page.goto(f"/renewal/projects/{project.project.pk}/publicity/")
    assert page.locator("text=东关居").count() >= 1
    no_overflow(page)
    shoot(page, "renewal-publicity-list")
    page.goto(f"/renewal/publicity/{project.posted.pk}/")
    assert page.locator("text=DG-01").count() == 2
    assert page.locator("text=待答复").count() == 1
    no_overflow(page)
    shoot(page, "renewal-publicity")


@pytest.mark.parametrize("width", [1280, 360])
def test_a_change_after_posting_shows_must_post_again_and_the_police_facts(open_page, project, width):
    from taizhang.renewal import crosschecks
    from taizhang.renewal.crosscheck import POLICE_COLUMNS

    jy101 = project.entry("JY101")
    people = list(Person.objects.filter(household=jy101.household).order_by("id"))
    extract = [[p.name, p.id_number, "H101", "东关居幸福街01号", "2009-12-30", "正常"] for p in people]
    extract[-1][-1] = "死亡"
    crosschecks.crosscheck_run(
        actor=project.world.jy_admin,
        project=project.project,
        data=csv_bytes(extract, POLICE_COLUMNS),
        filename="公安.csv",
        confirm_partial=True,
    )
    determination_record(actor=project.world.jy_admin, entry=jy101, person=people[0], registered_on=None)
    page = open_page(width, 900)
    login(page, "jy_admin", PASSWORD)
    page.goto(f"/renewal/projects/{project.project.pk}/")
    assert page.locator(".must-repost").inner_text() == "1 户须重新公示"
    no_overflow(page)
    shoot(page, "renewal-project-must-repost")
    page.goto(f"/renewal/publicity/{project.posted.pk}/")
    assert "1 户的人口界定有变更（JY101）" in page.locator(".alert.outdated").inner_text()
    no_overflow(page)
    shoot(page, "renewal-publicity-outdated")
    page.goto(f"/renewal/households/{jy101.pk}/determinations/")
    assert "公示内容已过期" in page.locator(".must-repost").inner_text()
    card = page.locator(f"#person-{people[0].pk}")
    assert card.locator(f"#id_p{people[0].pk}-registered_on").input_value() == "2009-12-30"
    assert "第1次比对" in card.locator(".police-facts .source").inner_text()
    assert "死亡" in page.locator(f"#person-{people[-1].pk} .police-facts").text_content()
    no_overflow(page)
    shoot(page, "renewal-determination-police-facts")
