"""The planning demo on the base case's festival: staff, rota, checklist and budget; run twice, nothing changes."""

from datetime import date, timedelta

from taizhang.events import demo_plan, events
from taizhang.events.models import BudgetLine, PrepTask, Spending, StaffAssignment
from taizhang.hub.tasks import collect
from tests.events.conftest import make_festival


def _counts():
    return tuple(m.objects.count() for m in (StaffAssignment, PrepTask, BudgetLine, Spending))


def test_the_planning_demo_plans_both_festivals_and_running_it_twice_changes_nothing(world, clock):
    past = make_festival(world, published=False).event
    upcoming = events.event_create(
        actor=None, unit=world.xinshi, name="2021年新市镇农民丰收节", starts_on=date(2021, 9, 18), place="荷塘"
    )
    for name in ("采摘·上午场", "采摘·中午场", "现场采摘·下午场"):
        events.session_create(actor=None, event=upcoming, name=name)
    today = date(2021, 6, 1)
    clock.set(clock.now().replace(year=2021, month=6, day=1))
    demo_plan.build(past=past, upcoming=upcoming, seed=2020, today=today)
    first = _counts()
    demo_plan.build(past=past, upcoming=upcoming, seed=2020, today=today)
    assert _counts() == first
    assert past.assignments.count() == 12 and upcoming.assignments.count() == 8
    assert not past.prep_tasks.filter(done_on__isnull=True).exists()
    assert all(t.done_on < past.starts_on for t in past.prep_tasks.all())
    lines = past.budget_lines.count()
    spent = sum(s.amount for s in Spending.objects.filter(event=past))
    assert lines == 8 and 55000 < spent < 75000
    assert sum(s.amount for s in Spending.objects.filter(event=upcoming)) < 5000
    overdue = [t for t in collect(world.xs_admin, kind="events.prep_task") if t.due < today]
    assert [t.due for t in overdue] == [today - timedelta(days=2)]
