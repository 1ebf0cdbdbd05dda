from django import template

from taizhang.hub.navigation import module_menu, permissions

register = template.Library()


@register.simple_tag(takes_context=True)
def module_nav(context):
    return module_menu(context["request"].user)


@register.simple_tag(takes_context=True)
def nav_permissions(context):
    return permissions(context["request"].user)


@register.simple_tag
def due_badge(task, today):
    """逾期 N 天 / 今天到期 / M月D日前, as a Bootstrap badge (nothing for a task without a due date)."""
    from django.utils.html import format_html

    if task.due is None:
        return ""
    days = (task.due - today).days
    if days < 0:
        return format_html('<span class="badge text-bg-danger">逾期 {} 天</span>', -days)
    if days == 0:
        return format_html('<span class="badge text-bg-warning">今天到期</span>')
    css = "text-bg-warning" if days <= 3 else "text-bg-secondary"
    return format_html('<span class="badge {}">{}月{}日前 · 剩 {} 天</span>', css, task.due.month, task.due.day, days)
