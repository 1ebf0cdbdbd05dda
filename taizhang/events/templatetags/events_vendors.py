"""The event page's exhibition-sale card reads its figures here, so the page's view needs no change per area."""

from django import template

from taizhang.events import selectors_vendors

register = template.Library()


@register.simple_tag
def vendor_figures(event) -> dict:
    return selectors_vendors.vendor_figures(event)
