"""One's own account in the browser: the password change forced at first login, the sessions page, an admin's
unlock — at 1280 and 360 px."""

import pytest
from django.utils import timezone

from taizhang.org.models import LoginThrottle, Role
from taizhang.staff.services import staff_create
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser
WIDTHS = [1280, 360]
INITIAL = "Chushi@2026pw"
MINE = "Wode-mima-2026"


@pytest.mark.parametrize("width", WIDTHS)
def test_a_new_account_must_choose_its_own_password_at_first_login(open_page, browser_world, width):
    staff_create(
        actor=browser_world.xs_admin,
        node=browser_world.xinshi_village,
        username="chen_new",
        full_name="陈新人",
        role=Role.FIELD_WORKER,
        password=INITIAL,
    )
    page = open_page(width)
    login(page, "chen_new", INITIAL)
    assert page.url.endswith("/account/password/")
    page.wait_for_selector("#forced-change")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shoot(page, "accounts-forced-change")
    page.goto("/registry/households/")
    assert "/account/password/" in page.url  # no page before the change
    page.fill("#id_old_password", INITIAL)
    page.fill("#id_new_password1", "12345")
    page.fill("#id_new_password2", "12345")
    page.click("button[type=submit]")
    page.wait_for_selector("#id_new_password1.is-invalid")
    assert "至少要 10 个字符" in page.inner_text("main form")
    shoot(page, "accounts-forced-change-refused")
    page.fill("#id_old_password", INITIAL)
    page.fill("#id_new_password1", MINE)
    page.fill("#id_new_password2", MINE)
    page.click("button[type=submit]")
    page.wait_for_url("**/registry/households/")
    page.wait_for_selector("text=密码已修改")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", WIDTHS)
def test_the_user_menu_leads_to_the_sessions_and_signs_out_the_others(open_page, browser_world, width):
    phone = open_page(360)
    login(phone, "xs_worker", PASSWORD)
    page = open_page(width)
    login(page, "xs_worker", PASSWORD)
    if width < 992:
        page.click(".navbar-toggler")
        page.locator("#nav.show").wait_for()
    page.click("#user-menu")
    page.wait_for_selector("text=登录设备")
    shoot(page, "accounts-user-menu")
    page.click("text=登录设备")
    page.wait_for_url("**/account/sessions/")
    assert page.locator("tbody tr").count() == 2
    shoot(page, "accounts-sessions")
    page.click("#sign-out-others")
    page.wait_for_selector("text=已退出其他 1 处登录")
    assert page.locator("tbody tr").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    phone.goto("/org/")
    assert "/login/" in phone.url


@pytest.mark.parametrize("width", WIDTHS)
def test_an_admin_unlocks_a_locked_account(open_page, browser_world, width):
    LoginThrottle.objects.create(kind=LoginThrottle.Kind.ACCOUNT, key="xs_worker", attempts=5, last_at=timezone.now())
    page = open_page(width)
    login(page, "xs_admin", PASSWORD)
    page.goto("/org/staff/")
    page.wait_for_selector("text=已锁定至")
    page.click("text=解锁")
    page.wait_for_selector("text=自动解除")
    page.fill("#id_reason", "电话核实本人输错")
    shoot(page, "accounts-unlock")
    page.click("text=确认解锁")
    page.wait_for_selector("text=已解除 张帮扶 的登录锁定")
    assert "已锁定至" not in page.content()
