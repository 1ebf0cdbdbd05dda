"""The helper's household cards: which of them a search finds. No Django here."""

from __future__ import annotations

import re
from collections.abc import Iterable

_INITIALS = re.compile(r"[a-z]+")


def card_matches(query: str, *, household_no: str, address: str, names: Iterable[str], initials: Iterable[str]) -> bool:
    """Whether a card answers the search box: part of the 户编号 or the address, part of a member's name, or the start
    of a member's pinyin initials (zs → 张三). Spaces and letter case do not matter; an empty search finds every card."""
    q = "".join(query.split()).lower()
    if not q:
        return True
    if q in household_no.lower() or q in "".join(address.split()).lower() or any(q in name for name in names):
        return True
    return bool(_INITIALS.fullmatch(q)) and any(i.startswith(q) for i in initials)
