"""The report's figures against a festival counted by hand (tests/events/fixtures_report.py), and the services
that close an event: finishing and reopening it, results, sales, photos and the brief — checked and audited."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from taizhang.audit.models import AuditEntry
from taizhang.events import report as services
from taizhang.events import selectors_report
from taizhang.events.models import Event, EventPhoto, GameResult
from taizhang.events.report import Placing
from tests.events.fixtures_report import make_counted


@pytest.fixture
def counted(world):
    return make_counted(world)


def jpeg(colour="green") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), colour).save(out, "JPEG")
    return SimpleUploadedFile("p.jpg", out.getvalue(), content_type="image/jpeg")


def by_name(rows):
    return {r.session.name: r for r in rows}


def test_attendance_per_session_is_what_was_counted_by_hand(counted):
    rows, total = selectors_report.attendance(counted.festival.event)
    found = by_name(rows)
    assert list(found) == ["采摘·上午场", "采摘·中午场", "拔河"]
    morning, noon, tug = found["采摘·上午场"], found["采摘·中午场"], found["拔河"]
    assert (morning.confirmed, morning.waiting, morning.checked_in, morning.no_shows, morning.walk_ins) == (
        4,
        1,
        3,
        1,
        1,
    )
    assert (morning.people, morning.people_checked_in) == (4, 3)
    assert (noon.confirmed, noon.people, noon.people_checked_in) == (1, 2, 2)
    assert (tug.confirmed, tug.waiting, tug.checked_in, tug.no_shows, tug.people, tug.people_checked_in) == (
        3,
        1,
        2,
        1,
        19,
        14,
    )
    assert tug.is_team and not morning.is_team
    assert (total.confirmed, total.waiting, total.checked_in, total.no_shows, total.walk_ins) == (8, 2, 6, 2, 1)
    assert (total.people, total.people_checked_in) == (25, 19)


def test_the_sales_and_the_counted_crowd_are_what_was_counted_by_hand(counted):
    report = selectors_report.report(counted.festival.event)
    assert (report.sales.stalls, report.sales.vendors_checked_in, report.sales.reporting) == (3, 2, 2)
    assert report.sales.total == Decimal("2000.50")
    assert [v.holder for v in report.sales.top] == ["周莲藕", "吴大米"]
    assert report.counted == 19 + 2  # people checked in (teams whole, the walk-in too) and vendors
    assert [v.holder for v in report.vendors] == ["周莲藕", "吴大米", "郑西瓜"]


def test_the_report_reads_in_a_fixed_number_of_queries(counted, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):
        report = selectors_report.report(counted.festival.event)
        assert report.brief


def test_finishing_the_event_keeps_the_crowd_estimate_and_writes_its_audit_row(counted):
    event, admin = counted.festival.event, counted.festival.admin
    services.event_finish(actor=admin, event=event, crowd=3000)
    event.refresh_from_db()
    assert event.finished and event.closing.crowd == 3000
    report = selectors_report.report(event)
    assert report.crowd == 3000 and report.counted == 21
    assert "参与群众约3000人次" in report.brief
    entry = AuditEntry.objects.get(object_type="events.report", object_id=str(event.pk))
    assert "3000" in str(entry.changes)
    with pytest.raises(ValidationError):
        services.event_finish(actor=admin, event=event, crowd=10)


def test_reopening_needs_a_reason_and_keeps_the_figures(counted):
    event, admin = counted.festival.event, counted.festival.admin
    services.event_finish(actor=admin, event=event, crowd=3000)
    with pytest.raises(ValidationError):
        services.event_reopen(actor=admin, event=event, reason=" ")
    services.event_reopen(actor=admin, event=event, reason="拔河成绩有误，重新核对")
    assert not Event.objects.get(pk=event.pk).finished
    assert Event.objects.get(pk=event.pk).closing.crowd == 3000
    entry = AuditEntry.objects.filter(object_type="events.report").latest("pk")
    assert entry.action == AuditEntry.Action.RESTORE and entry.reason == "拔河成绩有误，重新核对"


def test_a_worker_or_another_unit_may_not_finish_the_event(world, counted):
    for actor in (world.xs_worker, world.jy_admin):
        with pytest.raises(PermissionDenied):
            services.event_finish(actor=actor, event=counted.festival.event, crowd=1)


def test_results_link_their_sign_up_drop_empty_places_and_are_audited(counted):
    f = counted.festival
    saved = services.results_set(
        actor=f.admin,
        session=f.tug,
        placings=[Placing(1, "东辛村队", "3:0", "大米一袋"), Placing(2, "临时组队"), Placing(3, "")],
    )
    assert [(r.place, r.entrant, r.signup_id) for r in saved] == [
        (1, "东辛村队", counted.signups["T1"].pk),
        (2, "临时组队", None),
    ]
    services.results_set(actor=f.admin, session=f.tug, placings=[Placing(1, "西辛村队")])
    assert list(GameResult.objects.values_list("place", "entrant")) == [(1, "西辛村队")]
    entries = AuditEntry.objects.filter(object_type="events.result", object_id=str(f.tug.pk))
    assert entries.count() == 2
    assert "西辛村队获拔河第一名" in selectors_report.report(f.event).brief


def test_results_are_refused_for_a_session_that_is_not_a_game_and_for_repeated_places(counted):
    f = counted.festival
    with pytest.raises(ValidationError):
        services.results_set(actor=f.admin, session=f.morning, placings=[Placing(1, "张一")])
    with pytest.raises(ValidationError):
        services.results_set(actor=f.admin, session=f.tug, placings=[Placing(1, "甲"), Placing(1, "乙")])


def test_a_planner_enters_a_vendor_s_sales_to_the_fen_half_up(counted):
    f, vendor = counted.festival, counted.vendors["V3"]
    services.sales_set(actor=f.admin, vendor=vendor, sales=Decimal("350.255"))
    vendor.refresh_from_db()
    assert vendor.sales == Decimal("350.26") and vendor.sales_reported_at is not None
    assert AuditEntry.objects.filter(object_type="events.vendor", object_id=str(vendor.pk)).exists()
    with pytest.raises(ValidationError):
        services.sales_set(actor=f.admin, vendor=vendor, sales=Decimal("-1"))
    assert selectors_report.sales(f.event).total == Decimal("2350.76")


def test_photos_get_thumbnails_six_at_most_go_into_the_report_and_a_void_needs_a_reason(counted):
    f = counted.festival
    added = services.photos_add(actor=f.admin, event=f.event, photos=[jpeg() for _ in range(7)], caption="拔河")
    assert [p.caption for p in added][:2] == ["拔河（1）", "拔河（2）"]
    with Image.open(added[0].thumb.open("rb")) as thumb:
        assert max(thumb.size) <= services.THUMB_SIDE
    with pytest.raises(ValidationError):
        services.photos_pick(actor=f.admin, event=f.event, photo_ids={p.pk for p in added})
    services.photos_pick(actor=f.admin, event=f.event, photo_ids={p.pk for p in added[:6]})
    assert EventPhoto.objects.filter(in_report=True).count() == 6
    with pytest.raises(ValidationError):
        services.photo_void(actor=f.admin, photo=added[0], reason="")
    services.photo_void(actor=f.admin, photo=added[0], reason="重复")
    assert added[0] not in list(selectors_report.photos(f.event))
    assert EventPhoto.objects.filter(in_report=True).count() == 5


def test_the_brief_edited_after_the_finish_replaces_the_generated_one_until_cleared(counted):
    f = counted.festival
    with pytest.raises(ValidationError):
        services.brief_set(actor=f.admin, event=f.event, text="改")
    services.event_finish(actor=f.admin, event=f.event, crowd=100)
    services.brief_set(actor=f.admin, event=f.event, text="9月19日，新市镇举办丰收节。")
    assert selectors_report.report(f.event).brief == "9月19日，新市镇举办丰收节。"
    services.brief_set(actor=f.admin, event=f.event, text="")
    report = selectors_report.report(f.event)
    assert report.brief == report.generated and "参与群众约100人次" in report.brief
