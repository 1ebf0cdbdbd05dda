from django import template

from taizhang.renewal.navigation import project_tabs
from taizhang.renewal.rules import money_text

register = template.Library()


@register.inclusion_tag("renewal/_tabs.html")
def renewal_tabs(project, active: str = ""):
    return {"project": project, "tabs": project_tabs(project, active)}


@register.filter
def yuan(value) -> str:
    """An amount as printed: 1,234.50."""
    return "" if value is None else money_text(value)
