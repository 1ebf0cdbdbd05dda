"""Units see only their modules, on a phone and on a desktop, in a real (headless Debian) chromium."""

import pytest

from taizhang.org.models import OrgNode, Role, UnitModule
from taizhang.staff.services import staff_create
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser
WIDTHS = [1280, 360]


@pytest.fixture
def chosen(browser_world):
    world = browser_world
    UnitModule.objects.all().delete()
    UnitModule.objects.create(unit=world.xinshi, module="assistance")
    UnitModule.objects.create(unit=world.jiyang, module="renewal")
    staff_create(
        actor=None,
        node=world.district,
        username="qu_admin",
        full_name="钱科长",
        role=Role.DISTRICT_ADMIN,
        password=PASSWORD,
    )
    return world


def menu_labels(page) -> list[str]:
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():  # the phone's collapsed menu
        toggler.click()
        page.locator("#nav.show").wait_for()
    return [text.strip() for text in page.locator("#nav .nav-link").all_inner_texts()]


@pytest.mark.parametrize("width", WIDTHS)
def test_each_unit_sees_its_own_modules_and_the_leader_sees_both(open_page, chosen, width):
    for username, shown, hidden in (("xs_worker", "帮扶", "棚改旧改"), ("jy_worker", "棚改旧改", "帮扶")):
        page = open_page(width)
        login(page, username, PASSWORD)
        labels = menu_labels(page)
        assert shown in labels and hidden not in labels, (username, labels)
        response = page.goto("/renewal/" if hidden == "棚改旧改" else "/assistance/")
        assert response.status == 403 and f"本单位未启用“{hidden}”模块" in page.content()
        shoot(page, f"module-refused-{username}")
    page = open_page(width)
    login(page, "leader", PASSWORD)
    labels = menu_labels(page)
    assert "帮扶" in labels and "棚改旧改" in labels


@pytest.mark.parametrize("width", WIDTHS)
def test_the_district_admin_enables_a_module_for_a_unit(open_page, chosen, width):
    page = open_page(width)
    login(page, "qu_admin", PASSWORD)
    page.goto("/hub/modules/")
    row = page.locator("form[data-unit='济阳街道']")
    row.get_by_label("帮扶").check()
    shoot(page, "unit-modules")
    row.get_by_role("button", name="保存").click()
    page.wait_for_selector("text=济阳街道启用的模块已保存")
    assert set(
        UnitModule.objects.filter(unit=OrgNode.objects.get(name="济阳街道")).values_list("module", flat=True)
    ) == {"assistance", "renewal"}
