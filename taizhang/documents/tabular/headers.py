"""Header matching: the required and optional columns found whatever their spaces, stars and parentheses."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# ---------------------------------------------------------------------------
# Header matching
# ---------------------------------------------------------------------------

_HEADER_TRANSLATION = str.maketrans({"（": "(", "）": ")", "＊": "*"})
_WHITESPACE_RE = re.compile(r"\s+")


def normalize_header(text: str) -> str:
    """Comparable form of a header cell: no whitespace (incl. U+3000 and line
    breaks), half-width parentheses, no leading/trailing '*' marks."""
    text = _WHITESPACE_RE.sub("", str(text)).translate(_HEADER_TRANSLATION)
    return text.strip("*")


@dataclass
class HeaderMatch:
    index: dict[str, int]  # canonical column name → position in the row
    missing: list[str]  # required columns not found (in the order required)
    unknown: list[str]  # non-blank header cells that are neither required nor optional
    duplicated: list[str]  # recognised columns that appear more than once (canonical names)
    header_row: int = 1

    @property
    def ok(self) -> bool:
        """True when every required column is present exactly once."""
        return not self.missing and not self.duplicated

    def problems(self) -> list[str]:
        """Chinese sentences for the blocking problems (missing / duplicated)."""
        out = []
        if self.missing:
            out.append("缺少必填列：" + "、".join(f"「{c}」" for c in self.missing))
        if self.duplicated:
            out.append("表头中有重复的列：" + "、".join(f"「{c}」" for c in self.duplicated))
        return out


def match_headers(headers: list[str], required: Sequence[str], optional: Sequence[str] = ()) -> HeaderMatch:
    """Locate the expected columns in a header row.

    Comparison ignores whitespace, full-/half-width parentheses and '*'
    required-markers, so '身份证号*', ' 户编号 ' and '联系电话（手机）' match
    '身份证号', '户编号' and '联系电话(手机)'.  The first occurrence wins when a
    column is duplicated.
    """
    canonical: dict[str, str] = {}
    for name in list(required) + list(optional):
        canonical.setdefault(normalize_header(name), name)

    index: dict[str, int] = {}
    unknown: list[str] = []
    duplicated: list[str] = []
    for position, cell in enumerate(headers):
        key = normalize_header(cell or "")
        if not key:
            continue
        name = canonical.get(key)
        if name is None:
            unknown.append(str(cell).strip())
        elif name in index:
            if name not in duplicated:
                duplicated.append(name)
        else:
            index[name] = position
    missing = [name for name in required if name not in index]
    return HeaderMatch(index=index, missing=missing, unknown=unknown, duplicated=duplicated)
