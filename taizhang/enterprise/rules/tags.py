"""The enterprise tags the zone's policies turn on, as a township types them ("新技术、规上").

四新 is any of the first four: 新技术, 新产业, 新业态, 新模式."""

from __future__ import annotations

import re
from collections.abc import Iterable

# field name on Enterprise → label
TAGS: tuple[tuple[str, str], ...] = (
    ("tag_new_technology", "新技术"),
    ("tag_new_industry", "新产业"),
    ("tag_new_format", "新业态"),
    ("tag_new_model", "新模式"),
    ("tag_high_tech", "高新技术企业"),
    ("tag_above_scale", "规上"),
    ("tag_specialized", "专精特新"),
)
FOUR_NEW = frozenset(field for field, _ in TAGS[:4])
LABELS = dict(TAGS)
# What people also write for a tag.
ALIASES = {
    "高新": "tag_high_tech",
    "高企": "tag_high_tech",
    "规模以上": "tag_above_scale",
    "规上企业": "tag_above_scale",
}
BY_LABEL = {label: field for field, label in TAGS} | ALIASES
SEPARATORS = re.compile(r"[、,，;；/\s]+")


def parse(text: str) -> tuple[frozenset[str], list[str]]:
    """The tag fields named in `text` and the words that name no tag (for the row's error)."""
    fields, unknown = set(), []
    for word in SEPARATORS.split((text or "").strip()):
        if not word:
            continue
        field = BY_LABEL.get(word)
        if field is None:
            unknown.append(word)
        else:
            fields.add(field)
    return frozenset(fields), unknown


def labels(fields: Iterable[str]) -> list[str]:
    """The labels of the tags set, in the table's order."""
    chosen = set(fields)
    return [label for field, label in TAGS if field in chosen]


def is_four_new(fields: Iterable[str]) -> bool:
    return not FOUR_NEW.isdisjoint(fields)
