"""Template filters for the registry's pages and its entries in the audit trail."""

from django import template

from taizhang.core.templatetags.taizhang import change_shown
from taizhang.registry.fields import ALL_COLUMNS

register = template.Library()

_FIELD_RANK = {label: rank for rank, label in enumerate(["户编号", *ALL_COLUMNS, "出生日期", "性别"])}


@register.filter
def change_items(changes: dict) -> list[tuple[str, list]]:
    """An audit entry's changes in reading order (stored JSON has its keys sorted by code point):
    the record's own fields in column order, then each member's ("张三·身份证号"), the head first."""

    def member_rank(name: str) -> tuple:
        relation = changes.get(f"{name}·与户主关系", [None, None])[1]
        return (relation != "户主", name)

    def key(label: str) -> tuple:
        name, _, field = label.rpartition("·")
        return (bool(name), member_rank(name) if name else (), _FIELD_RANK.get(field, len(_FIELD_RANK)), field)

    # An entry about something else than a record (an import batch) holds plain values: shown as new values.
    items = [
        (label, pair if isinstance(pair, list) and len(pair) == 2 else [None, pair]) for label, pair in changes.items()
    ]
    return sorted(items, key=lambda item: key(item[0]))


@register.filter
def change_summary(changes: dict, personal, *, shown: int = 3, width: int = 24) -> str:
    """One line for a printed change summary: the first fields with their new values (as `personal` may read them,
    cut at `width` characters), then how many more ("等 12 项")."""
    items = change_items(changes)
    parts = []
    for label, pair in items[:shown]:
        value = change_shown(label, pair[1], personal)
        parts.append(f"{label}：{value if len(value) <= width else value[: width - 1] + '…'}")
    more = f" 等 {len(items)} 项" if len(items) > shown else ""
    return "；".join(parts) + more
