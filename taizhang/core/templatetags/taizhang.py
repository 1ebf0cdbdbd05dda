from django import template
from django.http import QueryDict

from taizhang.core import clock
from taizhang.core.listing import kept_query
from taizhang.core.personal import HIDDEN, Disclosure

register = template.Library()


def _disclosure(personal: Disclosure | bool) -> Disclosure:
    """The page's `personal` (taizhang.org.personal.context); True/False for callers that decided by themselves."""
    if isinstance(personal, Disclosure):
        return personal
    return Disclosure.everything() if personal else Disclosure(frozenset())


@register.filter
def id_shown(value: str, personal: Disclosure | bool) -> str:
    return _disclosure(personal).id_number(value)


@register.filter
def account_shown(value: str, personal: Disclosure | bool) -> str:
    return _disclosure(personal).bank_account(value)


@register.filter
def phone_shown(value: str, personal: Disclosure | bool) -> str:
    return _disclosure(personal).phone(value)


@register.filter
def birth_shown(value, personal: Disclosure | bool) -> str:
    """The birth date, or the age for a user who sees ID numbers masked."""
    return _disclosure(personal).birth(value, clock.today())


@register.filter
def birth_heading(personal: Disclosure | bool) -> str:
    """The heading over `birth_shown`: a user who sees ages reads 年龄."""
    return "出生日期" if _disclosure(personal).birth_date_shown else "年龄"


@register.filter
def mask_ids_in(value, personal: Disclosure | bool):
    """Audit values and import cells may contain ID and bank account numbers: masked for whom the policy says."""
    if value is None:
        return "—"
    text = str(value)
    if text in ("True", "False"):
        return "是" if text == "True" else "否"
    return _disclosure(personal).text(text)


@register.simple_tag
def change_shown(label: str, value, personal: Disclosure | bool) -> str:
    """One value of an audit change as `personal` may read it (a birth date hidden, numbers masked)."""
    personal = _disclosure(personal)
    return HIDDEN if value is not None and personal.hides(label) else mask_ids_in(value, personal)


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
