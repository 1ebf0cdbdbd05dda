"""调度培训: a biweekly schedule, topics and materials, every helper's attendance, who missed sessions."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.assistance import trainings as T
from taizhang.assistance.models import TrainingAttendance, TrainingSession
from taizhang.audit.models import AuditEntry

START = date(2026, 1, 5)


def test_a_biweekly_schedule_is_planned_once(assisted):
    created = T.schedule(
        actor=assisted.xs_admin,
        unit_id=assisted.xinshi.id,
        start=START,
        until=date(2026, 3, 2),
        topics="入户走访、住房安全",
    )
    assert created == 5
    assert list(TrainingSession.objects.filter(unit=assisted.xinshi).values_list("date", flat=True))[:2] == [
        date(2026, 1, 5),
        date(2026, 1, 19),
    ]
    again = T.schedule(actor=assisted.xs_admin, unit_id=assisted.xinshi.id, start=START, until=date(2026, 3, 30))
    assert again == 2 and TrainingSession.objects.count() == 7
    assert AuditEntry.objects.filter(object_type="assistance.training-schedule").count() == 2


def test_only_the_admin_plans_and_takes_attendance(assisted):
    with pytest.raises(PermissionDenied):
        T.schedule(actor=assisted.xs_worker, unit_id=assisted.xinshi.id, start=START, until=START)
    with pytest.raises(ValidationError):
        T.schedule(actor=assisted.xs_admin, unit_id=assisted.xinshi.id, start=START, until=date(2031, 1, 1))


def test_attendance_of_every_helper_and_who_missed(assisted):
    T.schedule(actor=assisted.xs_admin, unit_id=assisted.xinshi.id, start=START, until=date(2026, 2, 2))
    first, second, third = TrainingSession.objects.order_by("date")
    assert [h.username for h in T.helpers_on_day(assisted.xinshi.id, START)] == ["ws_worker", "xs_worker"]
    T.attendance_record(
        actor=assisted.xs_admin, session=first, present={assisted.xs_worker.pk, assisted.wenshao_worker.pk}
    )
    T.attendance_record(
        actor=assisted.xs_admin,
        session=second,
        present={assisted.xs_worker.pk},
        notes={assisted.wenshao_worker.pk: "病假"},
    )
    assert TrainingAttendance.objects.filter(session=second, present=False).get().note == "病假"
    summary = T.attendance_summary(assisted.xs_admin, START, date(2026, 2, 28))
    assert [(h.helper, h.expected, h.attended, h.missed) for h in summary] == [
        ("孙帮扶", 2, 1, [date(2026, 1, 19)]),
        ("张帮扶", 2, 2, []),
    ]
    rates = T.sessions_with_rates(assisted.xs_admin, START, date(2026, 2, 28))
    assert [(s.date, present, expected) for s, present, expected in rates] == [
        (date(2026, 1, 5), 2, 2),
        (date(2026, 1, 19), 1, 2),
        (date(2026, 2, 2), 0, 0),
    ]
    with pytest.raises(ValidationError, match="不是帮扶责任人"):
        T.attendance_record(actor=assisted.xs_admin, session=third, present={assisted.xs_admin.pk})
    assert T.attendance_summary(assisted.jy_admin, START, date(2026, 2, 28)) == []


def test_topics_and_materials_are_audited(assisted):
    T.schedule(actor=assisted.xs_admin, unit_id=assisted.xinshi.id, start=START, until=START)
    session = TrainingSession.objects.get()
    T.session_update(
        actor=assisted.xs_admin, session=session, topics="医疗教育", materials="传达区里文件，卫生院讲慢病政策"
    )
    entry = AuditEntry.objects.filter(object_type="assistance.training").get()
    assert entry.changes["培训内容"] == ["", "医疗教育"]


def test_the_training_pages(client, assisted):
    client.force_login(assisted.xs_admin)
    response = client.post(
        "/assistance/trainings/",
        {"start": "2026-01-05", "until": "2026-02-02", "interval_days": 14, "topics": "入户走访、住房安全"},
    )
    assert response.status_code == 302 and TrainingSession.objects.count() == 3
    session = TrainingSession.objects.order_by("date").first()
    client.post(
        f"/assistance/trainings/{session.pk}/",
        {
            "action": "attendance",
            "present": [assisted.xs_worker.pk],
            f"note-{assisted.wenshao_worker.pk}": "入户走访未到",
        },
    )
    page = client.get("/assistance/trainings/", {"from": "2026-01", "to": "2026-02"}).content.decode()
    assert "出席 1/2" in page and "孙帮扶" in page and "缺席 1/1 次：01-05" in page
    client.force_login(assisted.xs_worker)
    client.post(f"/assistance/trainings/{session.pk}/", {"action": "attendance", "present": []})
    assert TrainingAttendance.objects.filter(present=True).count() == 1  # a helper cannot change attendance
    assert "入户走访" in client.get(f"/assistance/trainings/{session.pk}/").content.decode()
