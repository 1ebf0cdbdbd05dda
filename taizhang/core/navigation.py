"""The main menu's slot for modules: each registers its entry in AppConfig.ready(); the kernel imports none.

    register_nav_item(NavItem(key="assistance", label="帮扶", url_name="assistance:index", order=50))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url_name: str
    order: int = 100
    visible: Callable[..., bool] = lambda user: True


_items: dict[str, NavItem] = {}


def register_nav_item(item: NavItem) -> None:
    _items[item.key] = item


def nav_items(user) -> list[dict]:
    return [{"label": item.label, "url": reverse(item.url_name)}
            for item in sorted(_items.values(), key=lambda i: (i.order, i.key)) if item.visible(user)]
