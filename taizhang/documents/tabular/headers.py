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
    expected columns both claim at the same level means neither.  When a row has a column under several
    texts, the text found earliest in that order names it and the others are unknown columns: a ledger
    with both 联系电话 and 手机号码 has its 联系电话; two texts found at the same level are duplicates.
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

        table: dict[str, tuple[str, int]] = {}  # normalized text → (canonical name or "", rank: lower wins)
        for key, name in (mapping or {}).items():
            if name == "" or name in expected:
                table.setdefault(normalize_header(key), (name, 0))
        for name in req + opt:
            table.setdefault(normalize_header(name), (name, 1))
        for rank, level in ((2, caller), (3, COMMON_SYNONYMS)):
            _add_synonyms(table, {name: level.get(name, ()) for name in expected}, rank)
        for text in IGNORED_HEADERS:
            table.setdefault(text, ("", 4))
        self._table = table

    def _resolve(self, cell: object) -> tuple[str | None, int]:
        key = normalize_header(cell or "")
        if not key:
            return "", 0
        found = self._table.get(key)
        if found is None:
            plain = _TRAILING_NOTE_RE.sub("", key)
            if plain and plain != key and (found := self._table.get(plain)) is not None:
                return found[0], found[1] + _NOTE_RANK
            return None, 0
        return found

    def name_of(self, cell: object) -> str | None:
        """The canonical name a header cell means, "" for a column to ignore, None for an unknown one."""
        return self._resolve(cell)[0]

    def match(self, headers: Sequence[object]) -> HeaderMatch:
        hits: dict[str, list[tuple[int, int]]] = {}  # canonical name → (rank, position) of its cells
        unknown: list[int] = []
        for position, cell in enumerate(headers):
            name, rank = self._resolve(cell)
            if name is None:
                unknown.append(position)
            elif name:
                hits.setdefault(name, []).append((rank, position))
        index: dict[str, int] = {}
        duplicated: list[str] = []
        for name, found in hits.items():
            best = min(rank for rank, _ in found)
            positions = [position for rank, position in found if rank == best]
            index[name] = positions[0]
            if len(positions) > 1:
                duplicated.append(name)
            unknown += [position for rank, position in found if rank != best]
        missing = [name for name in self.required if name not in index]
        return HeaderMatch(
            index=index,
            missing=missing,
            unknown=[str(headers[p]).strip() for p in sorted(unknown)],
            duplicated=duplicated,
        )

    def score(self, match: HeaderMatch) -> int:
        """How well a row matches as a header: every recognised column counts, a required one double."""
        return sum(2 if name in self._required_set else 1 for name in match.index)


_TRAILING_NOTE_RE = re.compile(r"\([^()]*\)$")
_NOTE_RANK = 10  # '联系电话（座机）' names 联系电话 only when no cell says so without a note


def _add_synonyms(table: dict[str, tuple[str, int]], synonyms: Mapping[str, Iterable[str]], rank: int) -> None:
    claims: dict[str, set[str]] = {}
    for name, texts in synonyms.items():
        for text in texts:
            key = normalize_header(text)
            if key and key not in table:
                claims.setdefault(key, set()).add(name)
    for key, names in claims.items():
        if len(names) == 1:
            table[key] = (next(iter(names)), rank)


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
