"""The event page's planning card reads its figures through this tag, so the event's view need not know the card."""

from django import template

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
    }
