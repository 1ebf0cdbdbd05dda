"""What a ticket's QR code holds and how it is drawn: the absolute URL of the staff check-in page for its code, so
that a steward's phone camera or WeChat scan opens the confirmation directly (a login first, when needed)."""

from __future__ import annotations

import io

import segno
from django.urls import reverse

from taizhang.events.rules import checkin, places

QR_SCALE = 6


def checkin_path(event_id: int, code: str) -> str:
    return reverse("events:checkin_code", kwargs={"event_id": event_id, "checkin_code": code})


def scan_url(request, event_id: int, code: str) -> str:
    """The URL a ticket's QR code holds, absolute from the request (the host the resident reached the ticket on)."""
    return request.build_absolute_uri(checkin_path(event_id, code))


def qr_svg(text: str) -> bytes:
    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="svg", scale=QR_SCALE, border=2, xmldecl=False, title="签到二维码")
    return out.getvalue()


def qr_data_uri(text: str) -> str:
    """For the PDF, which holds its image inline."""
    return segno.make(text, error="m").svg_data_uri(scale=QR_SCALE, border=2)


def signup_shows_qr(signup) -> bool:
    """A ticket carries its QR while it holds a place: not on the waiting list, not cancelled."""
    return signup.state == places.CONFIRMED


def vendor_shows_qr(vendor) -> bool:
    return vendor.stall_id is not None and vendor.state in checkin.VENDOR_WITH_STALL
