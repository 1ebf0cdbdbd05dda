"""The people module's part of the kernel's staff file (人员档案, `Section("staff", …)`): the current post, the
contracts over the years and the assessment results, as the viewer may read them (the person, or those who read
everyone's records). Each part is one table; another area adds its own (pay, decisions) by appending to PARTS."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string

from taizhang.people import selectors
from taizhang.people.models import Contract, Result


@dataclass(frozen=True)
class Part:
    title: str
    template: str
    rows: Callable  # (viewer, person) -> list


def _contracts(viewer, person) -> list:
    found = selectors.own_or_everyone(Contract.objects.filter(user_id=person.pk), viewer)
    return list(found.select_related("post", "department").order_by("-starts_on", "-id"))


def _results(viewer, person) -> list:
    found = selectors.own_or_everyone(Result.objects.filter(user_id=person.pk), viewer)
    return list(found.select_related("cycle").order_by("-cycle__starts_on", "-id"))


PARTS: list[Part] = [
    Part("聘任合同", "people/_staff_contracts.html", _contracts),
    Part("考核结果", "people/_staff_results.html", _results),
]


def staff_section(person, viewer) -> str:
    if not (selectors.policies.reads_everyone(viewer) or viewer.pk == person.pk):
        return ""
    parts = [{"title": part.title, "template": part.template, "rows": part.rows(viewer, person)} for part in PARTS]
    if not any(part["rows"] for part in parts):
        return ""
    current = next((c for c in parts[0]["rows"] if c.status == Contract.Status.ACTIVE), None)
    return render_to_string("people/_staff_section.html", {"parts": parts, "current": current, "person": person})
