"""The module's to-dos in the inbox (contract: taizhang.hub.tasks): the overdue notes, for whoever sees them (a unit
admin: the unit's; a village worker: the village's), as the worker's own tasks. One query, whatever their number."""

from __future__ import annotations

from django.urls import reverse

from taizhang.hub.tasks import Audience, Task
from tests.example_module import selectors


def overdue_notes(audience: Audience, *, limit: int | None = None) -> list[Task]:
    notes = selectors.overdue(selectors.note_list(audience.user), audience.today)
    if limit is not None:
        notes = notes[:limit]
    url = reverse("example:note_list") + "?open=on"
    return [
        Task(
            title=f"办结民情：{note.title}",
            subject=f"户 {note.household.household_no}",
            url=url,
            due=note.due_on,
            user_id=audience.user_id,
        )
        for note in notes
    ]
