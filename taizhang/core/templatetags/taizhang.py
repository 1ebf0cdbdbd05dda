import re

from django import template
from django.http import QueryDict

from taizhang.core.listing import kept_query
from taizhang.core.rules import mask_bank_account, mask_id_number

register = template.Library()
ID_LIKE = re.compile(r"\b(\d{6})\d{8}(\d{3}[\dX])\b")
ACCOUNT_LIKE = re.compile(r"\b\d{12,30}\b")  # bank card and account numbers (phones have 11 digits)


@register.filter
def id_shown(value: str, full: bool) -> str:
    return value if full or not value else mask_id_number(value)


@register.filter
def account_shown(value: str, full: bool) -> str:
    return value if full or not value else mask_bank_account(value)


@register.filter
def mask_ids_in(value, full: bool):
    """Audit values may contain ID and bank account numbers; mask them for roles that may not see them in full."""
    if value is None:
        return "—"
    text = str(value)
    if text in ("True", "False"):
        return "是" if text == "True" else "否"
    if full:
        return text
    return ACCOUNT_LIKE.sub(lambda m: mask_bank_account(m.group()), ID_LIKE.sub(r"\1********\2", text))


def _list_query(context) -> str:
    """The list's filters for links to its other pages: the view's `querystring`, else the request's own query."""
    if "querystring" in context:
        return context["querystring"]
    request = context.get("request")
    return kept_query(request.GET).urlencode() if request is not None else ""


@register.simple_tag(takes_context=True)
def page_url(context, page_number):
    query = _list_query(context)
    return f"?{query}&page={page_number}" if query else f"?page={page_number}"


@register.simple_tag(takes_context=True)
def kept_params(context) -> list[tuple[str, str]]:
    """The list's filters as (name, value) pairs: hidden fields of the page-jump form, which sets only the page."""
    return [(name, value) for name, values in QueryDict(_list_query(context)).lists() for value in values]


@register.simple_tag(takes_context=True)
def download_query(context, file_format: str) -> str:
    """The list's filters with the download format: the file holds every row the filters find, not one page."""
    query = _list_query(context)
    return f"{query}&format={file_format}" if query else f"format={file_format}"


@register.filter
def bs(field):
    """Render a form field's widget with Bootstrap classes and its error state."""
    widget = field.field.widget
    css = (
        "form-select"
        if getattr(widget, "input_type", "") == "select" or widget.__class__.__name__.endswith("Select")
        else "form-control"
    )
    if field.errors:
        css += " is-invalid"
    return field.as_widget(attrs={"class": css})
