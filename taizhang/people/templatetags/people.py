from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def figure(value) -> str:
    """A target or actual as written: 1.14, 96.5, 100 (the field keeps four decimals); "" for none."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value).normalize():f}"
