"""Living environment (人居环境): furniture needed, bought and delivered. No Django here."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

FURNITURE = ["床", "榻", "桌", "椅", "柜", "其他"]


HYGIENE_RATINGS = ["好", "较好", "一般", "差"]


@dataclass(frozen=True)
class FurnitureBalance:
    item: str
    needed: int
    bought: int
    delivered: int

    @property
    def owed(self) -> int:
        """Still to be delivered to households."""
        return max(self.needed - self.delivered, 0)

    @property
    def to_buy(self) -> int:
        """Still to be bought (what was delivered from elsewhere, a donation say, needs no buying)."""
        return max(self.needed - max(self.bought, self.delivered), 0)


def furniture_balance(
    needs: Iterable[tuple[str, int, bool]], bought: Iterable[tuple[str, int]]
) -> list[FurnitureBalance]:
    """Per item: (item, quantity, delivered) needs and (item, quantity) purchase lines → needed, bought, delivered."""
    needed, delivered, purchased = defaultdict(int), defaultdict(int), defaultdict(int)
    for item, quantity, done in needs:
        needed[item] += quantity
        if done:
            delivered[item] += quantity
    for item, quantity in bought:
        purchased[item] += quantity
    items = sorted(set(needed) | set(purchased), key=lambda i: (FURNITURE.index(i) if i in FURNITURE else 99, i))
    return [FurnitureBalance(i, needed[i], purchased[i], delivered[i]) for i in items]
