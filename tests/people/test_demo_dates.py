"""The demo's 济北开发区 on the tightest day for its dates: the first day of a quarter (and of a year)."""

from datetime import date

import pytest

from taizhang.core import clock
from taizhang.hub.management.commands.demo import district_tree
from taizhang.people import demo, demo_kpi
from taizhang.people.models import Cycle, Recommendation, Round


@pytest.mark.parametrize("today", [date(2027, 1, 1)])
def test_it_builds_on_the_first_day_of_a_quarter(db, today):
    """The tightest day: last quarter ended yesterday, so its locking, pay and decisions all fall on today."""
    with clock.frozen(today):
        demo.build(nodes=district_tree(), seed=2020, write=lambda line: None)
        codes = demo_kpi.quarter_codes(today)
        assert codes == ["2026Q3", "2026Q4", "2027Q1"]
        statuses = dict(Cycle.objects.values_list("code", "status"))
        assert statuses == {"2026Q3": "locked", "2026Q4": "locked", "2027Q1": "open"}
        rec = Recommendation.objects.get(user__username="jb_staff")
        assert rec.appeal == Recommendation.Appeal.PENDING and rec.appeal_until >= today
        assert Round.objects.get().status == Round.Status.PUBLICITY
