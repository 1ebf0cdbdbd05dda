"""The module's one page: the notes the user may see, with the overdue ones marked."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from taizhang.core import clock
from tests.example_module import rules, selectors
from tests.example_module.forms import NoteFilterForm

PAGE_SIZE = 50


def note_list(request: HttpRequest) -> HttpResponse:
    form = NoteFilterForm(request.GET)
    open_only = form.cleaned_data["open"] if form.is_valid() else False
    page = Paginator(selectors.note_list(request.user, open_only=open_only), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    today = clock.today()
    rows = [(note, rules.is_overdue(due_on=note.due_on, closed_on=note.closed_on, today=today)) for note in page]
    return render(request, "example/note_list.html", {"form": form, "page": page, "rows": rows})
