"""Tickets without a login, through the holder's private link: a resident's sign-up or a vendor's stall, with the QR
code a steward scans and the code in ABCD-EFGH form; an SVG of the QR and a one-page PDF to print."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse

from taizhang.core.http import PDF, download
from taizhang.core.rules import mask_phone
from taizhang.documents.pdf import render_pdf
from taizhang.events import selectors_checkin, tickets
from taizhang.events.models import VendorApplication
from taizhang.events.rules import codes, places
from taizhang.events.views.private import private


def _signup_context(signup) -> dict:
    shows_qr = tickets.signup_shows_qr(signup)
    session = signup.session
    return {
        "kind": "signup",
        "event": signup.event,
        "record": signup,
        "holder": signup.team_name or signup.name,
        "contact": signup.name if signup.team_name else "",
        "phone": mask_phone(signup.phone),
        "what": session.name,
        "day": session.day or signup.event.starts_on,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "place": session.place or signup.event.place,
        "state": signup.get_state_display(),
        "cancelled": signup.state == places.CANCELLED,
        "shows_qr": shows_qr,
        "code": codes.shown(signup.code),
        "checked_in_at": signup.checked_in_at,
    }


def _vendor_context(vendor) -> dict:
    event = vendor.event
    return {
        "kind": "vendor",
        "event": event,
        "record": vendor,
        "holder": vendor.holder,
        "contact": "",
        "phone": mask_phone(vendor.phone),
        "what": f"农产品展销 · 摊位 {vendor.stall.number}" if vendor.stall else "农产品展销",
        "stall": vendor.stall,
        "day": event.starts_on,
        "place": (vendor.stall.area if vendor.stall and vendor.stall.area else event.place),
        "state": vendor.get_state_display(),
        "cancelled": vendor.state in ("rejected", "withdrawn"),
        "shows_qr": tickets.vendor_shows_qr(vendor),
        "code": codes.shown(vendor.code),
        "checked_in_at": vendor.checked_in_at,
    }


def _context(record) -> dict:
    return _vendor_context(record) if isinstance(record, VendorApplication) else _signup_context(record)


def _page(request, record, name: str, token: str) -> HttpResponse:
    links = {
        "qr_url": reverse(f"events_public:{name}_qr", args=[token]),
        "pdf_url": reverse(f"events_public:{name}_pdf", args=[token]),
    }
    return private(render(request, "events/checkin_ticket.html", {**_context(record), **links}))


def _qr(request, record) -> HttpResponse:
    if not _context(record)["shows_qr"]:
        raise Http404("该票没有二维码")
    svg = tickets.qr_svg(tickets.scan_url(request, record.event_id, record.code))
    return private(HttpResponse(svg, content_type="image/svg+xml"))


def _pdf(request, record) -> HttpResponse:
    context = _context(record)
    qr = tickets.qr_data_uri(tickets.scan_url(request, record.event_id, record.code)) if context["shows_qr"] else ""
    html = render_to_string("events/checkin_ticket_pdf.html", {**context, "qr": qr})
    pdf = render_pdf(html, base_url=request.build_absolute_uri("/"))
    return private(download(pdf, f"{context['event'].name}-{context['holder']}-入场凭证.pdf", PDF))


def signup_ticket(request: HttpRequest, signup_token: str) -> HttpResponse:
    return _page(request, selectors_checkin.signup_by_token_or_404(signup_token), "ticket", signup_token)


def signup_ticket_qr(request: HttpRequest, signup_token: str) -> HttpResponse:
    return _qr(request, selectors_checkin.signup_by_token_or_404(signup_token))


def signup_ticket_pdf(request: HttpRequest, signup_token: str) -> HttpResponse:
    return _pdf(request, selectors_checkin.signup_by_token_or_404(signup_token))


def vendor_ticket(request: HttpRequest, vendor_token: str) -> HttpResponse:
    return _page(request, selectors_checkin.vendor_by_token_or_404(vendor_token), "vendor_ticket", vendor_token)


def vendor_ticket_qr(request: HttpRequest, vendor_token: str) -> HttpResponse:
    return _qr(request, selectors_checkin.vendor_by_token_or_404(vendor_token))


def vendor_ticket_pdf(request: HttpRequest, vendor_token: str) -> HttpResponse:
    return _pdf(request, selectors_checkin.vendor_by_token_or_404(vendor_token))
