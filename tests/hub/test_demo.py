"""The demo district: its tree, ~3,000 households with valid IDs, working accounts, and idempotence."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from taizhang.assistance.models import Problem, Visit
from taizhang.audit.models import AuditEntry
from taizhang.audit.verify import verify_chains
from taizhang.hub import demo
from taizhang.integrity.models import Signal, SignalRun
from taizhang.org.models import OrgNode, User
from taizhang.registry.models import Household, Person
from taizhang.registry.rules import id_birth_date, id_gender, normalize_id_number

UNIT_NAMES = ["济北开发区", "济阳街道", "新市镇", "崔寨街道"]
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # as tests/conftest.py sets for each test


def run_demo() -> str:
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def figures():
    return {
        "nodes": OrgNode.objects.count(),
        "users": User.objects.count(),
        "households": Household.objects.count(),
        "persons": Person.objects.count(),
        "household_ids": set(Household.objects.values_list("id", flat=True)),
        "person_rows": set(Person.objects.values_list("id", "id_number", "name", "household_id", "updated_at")),
        "visits": set(Visit.objects.values_list("id", "ended_at", "notes")),
        "problems": set(Problem.objects.values_list("id", "stage", "reported_at", "resolved_at")),
        "signal_runs": SignalRun.objects.count(),
        "signals": set(Signal.objects.values_list("id", "verdict", "reviewed_at")),
    }


@pytest.fixture(scope="module")
def _built_demo(django_db_setup, django_db_blocker):
    """The demo built once for the module and committed, as `taizhang demo` runs (thousands of services, each
    its own transaction: inside one test transaction PostgreSQL would crawl through as many savepoints)."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        out = run_demo()
    yield out
    with django_db_blocker.unblock():
        call_command("flush", "--noinput", verbosity=0)


@pytest.fixture
def demo_db(_built_demo, db):
    return _built_demo  # each test's own changes are rolled back; the module's demo stays


def test_the_demo_builds_jiyang_with_its_four_units(demo_db):
    district = OrgNode.objects.get(parent=None, name="济阳区")
    assert district.kind == OrgNode.Kind.DISTRICT
    units = OrgNode.objects.filter(kind=OrgNode.Kind.UNIT)
    assert sorted(units.values_list("name", flat=True)) == sorted(UNIT_NAMES)
    assert all(unit.parent_id == district.pk for unit in units)
    xinshi = units.get(name="新市镇")
    villages = OrgNode.objects.filter(unit=xinshi, kind=OrgNode.Kind.COMMUNITY).values_list("name", flat=True)
    assert {"新市村", "闻韶村"} <= set(villages)
    assert "演示区县“济阳区”已就绪，共 3000 户" in demo_db


def test_the_demo_has_about_3000_households_in_every_unit(demo_db):
    total = Household.objects.count()
    assert 2500 <= total <= 3500
    for name in UNIT_NAMES:
        unit = OrgNode.objects.get(kind=OrgNode.Kind.UNIT, name=name)
        assert Household.objects.filter(unit=unit).count() > 100, name
    assert Person.objects.count() > total  # households have members beyond the head
    assert not Household.objects.filter(head=None).exists()  # every household has its 户主


def test_every_demo_id_number_is_valid_and_agrees_with_the_person(demo_db):
    today = date.today()
    rows = list(Person.objects.values_list("id_number", "birth_date", "gender"))
    for id_number, birth_date, gender in rows:
        assert normalize_id_number(id_number, today=today) == id_number
        assert id_birth_date(id_number) == birth_date and id_gender(id_number) == gender
    assert len({r[0] for r in rows}) == len(rows)


def test_the_demo_accounts_log_in_with_the_demo_password(client, demo_db):
    assert len(demo.ACCOUNTS) >= 5
    for account in demo.ACCOUNTS:
        user = User.objects.get(username=account.username)
        assert user.role == account.role and user.full_name == account.full_name
        response = client.post("/login/", {"username": account.username, "password": demo.PASSWORD})
        assert response.status_code == 302, account.username
        assert client.get("/registry/households/").status_code == 200
        client.logout()
    response = client.post("/login/", {"username": demo.ACCOUNTS[0].username, "password": "wrong-password"})
    assert response.status_code == 200 and "用户名或密码不正确" in response.content.decode()


def test_the_demo_accounts_see_their_own_scope(demo_db):
    xs_admin = User.objects.get(username="xs_admin")
    assert xs_admin.unit.name == "新市镇"
    units = set(Household.objects.visible_to(xs_admin).values_list("unit__name", flat=True))
    assert units == {"新市镇"}
    worker = User.objects.get(username="xs_worker")
    villages = set(Household.objects.visible_to(worker).values_list("community__name", flat=True))
    assert villages == {"新市村"}


def test_running_the_demo_twice_changes_nothing(demo_db):
    before = figures()
    audit_before = AuditEntry.objects.count()
    out = run_demo()
    assert figures() == before
    assert "新户 0 户、更新 0 户" in out and "新增人员 0 人、更新 0 人" in out
    # Each re-import leaves at most its own summary entry per unit.
    assert AuditEntry.objects.count() - audit_before <= len(UNIT_NAMES)
    result = verify_chains()
    assert result.ok, result.message
    assert result.checked == AuditEntry.objects.count()


def test_the_demo_restores_a_changed_demo_password(demo_db):
    user = User.objects.get(username="xs_admin")
    user.set_password("Something@else1")
    user.is_active = False
    user.save()
    run_demo()
    user.refresh_from_db()
    assert user.is_active and user.check_password(demo.PASSWORD)
    assert User.objects.filter(username="xs_admin").count() == 1


def test_the_demo_problems_are_reported_days_after_the_visit_and_solved_weeks_later(demo_db):
    from taizhang.core import clock

    problems = list(Problem.objects.filter(unit__name="新市镇").select_related("visit"))
    assert len(problems) >= 20
    local = timezone.localdate
    for problem in problems:
        assert problem.visit is not None and problem.found_on == problem.visit.visit_date
        if problem.reported_at:
            assert local(problem.reported_at) >= problem.found_on
        if problem.resolved_at:
            assert problem.assigned_at <= problem.resolved_at and local(problem.reported_at) <= local(
                problem.resolved_at
            )
    report_days = [(local(p.reported_at) - p.found_on).days for p in problems if p.reported_at]
    assert 0 in report_days and max(report_days) >= 3  # some at once from the household, some days later
    resolve_days = [(p.resolved_at - p.reported_at).days for p in problems if p.resolved_at]
    assert max(resolve_days) >= 14 and sum(resolve_days) / len(resolve_days) >= 5
    today = clock.today()
    open_ = [p for p in problems if p.resolved_at is None]
    assert open_ and any(p.due_date and p.due_date < today for p in open_)  # some still open, some of them overdue
    assert {Problem.Stage.FOUND, Problem.Stage.RESOLVED, Problem.Stage.VERIFIED} <= {p.stage for p in problems}


def test_the_demo_visits_carry_the_patterns_of_faked_ledgers_among_genuine_ones(demo_db):
    visits = Visit.objects.filter(unit__name="新市镇")
    typed = list(visits.filter(source=Visit.Source.FORM).order_by("created_at"))
    assert any(v.created_at - v.ended_at > timedelta(days=3) for v in typed)  # 补录 days late
    by_recorder = {}
    for visit in typed:
        by_recorder.setdefault(visit.recorded_by_id, []).append(visit.created_at)
    bursts = [
        times[i : i + 5]
        for times in by_recorder.values()
        for i in range(len(times) - 4)
        if times[i + 4] - times[i] <= timedelta(minutes=10)
    ]
    assert bursts  # five typed in within ten minutes by one account
    assert visits.filter(started_at__hour__gte=21).exists() or any(
        timezone.localtime(v.started_at).hour >= 21 for v in visits.filter(source=Visit.Source.PHONE)
    )
    phone = visits.filter(source=Visit.Source.PHONE)
    assert phone.filter(start_latitude__isnull=False).count() >= 15 and phone.filter(photos__isnull=False).exists()
    positions = list(phone.values_list("assisted_id", "start_latitude", "start_longitude"))
    shared = {
        (lat, lng) for _, lat, lng in positions if len({a for a, la, ln in positions if (la, ln) == (lat, lng)}) > 1
    }
    assert shared  # one position for visits to different households
    edits = AuditEntry.objects.filter(object_type="assistance.visit", action=AuditEntry.Action.UPDATE)
    assert edits.exists()
    visit = Visit.objects.get(pk=int(edits.first().object_id))
    next_month = (visit.visit_date.replace(day=1) + timedelta(days=32)).replace(day=1)
    assert timezone.localdate(edits.first().at) > next_month.replace(day=5)  # changed after the month closed


def test_the_demo_runs_the_signals_as_the_unit_admin_and_reviews_what_they_find(demo_db):
    runs = SignalRun.objects.filter(unit__name="新市镇")
    assert runs.count() >= 3 and set(runs.values_list("ran_by_name", flat=True)) == {"王主任（xs_admin）"}
    signals = Signal.objects.filter(unit__name="新市镇")
    reviewed = signals.exclude(verdict="")
    assert set(reviewed.values_list("reviewed_by__username", flat=True)) <= {"xs_admin"}
    assert all(len(note) >= 2 for note in reviewed.values_list("review_note", flat=True))
    for kind in set(signals.values_list("kind", flat=True)):
        # each kind the detectors find has a measured precision: some reviewed, a few left for the inbox
        assert signals.filter(kind=kind).exclude(verdict="").exists(), kind
    trail = AuditEntry.objects.filter(object_type="integrity.signal", action="update")
    assert trail.count() == reviewed.count()
