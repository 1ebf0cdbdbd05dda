"""Header matching: the required and optional columns found whatever their spaces, stars, parentheses and
synonyms."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from taizhang.documents.tabular.synonyms import COMMON_SYNONYMS, IGNORED_HEADERS

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


@dataclass(frozen=True)
class Column:
    """A column an import looks for: its canonical name, what else ledgers call it, whether it must be there."""

    name: str
    synonyms: tuple[str, ...] = ()
    required: bool = True


@dataclass
class HeaderMatch:
    index: dict[str, int]  # canonical column name → position in the row
    missing: list[str]  # required columns not found (in the order required)
    unknown: list[str]  # non-blank header cells that are neither required nor optional
    duplicated: list[str]  # recognised columns that appear more than once (canonical names)
    header_row: int = 1

    @property
    def recognised(self) -> int:
        """How many distinct expected columns were found."""
        return len(self.index)

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


ColumnSpec = Sequence["str | Column"]
Synonyms = Mapping[str, Iterable[str]]


def split_columns(columns: Iterable[Column | str]) -> tuple[list[str], list[str], dict[str, tuple[str, ...]]]:
    """(required names, optional names, synonyms) of a list of columns; a plain name is a required column."""
    required: list[str] = []
    optional: list[str] = []
    synonyms: dict[str, tuple[str, ...]] = {}
    for column in columns:
        if isinstance(column, str):
            column = Column(column)
        (required if column.required else optional).append(column.name)
        if column.synonyms:
            synonyms[column.name] = synonyms.get(column.name, ()) + tuple(column.synonyms)
    return required, optional, synonyms


class HeaderLookup:
    """What each header text means for one set of expected columns, built once and asked for many rows.

    A header text is looked up, in this order, in the unit's remembered ``mapping`` (normalized text →
    canonical name, or "" for a column to ignore), the canonical names, the caller's ``synonyms``, the
    common synonyms of :mod:`~taizhang.documents.tabular.synonyms`, then the ignorable headers (序号); a
    text not found is tried again without a trailing note in brackets ("身份证号（18位）").  A synonym two
    expected columns both claim at the same level means neither.
    """

    def __init__(
        self,
        required: ColumnSpec,
        optional: ColumnSpec = (),
        *,
        synonyms: Synonyms | None = None,
        mapping: Mapping[str, str] | None = None,
    ):
        req, opt, own = split_columns(required)
        listed, unlisted, own_optional = split_columns(optional)  # all optional, whatever a Column says
        for name in listed + unlisted:
            if name not in req and name not in opt:
                opt.append(name)
        self.required = req
        self.optional = opt
        self._required_set = frozenset(req)
        expected = set(req) | set(opt)
        caller: dict[str, list[str]] = {}
        for source in (own, own_optional, synonyms or {}):
            for name, texts in source.items():
                caller.setdefault(name, []).extend(texts)

        table: dict[str, str] = {}
        for key, name in (mapping or {}).items():
            if name == "" or name in expected:
                table.setdefault(normalize_header(key), name)
        for name in req + opt:
            table.setdefault(normalize_header(name), name)
        for level in (caller, COMMON_SYNONYMS):
            _add_synonyms(table, {name: level.get(name, ()) for name in expected})
        for text in IGNORED_HEADERS:
            table.setdefault(text, "")
        self._table = table

    def name_of(self, cell: object) -> str | None:
        """The canonical name a header cell means, "" for a column to ignore, None for an unknown one."""
        key = normalize_header(cell or "")
        if not key:
            return ""
        name = self._table.get(key)
        if name is None:
            plain = _TRAILING_NOTE_RE.sub("", key)
            if plain and plain != key:
                name = self._table.get(plain)
        return name

    def match(self, headers: Sequence[object]) -> HeaderMatch:
        index: dict[str, int] = {}
        unknown: list[str] = []
        duplicated: list[str] = []
        for position, cell in enumerate(headers):
            name = self.name_of(cell)
            if name is None:
                unknown.append(str(cell).strip())
            elif not name:
                continue
            elif name in index:
                if name not in duplicated:
                    duplicated.append(name)
            else:
                index[name] = position
        missing = [name for name in self.required if name not in index]
        return HeaderMatch(index=index, missing=missing, unknown=unknown, duplicated=duplicated)

    def score(self, match: HeaderMatch) -> int:
        """How well a row matches as a header: every recognised column counts, a required one double."""
        return sum(2 if name in self._required_set else 1 for name in match.index)


_TRAILING_NOTE_RE = re.compile(r"\([^()]*\)$")


def _add_synonyms(table: dict[str, str], synonyms: Mapping[str, Iterable[str]]) -> None:
    claims: dict[str, set[str]] = {}
    for name, texts in synonyms.items():
        for text in texts:
            key = normalize_header(text)
            if key and key not in table:
                claims.setdefault(key, set()).add(name)
    for key, names in claims.items():
        if len(names) == 1:
            table[key] = next(iter(names))


def match_headers(
    headers: list[str],
    required: ColumnSpec,
    optional: ColumnSpec = (),
    *,
    synonyms: Synonyms | None = None,
    mapping: Mapping[str, str] | None = None,
) -> HeaderMatch:
    """Locate the expected columns in a header row.

    Comparison ignores whitespace, full-/half-width parentheses and '*'
    required-markers, so '身份证号*', ' 户编号 ' and '联系电话（手机）' match
    '身份证号', '户编号' and '联系电话(手机)'; headers are also recognised by
    their synonyms ('公民身份号码' is '身份证号', see :class:`HeaderLookup`).
    ``required`` and ``optional`` hold names or :class:`Column` objects (a
    Column in ``required`` is optional when it says so).  The first occurrence
    wins when a column is duplicated; 序号 is never an unknown column.
    """
    return HeaderLookup(required, optional, synonyms=synonyms, mapping=mapping).match(headers)
