"""The probe's case: 40 wrong passwords sent at once evaluate no more passwords than the lock-out allows — against one
account (its limit) and against 40 accounts from one address (the address's limit). Runs on SQLite and PostgreSQL."""

import threading
import time

import pytest
from django.conf import settings
from django.test import Client

from taizhang.org.models import User
from tests.concurrency import at_once

WRONG = "Cuowu@2026pw"


def attempt_in_parallel(usernames, monkeypatch):
    """Post a wrong password for each username at the same moment; the usernames whose password was evaluated."""
    evaluated, lock = [], threading.Lock()
    original = User.check_password

    def slow_check(user, raw):  # the production hasher takes a noticeable time: the window the attempts race for
        with lock:
            evaluated.append(user.username)
        time.sleep(0.05)
        return original(user, raw)

    monkeypatch.setattr(User, "check_password", slow_check)
    answers = at_once([lambda u=u: Client().post("/login/", {"username": u, "password": WRONG}) for u in usernames])
    statuses = [getattr(answer, "status_code", answer) for answer in answers]
    assert statuses == [200] * len(usernames)  # refusals, never an error
    return evaluated


def test_forty_parallel_wrong_passwords_for_one_account_evaluate_exactly_the_limit(world, shared_db, monkeypatch):
    evaluated = attempt_in_parallel(["xs_worker"] * 40, monkeypatch)
    assert len(evaluated) == settings.LOGIN_MAX_FAILURES
    assert "已被锁定" in Client().post("/login/", {"username": "xs_worker", "password": WRONG}).content.decode()


@pytest.fixture
def forty_accounts(world):
    from taizhang.staff.services import staff_create

    return [
        staff_create(actor=None, node=world.xinshi_village, username=f"p{i:02d}", full_name="并发", role="field_worker")
        for i in range(40)
    ]


def test_forty_parallel_wrong_passwords_from_one_address_evaluate_at_most_its_limit(
    forty_accounts, shared_db, monkeypatch, settings
):
    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 12
    evaluated = attempt_in_parallel([user.username for user in forty_accounts], monkeypatch)
    assert len(evaluated) == 12
    page = Client().post("/login/", {"username": "xs_worker", "password": WRONG}).content.decode()
    assert "从您所在网络登录失败的次数过多" in page
