"""The event's public page (no login): its programme and directions, reached through the event's key while the
event is published."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from taizhang.events import selectors


def event_page(request: HttpRequest, public_key: str) -> HttpResponse:
    event = selectors.published_or_404(public_key)
    sessions = selectors.sessions_with_counts(event)
    context = {
        "event": event,
        "sessions": sessions,
        "has_expo": any(s.kind == "expo" and not event.finished for s in sessions),
    }
    response = render(request, "events/public/event.html", context)
    response["Referrer-Policy"] = "no-referrer"
    return response
