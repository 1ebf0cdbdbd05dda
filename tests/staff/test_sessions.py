"""Signed-in sessions: each recorded at login, listed to its owner with device, address and last use, and signed out
from elsewhere — by the owner ("退出其他所有设备"), by a password change, by an admin's reset."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taizhang.audit.models import AuditEntry
from taizhang.org.models import UserSession
from taizhang.staff.rules import device_label
from taizhang.staff.sessions import SESSION_ID
from tests.conftest import PASSWORD

ANDROID_WECHAT = (
    "Mozilla/5.0 (Linux; Android 12; V2172A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/107.0 "
    "Mobile Safari/537.36 MicroMessenger/8.0.40"
)
WINDOWS_CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"
)


def signed_in(client_class, ua=WINDOWS_CHROME, address="10.2.0.8", username="xs_worker"):
    client = client_class(HTTP_USER_AGENT=ua, REMOTE_ADDR=address)
    response = client.post("/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:300]
    return client


@pytest.mark.parametrize(
    "agent, label",
    [
        (ANDROID_WECHAT, "手机 · 安卓 · 微信"),
        (WINDOWS_CHROME, "电脑 · Windows · Chrome"),
        (
            "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/120.0 Safari/537.36 Edg/120.0",
            "电脑 · Windows · Edge",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Version/17.1 Safari/604.1",
            "手机 · iPhone · Safari",
        ),
        ("Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0", "电脑 · Linux · Firefox"),
        ("", "未知设备"),
        ("python-requests/2.31", "未知设备"),
    ],
)
def test_the_device_is_named_in_chinese(agent, label):
    assert device_label(agent) == label


def test_a_login_is_recorded_and_listed_with_device_address_and_times(client, world):
    phone = signed_in(client.__class__, ANDROID_WECHAT, "10.2.0.9")
    desk = signed_in(client.__class__)
    record = UserSession.objects.get(session_key=desk.session.session_key)
    assert (record.user, record.ip, record.user_agent) == (world.xs_worker, "10.2.0.8", WINDOWS_CHROME)
    page = desk.get("/account/sessions/").content.decode()
    assert "手机 · 安卓 · 微信" in page and "电脑 · Windows · Chrome" in page
    assert "10.2.0.9" in page and page.count("当前设备") == 1
    assert "退出其他所有设备" in page
    assert 'href="/account/sessions/"' in phone.get("/").content.decode()  # in the user menu


def test_signing_out_the_other_sessions_ends_them_at_once_and_is_audited(client, world):
    phone = signed_in(client.__class__, ANDROID_WECHAT)
    other_desk = signed_in(client.__class__)
    desk = signed_in(client.__class__)
    response = desk.post("/account/sessions/sign-out-others/")
    assert response.status_code == 302 and response.url == "/account/sessions/"
    assert "已退出其他 2 处登录" in desk.get(response.url).content.decode()
    for ended in (phone, other_desk):
        assert ended.get("/org/").status_code == 302
    assert desk.get("/org/").status_code == 200
    assert list(UserSession.objects.values_list("session_key", flat=True)) == [desk.session.session_key]
    entry = AuditEntry.objects.get(reason="本人退出其他设备上的登录")
    assert entry.actor == world.xs_worker and entry.changes == {"已登录设备": ["2 处已退出", None]}


def test_signing_out_others_needs_a_post(client, world):
    desk = signed_in(client.__class__)
    assert desk.get("/account/sessions/sign-out-others/").status_code == 405


def test_only_ones_own_sessions_are_listed(client, world):
    signed_in(client.__class__, ANDROID_WECHAT, username="ws_worker")
    page = signed_in(client.__class__).get("/account/sessions/").content.decode()
    assert "微信" not in page


def test_a_password_change_keeps_this_session_and_ends_the_others(client, world):
    phone = signed_in(client.__class__, ANDROID_WECHAT)
    desk = signed_in(client.__class__)
    response = desk.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": "Wode-mima-2026", "new_password2": "Wode-mima-2026"},
    )
    assert response.status_code == 302
    assert phone.get("/org/").status_code == 302
    assert desk.get("/account/sessions/").content.decode().count("当前设备") == 1
    assert UserSession.objects.get().session_key == desk.session.session_key


def test_an_admins_reset_ends_every_session_of_the_account(client, world, login):
    phone = signed_in(client.__class__, ANDROID_WECHAT)
    login("xs_admin").post(f"/org/staff/{world.xs_worker.pk}/password/", {"password": "Xinmima@2026"})
    assert phone.get("/org/").status_code == 302
    assert not UserSession.objects.filter(user=world.xs_worker).exists()
    assert AuditEntry.objects.get(reason="管理员重置密码后退出全部设备").actor == world.xs_admin


def test_logging_out_forgets_the_session(client, world):
    desk = signed_in(client.__class__)
    desk.post("/logout/")
    assert not UserSession.objects.exists()


def test_last_use_is_written_at_most_once_a_minute(client, world, clock):
    desk = signed_in(client.__class__)
    record = UserSession.objects.get()
    with CaptureQueriesContext(connection) as queries:
        desk.get("/org/")
    assert not [q for q in queries if "org_usersession" in q["sql"]]  # a page costs nothing within the minute
    clock.advance(minutes=5)
    desk.get("/org/", REMOTE_ADDR="10.2.0.77")
    record.refresh_from_db()
    assert record.last_seen == clock.now() and record.ip == "10.2.0.77"


def test_a_session_whose_record_was_removed_is_signed_out(client, world, clock):
    desk = signed_in(client.__class__)
    UserSession.objects.all().delete()  # e.g. signed out from another server's session store
    clock.advance(minutes=2)
    assert desk.get("/org/").status_code == 302


def test_a_session_opened_before_sessions_were_recorded_must_sign_in_again(client, world):
    desk = signed_in(client.__class__)
    session = desk.session
    del session[SESSION_ID]
    session.save()
    response = desk.get("/org/")
    assert response.status_code == 302 and response.url.startswith("/login/")


def test_sessions_idle_longer_than_the_timeout_are_not_listed(client, world, clock):
    old = signed_in(client.__class__, ANDROID_WECHAT)
    assert old.session.session_key
    clock.advance(seconds=settings.SESSION_COOKIE_AGE + 60)
    page = signed_in(client.__class__).get("/account/sessions/").content.decode()
    assert "微信" not in page
    assert UserSession.objects.count() == 1  # the idle record is cleared at the next login


def test_the_idle_timeout_is_unchanged():
    assert settings.SESSION_COOKIE_AGE == 2 * 3600 and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert timedelta(seconds=settings.SESSION_COOKIE_AGE) == timedelta(hours=2)


def test_signing_in_again_in_the_same_session_keeps_one_record(client, world):
    client.force_login(world.xs_worker)
    client.force_login(world.xs_worker)
    assert UserSession.objects.filter(user=world.xs_worker).count() == 1
    assert client.get("/org/").status_code == 200
