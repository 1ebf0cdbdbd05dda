"""Places and the waiting list through the service: a full session puts the next on its waiting list, a
cancellation moves the first waiting up exactly once (also when several cancel at the same moment), a new capacity
moves people both ways, and every move is audited."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from taizhang.audit.models import AuditEntry
from taizhang.events import signups
from taizhang.events.models import SignUp
from taizhang.events.rules import places
from taizhang.events.rules import signup as signup_rules
from tests.concurrency import at_once

T0 = timezone.make_aware(datetime(2020, 9, 1, 8, 0))


def sign(session, n, *, at=None, **extra):
    return signups.signup_create(
        actor=None,
        session=session,
        name=f"群众{n}",
        phone=f"1380000{n:04d}",
        source=SignUp.Source.PUBLIC,
        signed_at=at or T0 + timedelta(minutes=n),
        **extra,
    )


def states(session):
    return list(SignUp.objects.filter(session=session).order_by("signed_at", "id").values_list("name", "state"))


def test_the_fourth_sign_up_for_three_places_waits(festival):
    for n in range(1, 5):
        sign(festival.morning, n)
    assert [s for _, s in states(festival.morning)] == [places.CONFIRMED] * 3 + [places.WAITING]
    waiting = SignUp.objects.get(name="群众4")
    assert signups.waiting_position(waiting) == 1


def test_a_cancellation_moves_the_first_waiting_up_and_audits_both(festival):
    first, *_ = [sign(festival.morning, n) for n in range(1, 6)]
    moved = signups.signup_cancel(actor=None, signup=first, reason="临时有事")
    assert [m.name for m in moved] == ["群众4"]
    assert dict(states(festival.morning)) == {
        "群众1": places.CANCELLED,
        "群众2": places.CONFIRMED,
        "群众3": places.CONFIRMED,
        "群众4": places.CONFIRMED,
        "群众5": places.WAITING,
    }
    assert SignUp.objects.get(name="群众4").promoted_at is not None
    trail = AuditEntry.objects.filter(object_type="events.signup").order_by("pk")
    assert [e.action for e in trail][-2:] == [AuditEntry.Action.VOID, AuditEntry.Action.UPDATE]
    assert "13800000001" not in "".join(e.object_repr for e in trail)  # the phone only masked


def test_cancelling_a_waiting_sign_up_moves_nobody(festival):
    made = [sign(festival.morning, n) for n in range(1, 6)]
    assert signups.signup_cancel(actor=None, signup=made[3], reason="") == []
    assert SignUp.objects.get(name="群众5").state == places.WAITING
    assert signups.waiting_position(SignUp.objects.get(name="群众5")) == 1


def test_a_cancelled_sign_up_cannot_be_cancelled_again(festival):
    made = sign(festival.morning, 1)
    signups.signup_cancel(actor=None, signup=made, reason="")
    with pytest.raises(ValidationError, match="已取消"):
        signups.signup_cancel(actor=None, signup=made, reason="")


def test_one_phone_signs_up_once_per_session_but_again_after_cancelling(festival):
    made = sign(festival.morning, 1)
    with pytest.raises(ValidationError, match="请勿重复报名"):
        sign(festival.morning, 1)
    sign(festival.noon, 1)
    signups.signup_cancel(actor=None, signup=made, reason="")
    assert sign(festival.morning, 1).state == places.CONFIRMED


def test_a_team_names_itself_and_stays_within_the_team_size(festival):
    with pytest.raises(ValidationError) as refused:
        sign(festival.tug, 1, team_name="", members="甲 乙")
    assert "team_name" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        sign(festival.tug, 1, team_name="东辛村队", members="、".join(f"队员{n}" for n in range(8)))
    assert "每队最多 8 人（含领队），现填写 9 人" in str(refused.value)
    team = sign(festival.tug, 1, team_name="东辛村队", members="张三、李四\n王五")
    assert team.people == 4 and team.members == "张三\n李四\n王五"


def test_a_session_without_sign_ups_and_a_closed_event_refuse(festival):
    with pytest.raises(ValidationError, match="无需报名"):
        sign(festival.show, 1)
    festival.event.finished = True
    festival.event.save()
    with pytest.raises(ValidationError, match="未开放报名"):
        sign(festival.morning, 1, check_open=True)


def test_a_bad_phone_number_is_named(festival):
    with pytest.raises(ValidationError) as refused:
        signups.signup_create(actor=None, session=festival.morning, name="张三", phone="12345", source="public")
    assert refused.value.message_dict["phone"] == ["手机号“12345”不是 11 位的手机号码"]


def test_another_unit_s_staff_may_not_sign_someone_up(world, festival):
    with pytest.raises(PermissionDenied):
        signups.signup_create(
            actor=world.jy_admin, session=festival.morning, name="张三", phone="13800000000", source="staff"
        )


def test_a_larger_capacity_moves_the_first_waiting_up_and_a_smaller_one_sends_the_last_back(festival):
    for n in range(1, 7):
        sign(festival.morning, n)
    up, back = signups.capacity_set(actor=festival.admin, session=festival.morning, capacity=5, reason="加开采摘区")
    assert [m.name for m in up] == ["群众4", "群众5"] and back == []
    up, back = signups.capacity_set(actor=festival.admin, session=festival.morning, capacity=2, reason="场地缩小")
    assert up == [] and sorted(b.name for b in back) == ["群众3", "群众4", "群众5"]
    assert [s for _, s in states(festival.morning)] == [places.CONFIRMED] * 2 + [places.WAITING] * 4
    waiting = SignUp.objects.get(name="群众3")
    assert signups.waiting_position(waiting) == 1  # signed up before 群众6: ahead of them in line


def test_a_capacity_change_needs_a_reason_and_a_planner(world, festival):
    with pytest.raises(ValidationError):
        signups.capacity_set(actor=festival.admin, session=festival.morning, capacity=5, reason=" ")
    with pytest.raises(PermissionDenied):
        signups.capacity_set(actor=world.xs_worker, session=festival.morning, capacity=5, reason="x")


@pytest.mark.parametrize("order", [[1, 2, 3, 4, 5, 6, 7], [7, 6, 5, 4, 3, 2, 1]])
def test_sign_ups_made_in_time_order_are_placed_as_the_rule_says(festival, order):
    for n in sorted(order):
        sign(festival.morning, n)
    made = list(SignUp.objects.filter(session=festival.morning))
    rule = places.allocate(festival.morning.capacity, [s.as_entry() for s in made])
    assert {s.pk for s in made if s.state == places.CONFIRMED} == set(rule.confirmed)


def test_ten_sign_ups_at_the_same_moment_fill_three_places_and_seven_wait(world, shared_db):
    from tests.events.conftest import make_festival

    festival = make_festival(world)
    answers = at_once([lambda n=n: sign(festival.morning, n, at=timezone.now()) for n in range(1, 11)])
    assert all(isinstance(a, SignUp) for a in answers), answers
    assert SignUp.objects.filter(session=festival.morning, state=places.CONFIRMED).count() == 3
    assert SignUp.objects.filter(session=festival.morning, state=places.WAITING).count() == 7


def test_three_cancellations_at_the_same_moment_move_three_waiting_up_each_once(world, shared_db):
    from tests.events.conftest import make_festival

    festival = make_festival(world)
    made = [sign(festival.morning, n) for n in range(1, 8)]  # 1–3 placed, 4–7 waiting
    answers = at_once([lambda s=s: signups.signup_cancel(actor=None, signup=s, reason="") for s in made[:3]])
    moved = [m.name for found in answers for m in found]
    assert sorted(moved) == ["群众4", "群众5", "群众6"]
    assert dict(states(festival.morning))["群众7"] == places.WAITING
    promotions = AuditEntry.objects.filter(object_type="events.signup", action=AuditEntry.Action.UPDATE)
    assert promotions.count() == 3


def test_the_same_sign_up_cancelled_twice_at_once_moves_one_person_up_once(world, shared_db):
    from tests.events.conftest import make_festival

    festival = make_festival(world)
    made = [sign(festival.morning, n) for n in range(1, 6)]
    answers = at_once([lambda: signups.signup_cancel(actor=None, signup=made[0], reason="")] * 2)
    assert sorted(type(a).__name__ for a in answers) == ["ValidationError", "list"]
    assert dict(states(festival.morning)) == {
        "群众1": places.CANCELLED,
        "群众2": places.CONFIRMED,
        "群众3": places.CONFIRMED,
        "群众4": places.CONFIRMED,
        "群众5": places.WAITING,
    }


entries = st.lists(st.integers(min_value=0, max_value=500), max_size=20).map(
    lambda ms: [places.Entry(n, datetime(2020, 9, 1) + timedelta(minutes=m)) for n, m in enumerate(ms, 1)]
)


@given(st.integers(min_value=0, max_value=10), st.integers(min_value=0, max_value=12), entries)
def test_promotion_fills_exactly_the_free_places_in_line_order(capacity, confirmed, waiting):
    moved = places.to_promote(capacity, confirmed, waiting)
    assert len(moved) == min(max(capacity - confirmed, 0), len(waiting))
    assert moved == [e.id for e in places.order(waiting)][: len(moved)]


@given(st.integers(min_value=0, max_value=10), entries)
def test_demotion_sends_back_the_latest_and_keeps_the_capacity(capacity, confirmed):
    back = places.to_demote(capacity, confirmed)
    assert len(confirmed) - len(back) == min(capacity, len(confirmed))
    kept = {e.id for e in confirmed} - set(back)
    latest_kept = max((e.signed_at, e.id) for e in confirmed if e.id in kept) if kept else None
    assert all((e.signed_at, e.id) > latest_kept for e in confirmed if e.id in back) if latest_kept else True


@pytest.mark.parametrize(
    ("typed", "phone"),
    [("138 0000 0000", "13800000000"), ("+86 13800000000", "13800000000"), ("0086-138-0000-0000", "13800000000")],
)
def test_phone_numbers_as_people_type_them(typed, phone):
    assert signup_rules.normalise_phone(typed) == phone
    assert signup_rules.phone_problem(phone) == ""


@pytest.mark.parametrize("phone", ["", "1380000000", "23800000000", "12800000000", "138000000001"])
def test_what_is_not_a_mobile_number(phone):
    assert signup_rules.phone_problem(phone)
