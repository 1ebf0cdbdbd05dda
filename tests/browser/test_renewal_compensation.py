"""补偿与协议 in headless chromium: the unit admin edits the policy, opens a household's compensation and signs its
agreement; screenshots at 1280 and 360 px."""

from datetime import date
from decimal import Decimal

import pytest

from taizhang.registry.importing import household_import
from taizhang.renewal.agreements import agreement_choose
from taizhang.renewal.models import Agreement
from taizhang.renewal.publicity import publicity_create
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD, csv_bytes, household_rows
from tests.renewal.conftest import make_renewal
from tests.renewal.scoping_compensation import example_household, published_policy

pytestmark = pytest.mark.browser


@pytest.fixture
def street(browser_world):
    assert household_import(
        unit=browser_world.jiyang, data=csv_bytes(household_rows("JY001", "城里居", 2, 30)), filename="seed.csv"
    ).applied
    renewal = make_renewal(browser_world)
    published_policy(renewal.project)
    draft = published_policy(
        renewal.project,
        name="补偿方案（修订稿）",
        status="draft",
        effective_from=renewal.project.freeze_date.replace(year=2021),
    )
    return renewal, example_household(renewal.project), draft


@pytest.mark.parametrize("width", [1280, 360])
def test_the_unit_admin_signs_a_households_agreement(open_page, street, width):
    renewal, entry, draft = street
    page = open_page(width, 900)
    login(page, "jy_admin", PASSWORD)
    page.goto(f"/renewal/policies/{draft.pk}/edit/")
    page.wait_for_selector(".price-grid")
    shoot(page, "renewal-policy-edit")
    page.goto(f"/renewal/households/{entry.pk}/compensation/")
    assert page.locator(".breakdown").count() == 2
    assert "308,320.00" in page.locator(".breakdown[data-option=货币补偿]").inner_text()
    shoot(page, "renewal-compensation")
    page.goto(f"/renewal/households/{entry.pk}/agreement/")
    page.check("input[name=option][value=产权调换]")
    page.fill("input[name=chosen_area]", "125.50")
    page.fill("input[name=months_until_handover]", "30")
    page.click("form.choose button")
    page.wait_for_selector(".alert-success")
    page.fill("#step-on", "2020-09-10")
    page.click("form.step button")
    page.wait_for_selector(".sign-confirm")
    assert "人民币壹拾玖万伍仟柒佰肆拾壹元伍角整" in page.locator(".sign-confirm").inner_text()
    assert Agreement.objects.get(entry=entry).status == Agreement.Status.UNSIGNED
    shoot(page, "renewal-agreement-confirm")
    page.click("button.confirm")
    page.wait_for_selector("text=协议金额已于签约时确定")
    assert page.locator(".status").inner_text() == "已签约"
    shoot(page, "renewal-agreement")
    agreement = Agreement.objects.get(entry=entry)
    assert agreement.amount == Decimal("195741.50") and agreement.number == "2020-0001"
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, "the page overflows sideways"


@pytest.mark.parametrize("width", [1280, 360])
def test_signing_is_refused_while_the_publicity_is_open(open_page, street, width):
    renewal, entry, _ = street
    publicity_create(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        community=entry.community,
        starts_on=date(2020, 9, 5),
    )
    agreement_choose(actor=renewal.world.jy_admin, entry=entry, option="货币补偿")
    page = open_page(width, 900)
    login(page, "jy_admin", PASSWORD)
    page.goto(f"/renewal/households/{entry.pk}/agreement/")
    page.fill("#step-on", "2020-09-10")
    page.click("form.step button")
    page.wait_for_selector(".sign-confirm")
    checks = page.locator(".checks").inner_text()
    assert "公示期未满（至2020-09-11）" in checks and "已测量" in checks
    assert page.locator("button.confirm").count() == 0
    assert "434,691.50" in page.locator(".sign-confirm .amount").inner_text()
    shoot(page, "renewal-agreement-refused")
    assert Agreement.objects.get(entry=entry).status == Agreement.Status.UNSIGNED
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, "the page overflows sideways"


@pytest.mark.parametrize("width", [1280, 360])
def test_vacating_and_demolishing_are_confirmed_and_withdrawn_with_a_reason(open_page, street, width):
    from taizhang.renewal.agreements import agreement_sign

    renewal, entry, _ = street
    admin = renewal.world.jy_admin
    agreement_sign(
        actor=admin,
        agreement=agreement_choose(actor=admin, entry=entry, option="货币补偿"),
        signed_on=date(2020, 9, 10),
    )
    page = open_page(width, 900)
    login(page, "jy_admin", PASSWORD)
    page.goto(f"/renewal/households/{entry.pk}/agreement/")
    page.fill("#step-on", "2020-09-25")
    page.click("form.step button")
    page.wait_for_selector(".step-confirm")
    confirm = page.locator(".step-confirm").inner_text()
    assert "2020-0001" in confirm and "444,691.50" in confirm and "含腾空奖励 10,000.00 元" in confirm
    assert Agreement.objects.get(entry=entry).status == Agreement.Status.SIGNED
    shoot(page, "renewal-agreement-vacate-confirm")
    page.click("button.confirm")
    page.wait_for_selector("text=已登记腾空（2020-09-25）")
    page.fill("#step-on", "2020-10-08")
    page.click("form.step button")
    page.wait_for_selector(".step-confirm")
    page.click("button.confirm")
    page.wait_for_selector("text=已登记拆除（2020-10-08）")
    assert page.locator(".withdraw-vacate").count() == 0  # 拆除 stands on it
    shoot(page, "renewal-agreement-demolished")
    agreement = Agreement.objects.get(entry=entry)
    page.goto(f"/renewal/agreements/{agreement.pk}/vacate/withdraw/")
    assert "已登记拆除，须先撤回拆除，才能撤回腾空" in page.locator(".refused").inner_text()
    shoot(page, "renewal-agreement-withdraw-refused")
    page.goto(f"/renewal/households/{entry.pk}/agreement/")
    page.click(".withdraw-demolish")
    page.wait_for_selector("input[name=reason]")
    shoot(page, "renewal-agreement-withdraw")
    page.fill("input[name=reason]", "拆除尚未完成，登记有误")
    page.click("button.withdraw")
    page.wait_for_selector("text=已撤回拆除")
    assert page.locator(".status").inner_text() == "已腾空"
    assert Agreement.objects.get(entry=entry).demolished_on is None
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, "the page overflows sideways"
