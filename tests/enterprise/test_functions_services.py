from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.audit.models import AuditEntry
from taizhang.enterprise import functions as services
from tests.enterprise import fixtures_functions
from tests.enterprise.fixtures_functions import HANDED_ON, TODAY

handover = fixtures_functions.handover


def _entries(object_type, record):
    return AuditEntry.objects.filter(object_type=object_type, object_id=str(record.pk))


def test_a_handover_is_audited_under_the_receiving_street(handover):
    entry = _entries("enterprise.function", handover.jy[0]).get()
    assert entry.unit_id == handover.jiyang.pk and entry.changes["承接单位"] == [None, "济阳街道"]


def test_the_same_function_cannot_be_handed_twice_to_one_street(handover):
    with pytest.raises(ValidationError, match="已移交给济阳街道"):
        services.hand_over(
            actor=handover.zone_admin,
            zone=handover.zone,
            street=handover.jiyang,
            number=1,
            name="低保",
            category="社会救助",
            handed_on=HANDED_ON,
        )


def test_the_street_takes_on_and_runs_a_function_with_dates_and_the_zone_cannot(handover):
    function = handover.jy[0]
    with pytest.raises(ValidationError, match="由承接街道确认"):
        services.move(actor=handover.zone_admin, function=function, target="taken")
    function = services.move(actor=handover.jy_worker, function=function, target="taken", on=date(2020, 7, 10))
    function = services.move(actor=handover.jy_admin, function=function, target="running")
    function.refresh_from_db()
    assert (function.state, function.taken_on, function.running_on) == ("running", date(2020, 7, 10), TODAY)
    assert _entries("enterprise.function", function).count() == 3


def test_another_street_may_not_touch_a_function(handover):
    with pytest.raises(PermissionDenied):
        services.move(actor=handover.cz_admin, function=handover.jy[0], target="taken")


def test_a_mistaken_move_is_withdrawn_with_its_reason(handover):
    function = services.move(actor=handover.jy_admin, function=handover.jy[1], target="taken")
    with pytest.raises(ValidationError, match="请填写撤回原因"):
        services.withdraw(actor=handover.jy_admin, function=function, reason=" ")
    with pytest.raises(ValidationError, match="只能由承接街道撤回"):
        services.withdraw(actor=handover.zone_admin, function=function, reason="误点")
    function = services.withdraw(actor=handover.jy_admin, function=function, reason="尚未配齐人员，误点承接")
    assert (function.state, function.taken_on) == ("handed", None)
    entry = _entries("enterprise.function", function).filter(action=AuditEntry.Action.VOID).get()
    assert entry.reason == "尚未配齐人员，误点承接"


def test_the_zone_withdraws_a_handover_to_the_wrong_street_and_hands_it_again(handover):
    function = services.withdraw(actor=handover.zone_admin, function=handover.cz, reason="应移交济阳街道以外的其他街道")
    assert function.withdrawn_on == TODAY
    again = services.hand_over(
        actor=handover.zone_admin,
        zone=handover.zone,
        street=handover.cuizhai,
        number=1,
        name="城乡低保审核确认",
        category="社会救助",
        handed_on=TODAY,
    )
    assert again.pk != function.pk
    with pytest.raises(ValidationError, match="已撤回"):
        services.move(actor=handover.cz_admin, function=function, target="taken")


def test_a_note_is_answered_by_the_street_closed_by_the_zone_and_reopened_with_a_reason(handover):
    function = handover.jy[0]
    with pytest.raises(PermissionDenied):
        services.note_write(actor=handover.jy_admin, function=function, text="x", deadline=TODAY)
    note = services.note_write(
        actor=handover.zone_admin, function=function, text="低保台账未建立", deadline=date(2020, 9, 30)
    )
    with pytest.raises(ValidationError, match="尚未答复"):
        services.note_close(actor=handover.zone_admin, note=note)
    with pytest.raises(PermissionDenied):
        services.note_answer(actor=handover.cz_admin, note=note, answer="已建立")
    note = services.note_answer(actor=handover.jy_worker, note=note, answer="已建立低保台账")
    note = services.note_close(actor=handover.zone_admin, note=note)
    assert note.status == "已销号"
    with pytest.raises(ValidationError, match="请填写重新督办的原因"):
        services.note_reopen(actor=handover.zone_admin, note=note, reason="", deadline=date(2020, 10, 15))
    note = services.note_reopen(
        actor=handover.zone_admin, note=note, reason="抽查发现台账不全", deadline=date(2020, 10, 15)
    )
    assert (note.status, note.closed_on, note.deadline) == ("待答复", None, date(2020, 10, 15))
    assert _entries("enterprise.function_note", note).count() == 4


def test_a_handover_with_an_open_note_cannot_be_withdrawn(handover):
    services.note_write(actor=handover.zone_admin, function=handover.cz, text="尽快承接", deadline=TODAY)
    with pytest.raises(ValidationError, match="未销号的督办"):
        services.withdraw(actor=handover.zone_admin, function=handover.cz, reason="误移交")
