"""The event page's planning card reads its figures and the public link through this tag, so the event's view (the
lead's page) need not know the card."""

from django import template
from django.urls import reverse

from taizhang.core import clock
from taizhang.events import policies
from taizhang.events.selectors_plan import plan_figures

register = template.Library()


@register.simple_tag(takes_context=True)
def event_plan(context, event) -> dict:
    request = context["request"]
    return {
        "figures": plan_figures(event, clock.today()),
        "plans": policies.can_plan(request.user, event.unit_id),
        "link": request.build_absolute_uri(reverse("events_public:event", args=[event.public_key])),
    }
