"""Checking in on the day (taizhang.events.checkin): by the planners and the event's assigned staff only, refusing a
used, cancelled, waiting or foreign code, locking the row so two stewards check a code in once; undone with a
reason, audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.audit.models import AuditEntry
from taizhang.core import clock as core_clock
from taizhang.events import checkin, selectors_checkin
from taizhang.events.models import SignUp, StaffAssignment, VendorApplication
from taizhang.events.rules import places
from tests.concurrency import at_once
from tests.events.fixtures_checkin import FESTIVAL_MORNING, signup, vendor


@pytest.fixture
def morning(clock):
    clock.set(FESTIVAL_MORNING)
    return clock


def test_a_confirmed_sign_up_is_checked_in_by_the_code_typed_any_way(festival, morning):
    resident = signup(festival.morning)
    typed = f" {resident.code[:4].lower()}-{resident.code[4:]} "
    found = checkin.check_in(actor=festival.admin, event=festival.event, code=typed)
    resident.refresh_from_db()
    assert found.record == resident
    assert resident.checked_in_at == morning.now() and resident.checked_in_by == festival.admin
    entry = AuditEntry.objects.get(object_type="events.signup", object_id=str(resident.pk))
    assert "签到时间" in entry.changes


def test_a_code_used_once_is_refused_the_second_time_naming_who_checked_it_in(festival, morning):
    resident = signup(festival.morning)
    checkin.check_in(actor=festival.admin, event=festival.event, code=resident.code)
    with pytest.raises(ValidationError) as refused:
        checkin.check_in(actor=festival.admin, event=festival.event, code=resident.code)
    assert "已于 9月19日 09:05 签到，签到人：王主任" in refused.value.messages[0]


@pytest.mark.parametrize(
    ("state", "message"), [(places.CANCELLED, "该报名已取消，签到码作废"), (places.WAITING, "候补中，未获得名额")]
)
def test_a_cancelled_or_waiting_sign_up_is_refused(festival, morning, state, message):
    resident = signup(festival.morning, state=state)
    with pytest.raises(ValidationError) as refused:
        checkin.check_in(actor=festival.admin, event=festival.event, code=resident.code)
    assert refused.value.messages == [message]
    assert SignUp.objects.get(pk=resident.pk).checked_in_at is None


def test_a_code_of_another_event_is_unknown_here(world, festival, jy_event, morning):
    other = signup(jy_event.sessions.get())
    with pytest.raises(ValidationError) as refused:
        checkin.check_in(actor=festival.admin, event=festival.event, code=other.code)
    assert refused.value.messages == ["签到码不存在，请核对后重新输入"]


def test_the_day_before_the_festival_a_code_is_refused(festival, clock):
    clock.set(FESTIVAL_MORNING - core_clock.timedelta(days=1))
    resident = signup(festival.morning)
    with pytest.raises(ValidationError, match="限 2020年9月19日 使用，不是今天"):
        checkin.check_in(actor=festival.admin, event=festival.event, code=resident.code)


def test_a_field_worker_checks_in_only_when_assigned_to_the_event(world, festival, morning):
    resident = signup(festival.morning)
    with pytest.raises(PermissionDenied):
        checkin.check_in(actor=world.xs_worker, event=festival.event, code=resident.code)
    StaffAssignment.objects.create(unit=world.xinshi, event=festival.event, user=world.xs_worker, duty="签到")
    checkin.check_in(actor=world.xs_worker, event=festival.event, code=resident.code)
    assert SignUp.objects.get(pk=resident.pk).checked_in_by == world.xs_worker


def test_another_unit_s_admin_may_not_check_in(world, festival, morning):
    resident = signup(festival.morning)
    with pytest.raises(PermissionDenied):
        checkin.check_in(actor=world.jy_admin, event=festival.event, code=resident.code)


def test_a_check_in_undone_with_its_reason_frees_the_code(festival, morning):
    resident = signup(festival.morning)
    checkin.check_in(actor=festival.admin, event=festival.event, code=resident.code)
    with pytest.raises(ValidationError, match="请填写撤销签到的原因"):
        checkin.check_in_undo(actor=festival.admin, event=festival.event, code=resident.code, reason=" ")
    checkin.check_in_undo(actor=festival.admin, event=festival.event, code=resident.code, reason="认错人")
    assert SignUp.objects.get(pk=resident.pk).checked_in_at is None
    undo = AuditEntry.objects.filter(object_type="events.signup", object_id=str(resident.pk)).latest("pk")
    assert undo.reason == "认错人"
    checkin.check_in(actor=festival.admin, event=festival.event, code=resident.code)


def test_a_vendor_checked_in_occupies_the_stall(festival, morning):
    holder = vendor(festival.event, stall=festival.stalls[0])
    vendor(festival.event, "钱大哥", stall=festival.stalls[1])
    vendor(festival.event, "孙大嫂", state=VendorApplication.State.SUBMITTED)
    checkin.check_in(actor=festival.admin, event=festival.event, code=holder.code)
    figures = selectors_checkin.figures(festival.event)
    assert (figures.stalls_occupied, figures.stalls_allocated) == (1, 2)
    assert selectors_checkin.recent(festival.event)[0].what == "摊位 A-01"


def test_a_vendor_without_a_stall_is_refused(festival, morning):
    holder = vendor(festival.event, state=VendorApplication.State.APPROVED)
    with pytest.raises(ValidationError, match="没有分配摊位"):
        checkin.check_in(actor=festival.admin, event=festival.event, code=holder.code)


def test_two_stewards_scanning_one_code_at_once_check_it_in_once(world, festival, shared_db):
    resident = signup(festival.morning)
    StaffAssignment.objects.create(unit=world.xinshi, event=festival.event, user=world.xs_worker, duty="签到")
    with core_clock.frozen(FESTIVAL_MORNING):
        answers = at_once(
            [
                lambda actor=actor: checkin.check_in(actor=actor, event=festival.event, code=resident.code)
                for actor in (world.xs_admin, world.xs_worker)
            ]
        )
    refused = [a for a in answers if isinstance(a, ValidationError)]
    assert len(refused) == 1 and "不能重复签到" in refused[0].messages[0], answers
    assert AuditEntry.objects.filter(object_type="events.signup", object_id=str(resident.pk)).count() == 1


def test_a_walk_in_takes_a_free_place_and_is_checked_in_at_once(festival, morning):
    signup(festival.morning)
    walker = checkin.walk_in(
        actor=festival.admin, session=festival.morning, name="路过的", phone="138 0531 9999", people=3
    )
    assert (walker.source, walker.state, walker.people) == (SignUp.Source.WALK_IN, places.CONFIRMED, 3)
    assert walker.checked_in_at == morning.now() and walker.checked_in_by == festival.admin
    assert selectors_checkin.figures(festival.event).walk_ins == 1


def test_a_walk_in_for_a_full_session_is_refused_and_never_waits(festival, morning):
    for n in range(3):
        signup(festival.morning, f"居民{n}")
    with pytest.raises(ValidationError) as refused:
        checkin.walk_in(actor=festival.admin, session=festival.morning, name="路过的", phone="13805319999")
    assert refused.value.message_dict["session"] == ["该场次已满（容量 3，已报名 3），没有空余名额，不能现场登记"]
    assert not SignUp.objects.filter(name="路过的").exists()


def test_a_team_walks_in_with_its_members(festival, morning):
    team = checkin.walk_in(
        actor=festival.admin,
        session=festival.tug,
        name="队长",
        phone="13805319999",
        team_name="闻韶村队",
        members="甲、乙、丙",
    )
    assert (team.team_name, team.people) == ("闻韶村队", 4)


def test_an_unassigned_field_worker_may_not_register_a_walk_in(world, festival, morning):
    with pytest.raises(PermissionDenied):
        checkin.walk_in(actor=world.xs_worker, session=festival.morning, name="路过的", phone="13805319999")
