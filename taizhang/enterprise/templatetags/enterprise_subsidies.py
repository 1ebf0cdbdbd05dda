from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def yuan(value) -> str:
    """An amount in 元 with thousands separators and the fen: 637,037.03."""
    if value is None or value == "":
        return "—"
    return f"{Decimal(value):,.2f}"
