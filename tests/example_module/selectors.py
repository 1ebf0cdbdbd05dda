"""Scoped reads the page, the API, the household section, the metric and the task kind share."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from taizhang.org.scoping import get_visible_or_404
from tests.example_module.models import Note


def note_list(user, *, open_only: bool = False) -> QuerySet[Note]:
    notes = Note.objects.visible_to(user).select_related("household", "community").order_by("due_on", "pk")
    return notes.filter(closed_on__isnull=True) if open_only else notes


def note_or_404(user, note_id: int) -> Note:
    return get_visible_or_404(Note.objects.select_related("household", "community"), user, pk=note_id)


def overdue(notes: QuerySet[Note], today: date) -> QuerySet[Note]:
    """rules.is_overdue in SQL (tests/example_module/test_rules.py checks that both agree)."""
    return notes.filter(closed_on__isnull=True, due_on__lt=today)
