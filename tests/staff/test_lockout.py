"""The lock-out rule, throttling per client address, and an admin lifting a lock early (audited)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from taizhang.audit.models import AuditEntry
from taizhang.org.models import LoginThrottle
from taizhang.staff import rules
from tests.conftest import PASSWORD

WRONG = "Cuowu@2026pw"
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
WINDOW = timedelta(minutes=15)


def log_in(client, username="xs_worker", password=PASSWORD, address="10.1.1.1", **headers):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


# --- the rule -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "attempts, minutes_since_last, allowed, counted",
    [
        (0, None, True, 1),  # never tried
        (4, 1, True, 5),  # the fifth
        (5, 1, False, 5),  # locked
        (5, 14.9, False, 5),  # still locked just before the window ends
        (5, 15, True, 1),  # a whole window since the last counted attempt: forgotten
        (4, 20, True, 1),
    ],
)
def test_the_claim_rule(attempts, minutes_since_last, allowed, counted):
    last = None if minutes_since_last is None else T0 - timedelta(minutes=minutes_since_last)
    claim = rules.claim(attempts, last, T0, limit=5, window=WINDOW)
    assert (claim.allowed, claim.attempts) == (allowed, counted)
    assert claim.locked_until == (None if allowed else last + WINDOW)


@given(gaps=st.lists(st.integers(min_value=0, max_value=20 * 60), max_size=40), limit=st.integers(1, 8))
def test_never_more_than_the_limit_of_attempts_pass_without_a_whole_window_between(gaps, limit):
    attempts, last, now, run = 0, None, T0, 0
    for gap in gaps:
        now += timedelta(seconds=gap)
        if last is not None and now - last >= WINDOW:
            run = 0  # a quiet window: a fresh start is allowed
        claim = rules.claim(attempts, last, now, limit=limit, window=WINDOW)
        if claim.allowed:
            attempts, last, run = claim.attempts, claim.last_at, run + 1
        else:
            assert claim.locked_until > now
        assert run <= limit


# --- per client address ---------------------------------------------------------------------------


@pytest.fixture
def three_per_address(settings):
    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 3


def test_an_address_with_too_many_failures_is_throttled_for_every_account(client, world, three_per_address):
    for username in ("xs_worker", "xs_admin", "nobody"):
        assert "用户名或密码不正确" in log_in(client, username, WRONG).content.decode()
    page = log_in(client, "ws_worker").content.decode()  # even the right password of another account
    assert "从您所在网络登录失败的次数过多" in page and "_auth_user_id" not in client.session
    entry = AuditEntry.objects.filter(
        object_id=str(world.wenshao_worker.pk), action=AuditEntry.Action.LOGIN_FAILED
    ).get()
    assert "暂停登录" in entry.reason
    assert log_in(client, "ws_worker", address="10.1.1.2").status_code == 302  # another address is not


def test_successful_logins_do_not_use_up_the_address(client, world, three_per_address):
    for _ in range(10):
        assert log_in(client).status_code == 302
        client.logout()
    assert log_in(client, password=WRONG).status_code == 200
    assert log_in(client).status_code == 302


def test_a_forged_forwarded_for_header_does_not_change_the_address(client, world, three_per_address):
    for n in range(3):
        log_in(client, "nobody", WRONG, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert "暂停登录" in log_in(client, HTTP_X_FORWARDED_FOR="192.0.2.99").content.decode()


def test_behind_a_trusted_proxy_the_forwarded_client_is_throttled(client, world, three_per_address, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    for _ in range(3):
        log_in(client, "nobody", WRONG, address="10.0.0.1", HTTP_X_FORWARDED_FOR="forged, 172.16.0.5")
    assert "暂停登录" in log_in(client, address="10.0.0.1", HTTP_X_FORWARDED_FOR="172.16.0.5").content.decode()
    assert log_in(client, address="10.0.0.1", HTTP_X_FORWARDED_FOR="172.16.0.6").status_code == 302


def test_the_defaults_are_five_per_account_and_thirty_per_address():
    assert (settings.LOGIN_MAX_FAILURES, settings.LOGIN_MAX_FAILURES_PER_ADDRESS) == (5, 30)


# --- an admin unlocks -----------------------------------------------------------------------------


def lock(client, username="xs_worker"):
    for _ in range(settings.LOGIN_MAX_FAILURES):
        log_in(client, username, WRONG)
    assert "已被锁定" in log_in(client, username).content.decode()


def test_the_staff_list_shows_a_locked_account_and_the_admin_unlocks_it_with_a_reason(client, world, login):
    lock(client.__class__())
    login("xs_admin")
    listing = client.get("/org/staff/").content.decode()
    assert "已锁定至" in listing and f"/org/staff/{world.xs_worker.pk}/unlock/" in listing
    url = f"/org/staff/{world.xs_worker.pk}/unlock/"
    assert "自动解除" in client.get(url).content.decode()
    assert "解锁原因" in client.post(url, {"reason": ""}).content.decode()  # a reason is required
    response = client.post(url, {"reason": "电话核实本人输错"})
    assert response.status_code == 302 and response.url == "/org/staff/"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE, object_id=str(world.xs_worker.pk))
    assert entry.actor == world.xs_admin and entry.reason == "电话核实本人输错"
    assert entry.changes == {"登录锁定": ["已锁定", "已解除"]}
    assert "已锁定至" not in client.get("/org/staff/").content.decode()
    assert log_in(client.__class__()).status_code == 302


def test_unlocking_an_account_that_is_not_locked_changes_nothing(client, world, login):
    login("xs_admin")
    assert "目前没有被锁定" in client.get(f"/org/staff/{world.xs_worker.pk}/unlock/").content.decode()
    client.post(f"/org/staff/{world.xs_worker.pk}/unlock/", {"reason": "试试"})
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE).exists()


def test_another_units_admin_and_field_workers_cannot_unlock(client, world, login):
    lock(client.__class__())
    url = f"/org/staff/{world.xs_worker.pk}/unlock/"
    login("jy_admin")
    assert client.post(url, {"reason": "x"}).status_code == 404
    login("ws_worker")
    assert client.post(url, {"reason": "x"}).status_code in (403, 404)
    row = LoginThrottle.objects.get(kind=LoginThrottle.Kind.ACCOUNT, key="xs_worker")
    assert row.attempts == settings.LOGIN_MAX_FAILURES
