"""What every long list shares: its GET filters read through a form (search, 村居, group and the list's own), one
page at a time with a page jump that keeps the filters, "not yet done" chips one click away, and the rows alone
when htmx asks for them (the filter form swaps only the rows).

The templates are `_list_filters.html` (the form and its chips) and `_pagination.html` (the pages and the jump);
a list page includes both around its `_rows` partial."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django import forms
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

# Twenty rows fill about two phone screens when stacked; more makes the page jump the only way to move.
PAGE_SIZE = 20
# Parameters a link to another page of the list never carries.
NOT_KEPT = ("page", "format")


class ListFilterForm(forms.Form):
    """The filters every long list has: a search box, the 村居, the module's group, the page. A list adds its own
    fields by subclassing; choices come from the caller, who knows the user's scope. What the form refuses (a 村居
    outside the choices, a page that is not a number) is left out of `filters()` rather than failing the page."""

    q = forms.CharField(label="搜索", required=False, max_length=40)
    community = forms.TypedChoiceField(label="村居", required=False, coerce=int, empty_value=None)
    group = forms.TypedChoiceField(label="工作组", required=False, coerce=int, empty_value=None)
    page = forms.IntegerField(required=False, min_value=1)

    placeholder = "姓名 / 户编号 / 地址"

    def __init__(
        self,
        data=None,
        *,
        communities: Iterable = (),
        groups: Iterable | None = None,
        group_label: str = "工作组",
        placeholder: str = "",
        **kwargs,
    ):
        super().__init__(data, **kwargs)
        self.fields["q"].widget = forms.TextInput(
            attrs={"type": "search", "placeholder": placeholder or self.placeholder, "aria-label": "搜索"}
        )
        communities = _choices(communities)
        if len(communities) > 1:
            self.fields["community"].choices = [("", "全部村居"), *communities]
            self.fields["community"].widget.attrs["aria-label"] = "村居"
        else:  # one 村居 (a village's staff): nothing to choose
            del self.fields["community"]
        if groups is None:
            del self.fields["group"]
        else:
            field = self.fields["group"]
            field.label = group_label
            field.choices = [("", f"全部{group_label}"), *_choices(groups)]
            field.widget.attrs["aria-label"] = group_label

    def filters(self) -> dict:
        """The valid filters; one absent or refused has its field's empty value ("" for text, None, False)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data[name] if name in data else field.clean("") for name, field in self.fields.items()}


def _choices(items: Iterable) -> list[tuple[int, str]]:
    return [item if isinstance(item, tuple) else (item.pk, item.name) for item in items]


@dataclass
class Chip:
    """A one-click filter such as 院落未测量 or 本月未达标: its link sets the parameters on top of the list's
    current query (and back to page 1); active when the query already has them, and then its link takes them off."""

    label: str
    query: str
    active: bool
    count: int | str | None = None


def chip(get: QueryDict, label: str, *, count: int | str | None = None, **params: str) -> Chip:
    query = kept_query(get)
    active = all(query.get(k) == str(v) for k, v in params.items())
    for key, value in params.items():
        if active:
            query.pop(key, None)
        else:
            query[key] = str(value)
    return Chip(label, query.urlencode(), active, count)


def kept_query(get: QueryDict) -> QueryDict:
    """The list's query without the page (and a download format): what a link to another page keeps."""
    query = get.copy()
    for key in NOT_KEPT:
        query.pop(key, None)
    return query


def paginate(request: HttpRequest, items, *, per_page: int = PAGE_SIZE) -> Page:
    """The page the GET asks for; a number past the end gives the last page, anything else the first."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def list_response(request: HttpRequest, template: str, rows_template: str, context: dict) -> HttpResponse:
    """The whole page, or only its rows when the filter form asks through htmx."""
    return render(request, rows_template if getattr(request, "htmx", False) else template, context)
