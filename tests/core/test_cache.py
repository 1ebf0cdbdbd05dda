"""The rate limits' cache: shared through the database, its table made by every migrate, its increment atomic when
gunicorn's workers count the same client at the same moment."""

import time

import pytest
from django.core.cache import caches
from django.core.checks import run_checks
from django.db import connection

from tests.concurrency import at_once


def test_migrate_makes_the_cache_table_when_it_is_missing(db):
    from django.core.management import call_command

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE taizhang_cache")
    assert "taizhang_cache" not in connection.introspection.table_names()
    call_command("migrate", verbosity=0)  # nothing to apply: its post_migrate signal still makes the table
    assert "taizhang_cache" in connection.introspection.table_names()


def test_django_ratelimit_s_check_finds_no_error_in_the_cache_it_counts_in():
    found = {m.id: m.is_silenced() for m in run_checks(tags=["caches"]) if m.id.startswith("django_ratelimit")}
    assert found == {"django_ratelimit.W001": True}  # a backend it does not list: silenced, and no error


def test_an_increment_keeps_the_window_s_expiry(db):
    cache = caches["ratelimit"]
    cache.add("window", 1, 2)
    assert cache.incr("window") == 2 and cache.incr("window", 3) == 5
    time.sleep(2.1)
    assert cache.get("window") is None
    with pytest.raises(ValueError):
        cache.incr("window")


def test_twenty_increments_at_the_same_moment_each_count(shared_db):
    cache = caches["ratelimit"]
    cache.add("flood", 0, 60)
    answers = at_once([lambda: cache.incr("flood")] * 20)
    assert sorted(answers) == list(range(1, 21)), answers
    assert cache.get("flood") == 20
