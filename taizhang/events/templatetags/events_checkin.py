"""The check-in card on the event's page reads its figures itself, so the event's view stays the same."""

from django import template

from taizhang.events import selectors_checkin

register = template.Library()


@register.simple_tag
def checkin_figures(event):
    return selectors_checkin.figures(event)
