from django import template

from taizhang.renewal.navigation import project_tabs

register = template.Library()


@register.inclusion_tag("renewal/_tabs.html")
def renewal_tabs(project, active: str = ""):
    return {"project": project, "tabs": project_tabs(project, active)}
