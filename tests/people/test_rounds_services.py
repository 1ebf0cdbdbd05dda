"""竞聘上岗 through its services: publish, apply within the limit, scores, proposal and 公示, objections, confirm
creating the contracts in one go, each step audited."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.audit.models import AuditEntry
from taizhang.people import rounds
from taizhang.people.models import Application, Contract, Round, RoundObjection
from tests.people.conftest import ROUND_DAY as TODAY

D = Decimal


def _offered(rnd, post):
    return rnd.posts.get(post=post)


def _apply_all(zone, rnd):
    head, officer = _offered(rnd, zone.head_post), _offered(rnd, zone.officer_post)
    for user, choice in zip(zone.staff, [[head, officer], [head], [officer], [head, officer], [head]], strict=True):
        rounds.applications_set(actor=user, rnd=rnd, round_posts=choice)


def _score_all(zone, rnd, table):
    by_name = {
        (a.user.full_name, a.round_post.post.name): a.pk
        for a in Application.objects.filter(round=rnd).select_related("user", "round_post__post")
    }
    rounds.scores_set(
        actor=zone.committee, rnd=rnd, scores={by_name[k]: tuple(D(s) for s in v) for k, v in table.items()}
    )


SCORES = {
    ("孔一", "部长"): (90, 90, 90),
    ("孔一", "经济运行岗"): (95, 95, 95),
    ("孔二", "部长"): (80, 85, 90),
    ("孔三", "经济运行岗"): (88, 80, 70),
    ("孔四", "部长"): (85, 85, 85),
    ("孔四", "经济运行岗"): (70, 70, 70),
    ("孔五", "部长"): (91, 91, 91),
}


def test_a_round_needs_weights_totalling_100_and_a_term_after_the_applications(zone, clock):
    with pytest.raises(ValidationError) as caught:
        rounds.round_create(
            actor=zone.committee,
            unit=zone.office.parent,
            title="x",
            posts={zone.head_post: 1},
            apply_from=TODAY,
            apply_until=TODAY,
            term_starts_on=TODAY,
            term_ends_on=date(2025, 12, 31),
            shares=[D(30)],
            weights=(D(50), D(40), D(20)),
        )
    assert "合计应为 100" in " ".join(caught.value.messages) and "晚于报名截止" in " ".join(caught.value.messages)


def test_staff_apply_for_at_most_the_rounds_limit_within_the_window(zone, open_round, clock, world):
    offered = list(open_round.posts.order_by("id"))
    with pytest.raises(ValidationError, match="最多报名 2 个"):
        rounds.applications_set(actor=zone.staff[0], rnd=open_round, round_posts=_three(zone, open_round))
    with pytest.raises(PermissionDenied):
        rounds.applications_set(actor=world.jy_worker, rnd=open_round, round_posts=offered[:1])
    rounds.applications_set(actor=zone.staff[0], rnd=open_round, round_posts=offered)
    rounds.applications_set(actor=zone.staff[0], rnd=open_round, round_posts=offered[:1])
    assert Application.objects.filter(user=zone.staff[0]).count() == 1
    clock.advance(days=6)
    with pytest.raises(ValidationError, match="报名时间为"):
        rounds.applications_set(actor=zone.staff[1], rnd=open_round, round_posts=offered[:1])


def _three(zone, rnd):
    from taizhang.people.models import RoundPost

    third = RoundPost.objects.create(unit=rnd.unit, round=rnd, post=zone.clerk_post, openings=1)
    return [*rnd.posts.exclude(pk=third.pk), third]


def test_scores_out_of_range_are_refused(zone, open_round):
    _apply_all(zone, open_round)
    application = Application.objects.filter(round=open_round).first()
    with pytest.raises(ValidationError, match="0 到 100"):
        rounds.scores_set(actor=zone.committee, rnd=open_round, scores={application.pk: (D(101), None, None)})
    with pytest.raises(PermissionDenied):
        rounds.scores_set(actor=zone.staff[0], rnd=open_round, scores={application.pk: (D(1), None, None)})


def test_the_default_proposal_takes_each_posts_best_once(zone, open_round):
    _apply_all(zone, open_round)
    _score_all(zone, open_round, SCORES)
    applications = list(Application.objects.filter(round=open_round).select_related("user", "round_post__post"))
    chosen = rounds.default_proposal(open_round, list(open_round.posts.select_related("post")), applications)
    names = sorted((a.user.full_name, a.round_post.post.name) for a in applications if a.pk in chosen)
    # 部长: 孔五 91 beats 孔一 90; 经济运行岗: 孔一 95
    assert names == [("孔一", "经济运行岗"), ("孔五", "部长")]


def test_from_publicity_to_contracts(zone, open_round, clock):
    _apply_all(zone, open_round)
    _score_all(zone, open_round, SCORES)
    applications = list(Application.objects.filter(round=open_round).select_related("user", "round_post__post"))
    chosen = rounds.default_proposal(open_round, list(open_round.posts.select_related("post")), applications)
    clock.set(date(2022, 10, 20))
    rnd = rounds.publicity_start(actor=zone.committee, rnd=open_round, proposed_ids=chosen)
    assert rnd.publicity_until == date(2022, 10, 25)
    objection = rounds.objection_file(actor=zone.staff[3], rnd=rnd, text="请公布民主测评明细")
    clock.set(date(2022, 10, 26))
    with pytest.raises(ValidationError, match="公示已于"):
        rounds.objection_file(actor=zone.staff[3], rnd=rnd, text="迟到的异议")
    assert rounds.confirm_blocker(rnd, clock.today()) == "还有 1 条异议未答复"
    rounds.objection_answer(actor=zone.committee, objection=objection, answer="已在公示栏公布")
    made = rounds.round_confirm(actor=zone.committee, rnd=rnd)
    assert sorted((c.user.full_name, c.post.name, c.starts_on) for c in made) == [
        ("孔一", "经济运行岗", date(2023, 1, 1)),
        ("孔五", "部长", date(2023, 1, 1)),
    ]
    old = Contract.objects.get(user=zone.staff[0], starts_on=date(2020, 1, 1))
    assert old.status == Contract.Status.ACTIVE and old.ends_on == date(2022, 12, 31)  # ends before the new term
    assert Round.objects.get(pk=rnd.pk).status == Round.Status.CONFIRMED
    assert RoundObjection.objects.get().status == RoundObjection.Status.ANSWERED
    actions = (
        AuditEntry.objects.filter(object_type="people.round", object_id=str(rnd.pk))
        .order_by("id")
        .values_list("reason", flat=True)
    )
    assert list(actions) == ["", "发布竞聘", "公示拟聘人员", "确认聘任"]


def test_confirming_waits_for_the_window_and_the_publicity_can_be_withdrawn(zone, open_round, clock):
    _apply_all(zone, open_round)
    _score_all(zone, open_round, SCORES)
    first = Application.objects.filter(round=open_round, user=zone.staff[4]).get()
    rnd = rounds.publicity_start(actor=zone.committee, rnd=open_round, proposed_ids={first.pk})
    with pytest.raises(ValidationError, match="期满后才能确认"):
        rounds.round_confirm(actor=zone.committee, rnd=rnd)
    rounds.publicity_withdraw(actor=zone.committee, rnd=rnd, reason="成绩录入有误")
    rnd.refresh_from_db()
    assert rnd.status == Round.Status.OPEN and not Application.objects.filter(proposed=True).exists()
    assert AuditEntry.objects.filter(object_type="people.round", reason="撤回公示：成绩录入有误").exists()


def test_a_proposal_over_the_openings_or_twice_the_same_person_is_refused(zone, open_round):
    _apply_all(zone, open_round)
    _score_all(zone, open_round, SCORES)
    heads = Application.objects.filter(round=open_round, round_post__post=zone.head_post)
    with pytest.raises(ValidationError, match="拟聘 1 人，选择了"):
        rounds.publicity_start(
            actor=zone.committee, rnd=open_round, proposed_ids=set(heads.values_list("pk", flat=True))
        )
    kong1 = Application.objects.filter(round=open_round, user=zone.staff[0]).values_list("pk", flat=True)
    with pytest.raises(ValidationError, match="同一人只能拟聘到一个岗位"):
        rounds.publicity_start(actor=zone.committee, rnd=open_round, proposed_ids=set(kong1))


def test_an_appointee_on_a_running_contract_is_moved_to_the_new_post(zone, clock):
    clock.set(TODAY)
    rnd = rounds.round_create(
        actor=zone.committee,
        unit=zone.office.parent,
        title="年中竞聘",
        posts={zone.officer_post: 1},
        apply_from=TODAY,
        apply_until=TODAY,
        term_starts_on=date(2022, 11, 1),
        term_ends_on=date(2025, 10, 31),
        shares=[D(30), D(35), D(40)],
        publicity_days=1,
    )
    rounds.round_publish(actor=zone.committee, rnd=rnd)
    rounds.applications_set(actor=zone.staff[0], rnd=rnd, round_posts=list(rnd.posts.all()))
    application = Application.objects.get()
    rounds.scores_set(actor=zone.committee, rnd=rnd, scores={application.pk: (D(90), D(90), D(90))})
    rounds.publicity_start(actor=zone.committee, rnd=rnd, proposed_ids={application.pk})
    clock.advance(days=2)
    (new,) = rounds.round_confirm(actor=zone.committee, rnd=rnd)
    old = Contract.objects.get(user=zone.staff[0], starts_on=date(2020, 1, 1))
    assert (old.status, old.ends_on, new.renewal_of_id) == (Contract.Status.RENEWED, date(2022, 10, 31), old.pk)
    assert new.post == zone.officer_post and Application.objects.get().contract == new
