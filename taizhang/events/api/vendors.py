"""The exhibition-sale's staff operations: an event's vendors (phones masked by role), a review, an allocation."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from ninja import Router, Schema

from taizhang.core.rules import mask_phone
from taizhang.events import policies, selectors, selectors_vendors, vendors
from taizhang.events.models import Stall
from taizhang.org.scoping import get_visible_or_404

router = Router(tags=["活动"])


class EventVendorOut(Schema):
    id: int
    holder: str
    phone: str
    village: str
    produce: str
    state: str
    state_label: str
    stall: str | None
    submitted_at: datetime
    checked_in: bool
    sales: Decimal | None


# Every field has a default so that the vendor's scope answers first (a 404) even for an empty body.
class EventVendorReviewIn(Schema):
    decision: str = ""  # "approve" or "reject"
    note: str = ""


class EventVendorAllocateIn(Schema):
    stall_id: int = 0
    reason: str = ""


def _vendor(vendor, whole: bool) -> dict:
    return {
        "id": vendor.pk,
        "holder": vendor.holder,
        "phone": vendor.phone if whole else mask_phone(vendor.phone),
        "village": vendor.village,
        "produce": vendor.produce,
        "state": vendor.state,
        "state_label": vendor.get_state_display(),
        "stall": vendor.stall.number if vendor.stall_id else None,
        "submitted_at": vendor.submitted_at,
        "checked_in": vendor.checked_in_at is not None,
        "sales": vendor.sales,
    }


@router.get("/events/{event_id}/vendors", response=list[EventVendorOut], summary="展销摊主列表")
def vendor_list(request, event_id: int, q: str = "", state: str = ""):
    event = selectors.event_or_404(request.user, event_id)
    whole = policies.reads_phones(request.user, event)
    return [_vendor(v, whole) for v in selectors_vendors.vendor_list(event, q=q, state=state)[:500]]


@router.post("/vendors/{vendor_id}/review", response=EventVendorOut, summary="审核摊主申请（通过或不予通过）")
def vendor_review(request, vendor_id: int, payload: EventVendorReviewIn):
    vendor = selectors_vendors.vendor_or_404(request.user, vendor_id)
    if payload.decision == "approve":
        vendor = vendors.vendor_approve(actor=request.user, vendor=vendor, note=payload.note)
    elif payload.decision == "reject":
        vendor = vendors.vendor_reject(actor=request.user, vendor=vendor, note=payload.note)
    else:
        raise ValidationError("decision 应为 approve（通过）或 reject（不予通过）")
    return _vendor(vendor, policies.reads_phones(request.user, vendor.event))


@router.post("/vendors/{vendor_id}/allocate", response=EventVendorOut, summary="分配或调换摊位")
def vendor_allocate(request, vendor_id: int, payload: EventVendorAllocateIn):
    vendor = selectors_vendors.vendor_or_404(request.user, vendor_id)
    stall = get_visible_or_404(Stall.objects.all(), request.user, pk=payload.stall_id)
    vendor = vendors.vendor_allocate(actor=request.user, vendor=vendor, stall=stall, reason=payload.reason)
    return _vendor(vendor, policies.reads_phones(request.user, vendor.event))
