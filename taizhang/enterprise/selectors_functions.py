"""Reads of the handed functions and their supervision notes, for both sides of the handover.

A function and its notes belong to the street that owes them (`unit`, the distribution key), so the ordinary scope
(`visible_to`) already gives the street's own users, and district roles, what they must see. The zone that handed
them is not their unit: its users read them through `handed_by` — the records whose `handed_by` is the user's own
unit, and nothing else. Both halves are ORed into one WHERE clause:

    visible(user) = unit ∈ scope(user)  OR  handed_by = user.unit

so a street never sees another street's functions (neither half admits them), a zone sees exactly what it handed
(to whichever street), and a unit that neither received nor handed a function sees none. Every page, export, API
route and the inbox reads through `functions_for` / `notes_for`; `*_or_404` answer 404 outside them."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from taizhang.enterprise.models import Enterprise, FunctionNote, HandedFunction
from taizhang.enterprise.rules import functions as rules
from taizhang.org.models import OrgNode
from taizhang.org.scoping import once_per_request


def _visible(model, user) -> QuerySet:
    own = model.objects.visible_to(user)
    unit_id = getattr(user, "unit_id", None) if getattr(user, "is_authenticated", False) else None
    if not unit_id:
        return own
    return own | model.objects.filter(handed_by_id=unit_id)


def functions_for(user, *, withdrawn: bool = False) -> QuerySet[HandedFunction]:
    found = _visible(HandedFunction, user)
    return found.filter(withdrawn_on__isnull=not withdrawn)


def notes_for(user) -> QuerySet[FunctionNote]:
    return _visible(FunctionNote, user)


def overdue_notes(today: date) -> Q:
    return Q(closed_on__isnull=True, deadline__lt=today)


def function_list(
    user, *, today: date, q: str = "", street: int | None = None, state: str = "", overdue: bool = False
) -> QuerySet[HandedFunction]:
    """The functions in the user's view, filtered; `state` "withdrawn" lists the withdrawn handovers instead."""
    found = functions_for(user, withdrawn=state == "withdrawn").select_related("unit", "handed_by")
    if q:
        found = found.filter(Q(name__icontains=q) | Q(category__icontains=q) | Q(basis__icontains=q))
    if street:
        found = found.filter(unit_id=street)
    if state in rules.INDEX:
        found = found.filter(state=state)
    late = FunctionNote.objects.filter(overdue_notes(today), function_id=OuterRef("pk"))
    found = found.annotate(
        open_notes=Count("notes", filter=Q(notes__closed_on__isnull=True)),
        late_notes=Count("notes", filter=Q(notes__closed_on__isnull=True, notes__deadline__lt=today)),
    )
    if overdue:
        found = found.filter(Exists(late))
    return found.order_by("handed_by_id", "number", "unit__path", "id")


def streets(user) -> list[OrgNode]:
    """The streets the user's functions are with (the list's street filter)."""

    def compute(user):
        ids = functions_for(user).order_by().values_list("unit_id", flat=True).distinct()
        return list(OrgNode.objects.filter(pk__in=ids).order_by("path"))

    return once_per_request(user, "_taizhang_function_streets", compute)


def _menu_facts(user) -> tuple[bool, bool]:
    """(the user's unit received functions, the unit keeps an enterprise register or hands functions) in one query,
    once per request: the two menu entries read it on every page."""

    def compute(user):
        if not user.unit_id:
            return False, True
        facts = (
            OrgNode.objects.filter(pk=user.unit_id)
            .annotate(
                receives=Exists(HandedFunction.objects.filter(unit_id=user.unit_id)),
                registers=Exists(Enterprise.objects.filter(unit_id=user.unit_id)),
                hands=Exists(HandedFunction.objects.filter(handed_by_id=user.unit_id)),
            )
            .values_list("receives", "registers", "hands")
            .first()
        )
        if facts is None:
            return False, True
        receives, registers, hands = facts
        return bool(receives), bool(registers or hands)

    return once_per_request(user, "_taizhang_enterprise_menu", compute)


def receives_functions(user) -> bool:
    """The menu entry 移交职能: for the streets that carry a zone's functions (the zone reaches them from its home)."""
    return _menu_facts(user)[0]


def runs_services(user) -> bool:
    """The menu entry 企业服务: for every user of the module but a street that only carries handed functions."""
    receives, works = _menu_facts(user)
    return works or not receives


def overview(user, *, today: date) -> list[dict]:
    """Per street: how many functions in each state, the open and the overdue supervision notes. Three queries."""
    by_street: dict[int, dict] = defaultdict(lambda: {"states": dict.fromkeys(rules.CODES, 0), "open": 0, "late": 0})
    counted = functions_for(user).order_by().values_list("unit_id", "state").annotate(n=Count("id"))
    for unit_id, state, n in counted:
        by_street[unit_id]["states"][state] = n
    notes = (
        notes_for(user)
        .filter(closed_on__isnull=True, function__withdrawn_on__isnull=True)
        .order_by()
        .values_list("unit_id")
        .annotate(open=Count("id"), late=Count("id", filter=Q(deadline__lt=today)))
    )
    for unit_id, open_, late in notes:
        by_street[unit_id]["open"], by_street[unit_id]["late"] = open_, late
    names = dict(OrgNode.objects.filter(pk__in=list(by_street)).values_list("pk", "name"))
    rows = []
    for unit_id, figures in sorted(by_street.items(), key=lambda item: names.get(item[0], "")):
        states = [(code, label, figures["states"][code]) for code, label in rules.STATES]
        rows.append(
            {
                "unit_id": unit_id,
                "name": names.get(unit_id, ""),
                "states": states,
                "total": sum(n for _, _, n in states),
                "open": figures["open"],
                "late": figures["late"],
            }
        )
    return rows


def function_or_404(user, function_id: int) -> HandedFunction:
    try:
        return _visible(HandedFunction, user).select_related("unit", "handed_by").get(pk=function_id)
    except HandedFunction.DoesNotExist:
        raise Http404("没有找到该记录，或您无权查看。")


def note_or_404(user, note_id: int) -> FunctionNote:
    try:
        return notes_for(user).select_related("unit", "function").get(pk=note_id)
    except FunctionNote.DoesNotExist:
        raise Http404("没有找到该记录，或您无权查看。")


def note_list(user, *, today: date, status: str = "", street: int | None = None) -> QuerySet[FunctionNote]:
    """The supervision notes in the user's view: "open" (not closed), "late" (overdue), "answered" (waiting to be
    closed) or "closed"."""
    found = notes_for(user).filter(function__withdrawn_on__isnull=True).select_related("unit", "function")
    if street:
        found = found.filter(unit_id=street)
    if status == "open":
        found = found.filter(closed_on__isnull=True)
    elif status == "late":
        found = found.filter(overdue_notes(today))
    elif status == "answered":
        found = found.filter(closed_on__isnull=True, answered_on__isnull=False)
    elif status == "closed":
        found = found.filter(closed_on__isnull=False)
    return found.order_by("closed_on", "deadline", "id")
