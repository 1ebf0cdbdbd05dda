"""The clock: the real time by default, a fixed one inside `frozen()`, and the fixture that fixes it for a test."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from taizhang.core import clock as real_clock

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_now_is_the_real_aware_time_when_nothing_is_fixed():
    before = timezone.now()
    now = real_clock.now()
    assert timezone.is_aware(now) and before <= now <= timezone.now()


def test_today_is_the_date_in_the_district_not_in_utc():
    # 2026-03-01 20:00 UTC is already 03-02 in Asia/Shanghai.
    with real_clock.frozen(datetime(2026, 3, 1, 20, 0, tzinfo=UTC)):
        assert real_clock.today() == date(2026, 3, 2)


def test_frozen_holds_the_moment_and_gives_it_back_afterwards():
    at = datetime(2020, 9, 4, 9, 30, tzinfo=SHANGHAI)
    with real_clock.frozen(at) as fixed:
        assert real_clock.now() == at and real_clock.now() == real_clock.now()
        fixed.advance(days=3, minutes=30)
        assert real_clock.now() == at + timedelta(days=3, minutes=30) and real_clock.today() == date(2020, 9, 7)
        fixed.set(date(2021, 1, 1))
        assert real_clock.today() == date(2021, 1, 1)
    assert real_clock.today() != date(2021, 1, 1) and abs(real_clock.now() - timezone.now()) < timedelta(seconds=5)


def test_a_naive_moment_is_read_in_the_district_and_a_date_is_its_noon():
    with real_clock.frozen(datetime(2020, 9, 4, 23, 30)):
        assert real_clock.now() == datetime(2020, 9, 4, 23, 30, tzinfo=SHANGHAI) and real_clock.today() == date(
            2020, 9, 4
        )
    with real_clock.frozen(date(2020, 9, 4)):
        assert real_clock.now() == datetime(2020, 9, 4, 12, 0, tzinfo=SHANGHAI)


def test_frozen_blocks_nest():
    with real_clock.frozen(date(2020, 1, 1)):
        with real_clock.frozen(date(2021, 1, 1)):
            assert real_clock.today() == date(2021, 1, 1)
        assert real_clock.today() == date(2020, 1, 1)


def test_the_fixture_stops_the_time_at_the_start_of_the_test(clock):
    start = real_clock.now()
    assert real_clock.now() == start and clock.now() == start
    clock.advance(timedelta(hours=1))
    assert real_clock.now() == start + timedelta(hours=1)


def test_the_fixture_is_undone_after_the_test():
    assert real_clock._fixed is None
