"""疑点待核实 in the inbox: the unit admin's and the auditor's open signals, due a week after they were found."""

from datetime import date, timedelta

from taizhang.hub import tasks
from taizhang.integrity.models import Verdict
from taizhang.org.models import User
from tests.integrity import fakes
from tests.integrity.conftest import MARCH, signal

TODAY = date(2026, 3, 20)


def fresh(user):
    return User.objects.get(pk=user.pk)


def test_the_unit_admin_has_the_open_signals_to_review_oldest_first(world, clock):
    clock.set(clock.now().replace(year=2026, month=3, day=1))
    old = signal(world.xinshi, fakes.pair(MARCH))
    clock.advance(timedelta(days=10))
    new = signal(world.xinshi, fakes.late(MARCH))
    signal(world.xinshi, fakes.late(MARCH, visit_id=7), verdict=Verdict.NORMAL)  # reviewed
    signal(world.xinshi, fakes.late(MARCH, visit_id=8), gone=True)  # no longer found
    signal(world.jiyang, fakes.late(MARCH, visit_id=9))  # another unit's
    found = tasks.collect(fresh(world.xs_admin), today=TODAY, kind="integrity.review")
    assert [t.url for t in found] == [f"/integrity/{old.pk}/", f"/integrity/{new.pk}/"]
    assert [t.due for t in found] == [date(2026, 3, 8), date(2026, 3, 18)]
    assert found[0].subject == "两次走访相隔过近 · 03-10" and found[0].kind_label == "疑点待核实"
    assert found[0].user_id == world.xs_admin.pk and "2.4 公里" in found[0].detail
    assert tasks.counts(fresh(world.xs_admin), today=TODAY)["integrity.review"] == tasks.TaskCount(2, 2)
    assert tasks.counts(fresh(world.xs_admin), today=date(2026, 3, 16))["integrity.review"] == tasks.TaskCount(2, 1)


def test_the_district_auditor_has_every_units_and_the_field_workers_none(world):
    signal(world.xinshi, fakes.pair(MARCH))
    signal(world.jiyang, fakes.late(MARCH))
    assert tasks.counts(fresh(world.auditor), today=TODAY)["integrity.review"].total == 2
    assert "单位" not in tasks.collect(fresh(world.xs_admin), today=TODAY)[0].subject
    assert "济阳街道" in " ".join(t.subject for t in tasks.collect(fresh(world.auditor), today=TODAY))
    for user in (world.xs_worker, world.xs_group_leader, world.leader):
        assert tasks.counts(fresh(user), today=TODAY).get("integrity.review", tasks.TaskCount()).total == 0
        assert not [t for t in tasks.collect(fresh(user), today=TODAY) if t.kind == "integrity.review"]


def test_the_count_is_one_query(world, django_assert_num_queries):
    for n in range(5):
        signal(world.xinshi, fakes.pair(MARCH, n * 2 + 10, n * 2 + 11))
    admin = fresh(world.xs_admin)
    tasks.counts(admin, today=TODAY)
    from taizhang.hub.signal_tasks import count

    with django_assert_num_queries(1):
        assert count(tasks.Audience(admin, TODAY)) == tasks.TaskCount(5, 0)


def test_users_whose_modules_declare_no_signals_have_no_such_kind(world, monkeypatch):
    from taizhang.org.models import UnitModule

    UnitModule.objects.filter(unit=world.xinshi, module="assistance").delete()
    assert "integrity.review" not in [k.key for k in tasks.task_kinds(fresh(world.xs_admin))]
    assert "integrity.review" in [k.key for k in tasks.task_kinds(fresh(world.jy_admin))]
