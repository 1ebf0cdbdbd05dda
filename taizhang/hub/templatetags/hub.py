from django import template

from taizhang.hub.navigation import module_menu, permissions

register = template.Library()


@register.simple_tag(takes_context=True)
def module_nav(context):
    return module_menu(context["request"].user)


@register.simple_tag(takes_context=True)
def nav_permissions(context):
    return permissions(context["request"].user)
