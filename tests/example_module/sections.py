"""The module's part of the 一户一档 page and PDF (named in the manifest; "" hides the section)."""

from django.template.loader import render_to_string

from taizhang.core import clock
from tests.example_module import rules, selectors


def household_section(household, user) -> str:
    notes = list(selectors.note_list(user).filter(household=household)[:20])
    if not notes:
        return ""
    today = clock.today()
    rows = [(note, rules.is_overdue(due_on=note.due_on, closed_on=note.closed_on, today=today)) for note in notes]
    return render_to_string("example/_household_section.html", {"rows": rows})
