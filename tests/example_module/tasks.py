"""The module's to-dos for the inbox (contract: taizhang.hub.tasks): collect(user) -> the user's tasks of this kind.

A task is a plain dict here; the inbox's own type replaces it when taizhang.hub.tasks lands."""

from __future__ import annotations

from django.urls import reverse
from taizhang.core import clock

from tests.example_module import selectors


def overdue_notes(user) -> list[dict]:
    """Each overdue note the user may see (a unit admin: the unit's; a village worker: the village's)."""
    url = reverse("example:note_list") + "?open=on"
    notes = selectors.overdue(selectors.note_list(user), clock.today())
    return [{"kind": "example.overdue_note", "title": f"{note.household.household_no} {note.title}",
             "due_on": note.due_on, "url": url} for note in notes]
