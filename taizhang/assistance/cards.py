"""Reads for the helper's home page: their household cards for the month — visits still due, and what a helper needs
at the door (the address, the household's phone to call) — most due first, found by a search. At most three queries more
than the month's compliance, whatever the number of households."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from taizhang.assistance import rules, selectors
from taizhang.assistance.models import HelperAssignment
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.core.rules import mask_phone
from taizhang.org.policies import can_see_full_identity
from taizhang.registry.models import Household, Person


@dataclass
class HouseholdCard:
    household: selectors.HouseholdCompliance
    address: str
    phone: str  # as the reader may see it: whole, or masked
    callable: bool  # the whole number is shown, so the phone can dial it

    @property
    def due(self) -> int:
        return self.household.result.missing


@dataclass
class HelperCards:
    month: rules.Month
    days_left: int
    cards: list[HouseholdCard]
    total: int  # the helper's households this month, found by the search or not


def helper_cards(user, month: rules.Month, *, query: str = "", today: date | None = None) -> HelperCards:
    today = today or clock.today()
    mine = selectors.my_households(user, month)
    assisted_ids = [h.assisted_id for h in mine.households]
    household_ids = [h.household_id for h in mine.households]
    facts = {row["id"]: row for row in Household.objects.filter(pk__in=household_ids).values("id", "address", "phone")}
    # The household's helper today sees the number whole; after a reassignment in the month, the card stays (its
    # visits still count) but the phone is the new helper's to call.
    helping = set(
        HelperAssignment.objects.filter(helper=user, assisted_id__in=assisted_ids, start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .values_list("assisted_id", flat=True)
    )
    members: dict[int, list[tuple[str, str]]] = defaultdict(list)
    if query.strip():
        for household_id, name, initials in Person.objects.filter(
            household_id__in=household_ids, status=RecordStatus.ACTIVE
        ).values_list("household_id", "name", "name_initials"):
            members[household_id].append((name, initials))
    full = can_see_full_identity(user)
    cards = []
    for household in mine.households:
        address, phone = facts[household.household_id]["address"], facts[household.household_id]["phone"]
        found = rules.card_matches(
            query,
            household_no=household.household_no,
            address=address,
            names=[household.head] + [name for name, _ in members[household.household_id]],
            initials=[initials for _, initials in members[household.household_id]],
        )
        if found:
            whole = full or household.assisted_id in helping
            cards.append(
                HouseholdCard(household, address, phone if whole else mask_phone(phone), whole and bool(phone))
            )
    cards.sort(key=lambda c: (-c.due, c.household.household_no))  # the most visits still due first
    return HelperCards(month, mine.days_left, cards, len(mine.households))
