"""Logging in: Chinese page, lock-out after repeated failures, audited; everything else needs a session."""

from datetime import timedelta
from unittest.mock import patch

import pytest
from django.conf import settings
from django.utils import timezone

from taizhang.audit.models import AuditEntry
from taizhang.org.models import LoginAttempt, LoginThrottle
from tests.conftest import PASSWORD

WRONG = "Cuowu@2026pw"


def log_in(client, password=PASSWORD, username="xs_worker"):
    return client.post("/login/", {"username": username, "password": password})


def fail(client, times, username="xs_worker"):
    for _ in range(times):
        response = log_in(client, WRONG, username)
        assert response.status_code == 200
    return response


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def age_attempts(minutes, username="xs_worker"):
    LoginThrottle.objects.filter(key=username).update(last_at=timezone.now() - timedelta(minutes=minutes))


def test_the_login_page_is_in_chinese(client, db):
    response = client.get("/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-CN">' in html
    for word in ("登录", "用户名", "密码", "忘记密码请联系本单位管理员重置"):
        assert word in html


def test_the_right_password_logs_in_and_is_audited(client, world):
    response = log_in(client)
    assert response.status_code == 302 and response.url == "/"
    assert logged_in(client) and int(client.session["_auth_user_id"]) == world.xs_worker.pk
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.LOGIN, object_id=str(world.xs_worker.pk)).get()
    assert entry.actor == world.xs_worker
    assert LoginAttempt.objects.filter(username="xs_worker", succeeded=True).count() == 1


def test_login_follows_next(client, world):
    response = client.post("/login/?next=/org/", {"username": "xs_admin", "password": PASSWORD, "next": "/org/"})
    assert response.status_code == 302 and response.url == "/org/"


def test_a_wrong_password_shows_a_chinese_error_and_is_audited(client, world):
    response = fail(client, 1)
    assert not logged_in(client)
    html = response.content.decode()
    assert "用户名或密码不正确" in html
    assert f"连续输错 {settings.LOGIN_MAX_FAILURES} 次将锁定账号 {settings.LOGIN_LOCKOUT_MINUTES} 分钟" in html
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.LOGIN_FAILED).get()
    assert entry.object_id == str(world.xs_worker.pk) and entry.actor is None
    assert LoginAttempt.objects.filter(username="xs_worker", succeeded=False).count() == 1


def test_an_unknown_username_gets_the_same_message(client, world):
    response = fail(client, 1, username="nobody")
    assert "用户名或密码不正确" in response.content.decode()
    assert LoginAttempt.objects.filter(username="nobody", succeeded=False).count() == 1


def test_the_settings_lock_after_five_failures_for_fifteen_minutes():
    assert (settings.LOGIN_MAX_FAILURES, settings.LOGIN_LOCKOUT_MINUTES) == (5, 15)


def test_fewer_failures_than_the_limit_do_not_lock(client, world):
    fail(client, settings.LOGIN_MAX_FAILURES - 1)
    assert log_in(client).status_code == 302 and logged_in(client)


def test_after_max_failures_even_the_right_password_is_refused(client, world):
    fail(client, settings.LOGIN_MAX_FAILURES)
    last = LoginThrottle.objects.get(kind=LoginThrottle.Kind.ACCOUNT, key="xs_worker").last_at
    until = timezone.localtime(last + timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)).strftime("%H:%M")
    response = log_in(client)
    assert response.status_code == 200 and not logged_in(client)
    html = response.content.decode()
    assert "已被锁定" in html and f"请在 {until} 后再试" in html
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.LOGIN).exists()
    failed = AuditEntry.objects.filter(action=AuditEntry.Action.LOGIN_FAILED, object_id=str(world.xs_worker.pk))
    assert failed.count() == settings.LOGIN_MAX_FAILURES + 1  # the attempt during the lock is audited too…
    assert failed.filter(reason="账号锁定期间尝试登录").count() == 1
    assert LoginAttempt.objects.filter(username="xs_worker").count() == settings.LOGIN_MAX_FAILURES  # …not counted


def test_the_lock_is_per_account(client, world):
    fail(client, settings.LOGIN_MAX_FAILURES)
    assert log_in(client, username="ws_worker").status_code == 302


def test_the_lock_itself_is_audited(client, world):
    fail(client, settings.LOGIN_MAX_FAILURES)
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.LOCKED).get()
    assert entry.object_id == str(world.xs_worker.pk) and entry.unit_id == world.xinshi.pk


def test_the_lock_still_holds_just_before_the_period_ends(client, world):
    fail(client, settings.LOGIN_MAX_FAILURES)
    age_attempts(settings.LOGIN_LOCKOUT_MINUTES - 1)
    assert "已被锁定" in log_in(client).content.decode()


def test_after_the_lockout_period_the_right_password_works_again(client, world):
    fail(client, settings.LOGIN_MAX_FAILURES)
    age_attempts(settings.LOGIN_LOCKOUT_MINUTES + 1)
    assert log_in(client).status_code == 302 and logged_in(client)


def test_after_the_lockout_period_with_the_clock_moved(client, world, clock):
    fail(client, settings.LOGIN_MAX_FAILURES)
    clock.set(timezone.now() + timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES, seconds=1))
    assert log_in(client).status_code == 302 and logged_in(client)


def test_a_success_resets_the_failure_count(client, world):
    fail(client, settings.LOGIN_MAX_FAILURES - 1)
    log_in(client)
    client.logout()
    fail(client, settings.LOGIN_MAX_FAILURES - 1)
    assert log_in(client).status_code == 302


def test_a_password_reset_by_the_admin_lifts_the_lock(client, world):
    fail(client, settings.LOGIN_MAX_FAILURES)
    admin = client.__class__()
    admin.login(username="xs_admin", password=PASSWORD)
    assert admin.post(f"/org/staff/{world.xs_worker.pk}/password/", {"password": "Xinmima@2026"}).status_code == 302
    assert log_in(client, "Xinmima@2026").status_code == 302


def test_a_deactivated_account_is_told_it_is_deactivated(client, world):
    world.xs_worker.is_active = False
    world.xs_worker.save()
    response = log_in(client)
    assert "该账号已停用" in response.content.decode()


# --- everything else needs a login ----------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/org/", "/org/staff/", "/registry/households/", "/audit/"])
def test_pages_redirect_anonymous_users_to_the_login_page(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/login/?next=")


@pytest.mark.parametrize("url", ["/api/me", "/api/org/nodes", "/api/registry/households/1"])
def test_the_api_answers_401_to_anonymous_users(client, db, url):
    assert client.get(url).status_code == 401


def test_the_api_answers_a_logged_in_user(client, world):
    client.login(username="xs_worker", password=PASSWORD)
    assert client.get("/api/me").json()["username"] == "xs_worker"


def test_logout_ends_the_session(client, world):
    log_in(client)
    client.post("/logout/")
    assert client.get("/org/").status_code == 302


# --- sessions -------------------------------------------------------------------------------


def test_sessions_expire_after_two_idle_hours_and_at_browser_close():
    assert settings.SESSION_COOKIE_AGE == 2 * 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_the_session_cookie_is_a_browser_session_cookie(client, world):
    log_in(client)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value and not cookie["expires"] and not cookie["max-age"]
    assert cookie["httponly"]
    assert client.session.get_expire_at_browser_close()


def test_an_idle_session_expires(client, world):
    log_in(client)
    assert client.get("/org/").status_code == 200
    later = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
    with patch("django.utils.timezone.now", return_value=later):
        response = client.get("/org/")
    assert response.status_code == 302 and response.url.startswith("/login/")
