"""The exhibition-sale's services: a public application, the review, stalls laid out and allocated, the vendor's
confirmation and sales; every change audited, every refusal named."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.audit.models import AuditEntry
from taizhang.events import events, vendors
from taizhang.events.models import Session, Stall
from tests.events.fixtures_vendors import allocated, apply


def audit_rows(vendor):
    return AuditEntry.objects.filter(object_type="events.vendor", object_id=str(vendor.pk)).order_by("pk")


def test_an_application_is_stored_with_its_certificate_and_audited_without_an_actor(festival):
    vendor = apply(festival.event, phone="139 1234 5678")
    assert vendor.state == "submitted" and vendor.phone == "13912345678" and vendor.unit_id == festival.event.unit_id
    assert vendor.certificate.name.startswith(f"events/{festival.event.pk}/certificates/")
    (row,) = audit_rows(vendor)
    assert row.action == AuditEntry.Action.CREATE and row.actor_id is None and row.unit_id == festival.event.unit_id


def test_an_unpublished_event_or_one_without_an_exhibition_takes_no_vendor(world, festival, jy_event):
    events.event_publish(actor=festival.admin, event=festival.event, published=False)
    with pytest.raises(ValidationError, match="不接受摊主报名"):
        apply(festival.event)
    events.event_publish(actor=world.jy_admin, event=jy_event, published=True)
    with pytest.raises(ValidationError, match="不接受摊主报名"):
        apply(jy_event)  # a choir, no 展销


def test_approving_then_allocating_a_stall_writes_the_steps_in_the_trail(festival):
    vendor = allocated(festival)
    assert vendor.state == "allocated" and vendor.stall == festival.stalls[0]
    changes = [row.changes for row in audit_rows(vendor)]
    assert changes[1]["状态"] == ["待审核", "已通过，待分配摊位"]
    assert changes[2]["摊位"] == ["", "A-01"]


def test_a_stall_already_taken_is_refused_naming_its_holder(festival):
    allocated(festival, "李春生", 0)
    other = apply(festival.event, "王秀英", "13812345678")
    vendors.vendor_approve(actor=festival.admin, vendor=other)
    with pytest.raises(ValidationError, match="A-01 号摊位已分配给 李春生"):
        vendors.vendor_allocate(actor=festival.admin, vendor=other, stall=festival.stalls[0])


def test_a_vendor_not_yet_approved_gets_no_stall(festival):
    vendor = apply(festival.event)
    with pytest.raises(ValidationError, match="待审核"):
        vendors.vendor_allocate(actor=festival.admin, vendor=vendor, stall=festival.stalls[0])


def test_another_unit_s_admin_and_a_field_worker_may_not_review(world, festival):
    vendor = apply(festival.event)
    for actor in (world.jy_admin, world.xs_worker):
        with pytest.raises(PermissionDenied):
            vendors.vendor_approve(actor=actor, vendor=vendor)


def test_a_stall_of_another_event_is_refused(world, festival, jy_event):
    vendor = apply(festival.event)
    vendors.vendor_approve(actor=festival.admin, vendor=vendor)
    foreign = Stall.objects.create(unit=world.jiyang, event=jy_event, number="J-01")
    with pytest.raises(ValidationError, match="不属于"):
        vendors.vendor_allocate(actor=festival.admin, vendor=vendor, stall=foreign)


def test_moving_a_vendor_needs_a_reason_and_frees_the_old_stall(festival):
    vendor = allocated(festival)
    vendors.vendor_confirm(vendor=vendor)
    with pytest.raises(ValidationError, match="调换摊位请写明原因"):
        vendors.vendor_allocate(actor=festival.admin, vendor=vendor, stall=festival.stalls[1])
    vendor = vendors.vendor_allocate(actor=festival.admin, vendor=vendor, stall=festival.stalls[1], reason="靠近电源")
    assert vendor.stall.number == "A-02" and vendor.state == "allocated" and vendor.confirmed_at is None
    assert audit_rows(vendor).last().reason == "靠近电源"
    assert not Stall.objects.filter(pk=festival.stalls[0].pk, vendor__isnull=False).exists()


def test_a_rejection_needs_a_note_and_can_be_withdrawn_with_a_reason(festival):
    vendor = apply(festival.event)
    with pytest.raises(ValidationError):
        vendors.vendor_reject(actor=festival.admin, vendor=vendor, note=" ")
    vendor = vendors.vendor_reject(actor=festival.admin, vendor=vendor, note="缺少食品经营许可证")
    assert vendor.state == "rejected" and vendor.review_note == "缺少食品经营许可证"
    vendor = vendors.vendor_reopen(actor=festival.admin, vendor=vendor, reason="已补交许可证")
    assert vendor.state == "submitted" and audit_rows(vendor).last().reason == "已补交许可证"


def test_releasing_a_stall_keeps_the_vendor_approved(festival):
    vendor = vendors.vendor_release(actor=festival.admin, vendor=allocated(festival), reason="摊主改到B区")
    assert vendor.state == "approved" and vendor.stall is None


def test_a_vendor_confirms_once_and_withdrawing_frees_the_stall(festival):
    vendor = vendors.vendor_confirm(vendor=allocated(festival))
    assert vendor.state == "confirmed" and vendor.confirmed_at is not None
    with pytest.raises(ValidationError, match="已确认"):
        vendors.vendor_confirm(vendor=vendor)
    with pytest.raises(ValidationError, match="原因"):
        vendors.vendor_withdraw(vendor=vendor, reason="")
    vendor = vendors.vendor_withdraw(vendor=vendor, reason="家里有事")
    assert vendor.state == "withdrawn" and vendor.stall is None


def test_sales_are_reported_once_from_the_event_s_day_and_corrected_only_with_a_reason(festival, clock):
    vendor = vendors.vendor_confirm(vendor=allocated(festival))
    clock.set(datetime(2020, 9, 18, 12))
    with pytest.raises(ValidationError, match="活动当天起"):
        vendors.vendor_report_sales(vendor=vendor, sales="100")
    clock.set(date(2020, 9, 19))
    vendor = vendors.vendor_report_sales(vendor=vendor, sales="1,280.505")
    assert vendor.sales == Decimal("1280.51")
    with pytest.raises(ValidationError, match="已经填报过了"):
        vendors.vendor_report_sales(vendor=vendor, sales="2000")
    vendor = vendors.vendor_correct_sales(actor=festival.admin, vendor=vendor, sales="1380", reason="摊主电话更正")
    assert vendor.sales == Decimal("1380.00")
    assert audit_rows(vendor).last().changes["销售额（元）"] == ["1280.51", "1380.00"]


def test_stalls_are_laid_out_in_bulk_after_an_area_s_existing_ones(festival):
    made = vendors.stalls_create(actor=festival.admin, event=festival.event, area="B区", rows=2, columns=10)
    assert [s.number for s in made][:2] == ["B-01", "B-02"] and len(made) == 20
    more = vendors.stalls_create(actor=festival.admin, event=festival.event, area="B区", rows=1, columns=5)
    assert more[0].number == "B-21" and more[0].row == 3
    assert AuditEntry.objects.filter(object_type="events.stall", action=AuditEntry.Action.CREATE).count() == 25


def test_a_bulk_layout_clashing_with_existing_numbers_is_refused(festival):
    # the fixture's A-01…A-04 have area "A区"; an area named "A" makes the same numbers
    with pytest.raises(ValidationError, match="A-01"):
        vendors.stalls_create(actor=festival.admin, event=festival.event, area="A", rows=1, columns=4)


def test_a_field_worker_may_not_lay_out_stalls(world, festival):
    with pytest.raises(PermissionDenied):
        vendors.stalls_create(actor=world.xs_worker, event=festival.event, area="C区", rows=1, columns=2)


def test_an_event_without_an_exhibition_session_has_none(festival):
    assert vendors.has_exhibition(festival.event)
    Session.objects.filter(pk=festival.expo.pk).update(kind=Session.Kind.OTHER)
    assert not vendors.has_exhibition(festival.event)
