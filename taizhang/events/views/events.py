"""The unit's events, and an event's page: its programme with each session's places, and a card per area of the
work (staff and checklist, sign-ups, the exhibition-sale, check-in, the report)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from taizhang.core.listing import list_response, paginate
from taizhang.events import policies, selectors
from taizhang.events.forms import EventFilterForm


def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = EventFilterForm(request.GET)
    filters = form.filters()
    found = selectors.event_list(user, q=filters["q"], when=filters["when"])
    context = {"filter_form": form, "page": paginate(request, found), "plans": policies.can_plan(user)}
    return list_response(request, "events/home.html", "events/event_rows.html", context)


def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_or_404(request.user, event_id)
    context = {
        "event": event,
        "sessions": selectors.sessions_with_counts(event),
        "plans": policies.can_plan(request.user, event.unit_id),
        "works": policies.can_work(request.user, event),
    }
    return render(request, "events/event_detail.html", context)
