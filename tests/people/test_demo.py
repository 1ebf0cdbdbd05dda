"""The demo's 济北开发区 (聘任考核): departments, posts and contracts, two quarters locked and paid and the current one
open, 刚性淘汰 under appeal, a 竞聘 in its 公示, the zone assessment; its accounts see it; built twice, once."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import override_settings

from taizhang.audit.models import AuditEntry
from taizhang.core import clock
from taizhang.hub import demo as hub_demo
from taizhang.hub.management.commands.demo import district_tree
from taizhang.imports.models import ImportBatch
from taizhang.org.models import OrgNode, User
from taizhang.people import demo, demo_kpi
from taizhang.people.models import (
    Appeal,
    Contract,
    Cycle,
    Indicator,
    PaySheet,
    Post,
    RatingInvitation,
    Recommendation,
    Result,
    Review,
    Round,
    RoundObjection,
)
from taizhang.people.rules.kpi import excellent_cap

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def build(nodes) -> list[str]:
    said = []
    demo.build(nodes=nodes, seed=2020, write=said.append)
    return said


def figures() -> dict:
    return {
        model.__name__: set(model.objects.values_list("pk", flat=True))
        for model in (Post, Contract, Cycle, Indicator, Review, Result, PaySheet, Recommendation, Round, ImportBatch)
    } | {"audit": AuditEntry.objects.count(), "users": User.objects.count()}


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker):
    """The district's tree and accounts as `taizhang demo` makes them (without the households), then 济北开发区's part,
    built once for the module and committed as the command runs it (each service its own transaction)."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        nodes = district_tree()
        said = build(nodes)
    yield nodes, said
    with django_db_blocker.unblock():
        call_command("flush", "--noinput", verbosity=0)


@pytest.fixture
def built(_built, db):
    return _built


def test_the_zone_has_six_departments_their_posts_and_about_sixty_staff_on_contracts(built):
    nodes, _ = built
    unit = nodes[(demo.ZONE,)]
    departments = OrgNode.objects.filter(parent=unit, subtype=OrgNode.Subtype.DEPARTMENT).order_by("sort_order")
    assert list(departments.values_list("name", flat=True)) == hub_demo.DEPARTMENTS[demo.ZONE]
    posts = Post.objects.filter(unit=unit)
    assert posts.count() == sum(len(p) for p in demo.POSTS.values())
    assert all(p.grade and p.monthly_pay > 0 and p.headcount >= 1 for p in posts)
    contracts = Contract.objects.filter(unit=unit, status=Contract.Status.ACTIVE)
    assert 50 <= contracts.count() <= 65
    assert {tuple(c.performance_shares) for c in contracts} == {("30", "35", "40")}
    today = clock.today()
    ending = contracts.filter(ends_on__lte=today + timedelta(days=90))
    assert ending.count() == len(demo.ENDING_SOON)
    vacant = posts.filter(name__in=["副主任", "副部长"])
    assert vacant.count() == 2 and not contracts.filter(post__in=vacant).exists()


def test_the_two_quarters_before_this_one_are_locked_and_paid_with_grades_spread(built):
    nodes, _ = built
    old, last, current = (
        Cycle.objects.get(unit=nodes[(demo.ZONE,)], code=code) for code in demo_kpi.quarter_codes(clock.today())
    )
    for cycle in (old, last):
        assert cycle.status == Cycle.Status.LOCKED and cycle.locked_at.date() > cycle.ends_on
        grades = list(Result.objects.filter(cycle=cycle).values_list("grade", flat=True))
        assert 0 < grades.count("excellent") <= excellent_cap(len(grades), cycle.excellent_share)
        assert grades.count("basic") >= 2 and 1 <= grades.count("fail") <= 2
        sheet = PaySheet.objects.get(cycle=cycle)
        assert sheet.status == PaySheet.Status.CONFIRMED and sheet.lines.count() == len(grades)
        assert sum(sheet.lines.values_list("amount", flat=True), Decimal(0)) == sheet.pool > 0
    assert Result.objects.filter(cycle=last).exclude(calibration_reason="").count() == 1
    assert current.status == Cycle.Status.OPEN
    weights = {}
    for user_id, weight in Indicator.objects.filter(cycle=current).values_list("user_id", "weight"):
        weights[user_id] = weights.get(user_id, 0) + weight
    assert len(weights) > 50 and set(weights.values()) == {100}
    assert Review.objects.filter(cycle=current).exists()
    invitations = RatingInvitation.objects.filter(cycle=current)
    assert invitations.count() == 3 and invitations.exclude(used_at=None).count() == 1


def test_jb_staff_failed_last_quarter_and_appealed_the_standby_decision(built):
    nodes, _ = built
    staff = User.objects.get(username="jb_staff")
    last = Cycle.objects.get(unit=nodes[(demo.ZONE,)], code=demo_kpi.quarter_codes(clock.today())[1])
    assert Result.objects.get(cycle=last, user=staff).grade == "fail"
    rec = Recommendation.objects.get(user=staff)
    assert rec.decision == Recommendation.Decision.STANDBY and rec.appeal == Recommendation.Appeal.PENDING
    assert rec.appeal_until >= clock.today()
    states = set(Recommendation.objects.exclude(user=staff).values_list("status", flat=True))
    assert states == {Recommendation.Status.ACCEPTED, Recommendation.Status.OPEN}  # in force, and one to decide
    assert Appeal.objects.filter(result__cycle=last, status=Appeal.Status.REJECTED).count() == 1


def test_the_round_is_in_its_publicity_window_with_one_objection(built):
    rnd = Round.objects.get()
    assert rnd.status == Round.Status.PUBLICITY and rnd.publicity_from < clock.today() <= rnd.publicity_until
    assert rnd.applications.filter(proposed=True).count() == 2
    assert RoundObjection.objects.filter(round=rnd, status=RoundObjection.Status.OPEN).count() == 1


def test_the_zone_accounts_open_the_module_pages(built, client):
    rnd = Round.objects.get()
    last = Cycle.objects.get(code=demo_kpi.quarter_codes(clock.today())[1])
    rec = Recommendation.objects.get(user__username="jb_staff")
    pages = ["/people/", f"/people/cycles/{last.pk}/mine/", "/people/pay/", f"/people/elimination/{rec.pk}/"]
    client.login(username="jb_staff", password=hub_demo.PASSWORD)
    for url in pages + [f"/people/rounds/{rnd.pk}/"]:
        assert client.get(url).status_code == 200, url
    assert "申诉待答复" in client.get(pages[-1]).content.decode()
    client.logout()
    client.login(username="jb_admin", password=hub_demo.PASSWORD)
    for url in [f"/people/cycles/{last.pk}/results/", f"/people/pay/cycle/{last.pk}/", "/people/zone/", "/hub/inbox/"]:
        assert client.get(url).status_code == 200, url
    inbox = client.get("/hub/inbox/").content.decode()
    assert "办理续聘或到期终止" in inbox


def test_building_it_again_changes_nothing(built):
    nodes, said = built
    assert any("竞聘上岗" in line for line in said)
    before = figures()
    assert build(nodes) == []
    assert figures() == before
