"""The household import's first phase: every row of the file read, validated and grouped into households, every
error reported with its row, column, value and reason (nothing is written here)."""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from operator import call

from taizhang.core import clock
from taizhang.core.rules import InvalidValue, normalize_phone
from taizhang.documents.importing import ImportReport
from taizhang.documents.tabular import RowError
from taizhang.org.models import OrgNode
from taizhang.registry import fields as F
from taizhang.registry.models import HEAD_RELATION
from taizhang.registry.rules import (
    normalize_bank_account,
    normalize_id_number,
)

# Person fields an import may set: file column → model attribute.
PERSON_COLUMNS = {
    "姓名": "name",
    "与户主关系": "relation",
    "联系电话": "phone",
    "在校生": "is_student",
    "残疾类别": "disability_category",
    "残疾等级": "disability_grade",
    "就业状态": "employment",
}
HOUSEHOLD_COLUMNS = {
    "村居": "community_id",
    "地址": "address",
    "联系电话": "phone",
    "开户银行": "bank_name",
    "银行账号": "bank_account",
}


@dataclass(slots=True)
class PersonRow:
    row: int
    household_no: str
    id_number: str
    values: dict


@dataclass(slots=True)
class HouseholdRow:
    row: int
    values: dict
    persons: list[PersonRow] = field(default_factory=list)
    # The household's cells (村居, 地址, 开户银行, 银行账号) on the last row merged without a disagreement: most
    # members repeat them, and a row that repeats them has nothing to merge.
    cells: tuple = ()


# The columns in three kinds, for the row loop (a town's file has 150,000 rows, 2 million cells):
HOUSEHOLD_CELLS = [
    "户编号",
    "村居",
    "地址",
    "开户银行",
    "银行账号",
]  # the same on each member's row: parsed once a household
PERSON_WORDS = ["与户主关系", "在校生", "残疾类别", "残疾等级", "就业状态"]  # a few words: each parsed once per file
PERSON_TEXTS = ["姓名", "身份证号", "联系电话"]  # different on every row


def parse_rows(table, index: dict[str, int], unit: OrgNode, report: ImportReport, sink=None) -> dict[str, HouseholdRow]:
    """The file's rows, validated and grouped by 户编号; every problem reported, per row in column order.

    The parsers are pure, so the loop parses a row's household cells only when they differ from those of the rows
    just above (the members of a household are written one under the other), looks a word up among those its
    column has already parsed, and calls the parsers of the other cells in one go; a row is taken apart cell by cell
    only when a parser refuses something."""
    communities = dict(
        OrgNode.objects.filter(unit=unit, kind=OrgNode.Kind.COMMUNITY, is_active=True).values_list("name", "id")
    )
    parsers = _cell_parsers(clock.today())
    household_columns = [column for column in HOUSEHOLD_CELLS if column in index]
    word_columns = [column for column in PERSON_WORDS if column in index]
    text_columns = [column for column in PERSON_TEXTS if column in index]
    pick_household, pick_words, pick_texts = (
        _picker([index[column] for column in columns]) for columns in (household_columns, word_columns, text_columns)
    )
    household_parsers = [parsers[column] for column in household_columns]
    text_parsers = [parsers[column] for column in text_columns]
    # Per word column, the value of each text (or empty) cell seen so far; other types are not remembered, so True
    # and 1 never share a result.
    remembered: list[dict] = [{} for _ in word_columns]
    lookups = [results.get for results in remembered]
    # Where each column's value is in a row's values: household cells, words, texts, then None for absent columns.
    at = {column: n for n, column in enumerate(household_columns + word_columns + text_columns)}
    order = {column: n for n, column in enumerate(F.ALL_COLUMNS)}
    absent = -1
    i_no, i_community, i_address, i_bank, i_account, i_id, i_grade, i_category, i_relation, i_phone = (
        at.get(column, absent)
        for column in [*HOUSEHOLD_CELLS, "身份证号", "残疾等级", "残疾类别", "与户主关系", "联系电话"]
    )
    person_attrs = [attr for column, attr in PERSON_COLUMNS.items() if column in index]
    pick_person = _picker([at[column] for column in PERSON_COLUMNS if column in index])
    households: dict[str, HouseholdRow] = {}
    seen_ids: dict[str, int] = {}
    rows = 0
    # The household cells of the last few rows, parsed: a head's row and its members' often differ (the bank account
    # written on the head's row only).
    parsed_cells: dict[tuple, list] = {}
    for row_no, cells in table.rows:
        rows += 1
        problems: list[RowError] = []
        raws = pick_household(cells)
        values = parsed_cells.get(raws)
        if values is None:
            values = [
                _parse_cell(*cell, row_no, problems)
                for cell in zip(household_parsers, raws, household_columns, strict=True)
            ]
            if not problems:  # a refused cell is reported on each row that has it
                if len(parsed_cells) >= 8:
                    parsed_cells.clear()
                parsed_cells[raws] = values
        values = values.copy()
        raws = pick_words(cells)
        words = [lookup(raw, _NEW) for lookup, raw in zip(lookups, raws, strict=True)]
        if _NEW in words:
            for i, word in enumerate(words):
                if word is _NEW:
                    words[i] = _parse_cell(parsers[word_columns[i]], raws[i], word_columns[i], row_no, problems)
                    if words[i] is not None and (raws[i] is None or type(raws[i]) is str):
                        remembered[i][raws[i]] = words[i]
        values += words
        raws = pick_texts(cells)
        try:
            values += list(map(call, text_parsers, raws))
        except InvalidValue:
            values += [
                _parse_cell(*cell, row_no, problems) for cell in zip(text_parsers, raws, text_columns, strict=True)
            ]
        values.append(None)  # what an absent column reads as
        if problems:
            problems.sort(key=lambda problem: order[problem.column])

        no, community_name, address, id_number = values[i_no], values[i_community], values[i_address], values[i_id]
        community_id = communities.get(community_name) if community_name else None
        if community_name and community_id is None:
            known = "、".join(sorted(communities)) or "（本单位还没有村居）"
            problems.append(RowError(row_no, "村居", community_name, f"村居不在本单位，可选：{known}"))
        if values[i_grade] and not values[i_category]:
            problems.append(RowError(row_no, "残疾等级", values[i_grade], "填写了残疾等级，但没有填写残疾类别"))
        bank_name, bank_account = values[i_bank], values[i_account]
        if bank_account and not bank_name:
            problems.append(RowError(row_no, "开户银行", None, "填写了银行账号，但没有填写开户银行"))
        if id_number:
            first = seen_ids.setdefault(id_number, row_no)
            if first != row_no:
                problems.append(RowError(row_no, "身份证号", id_number, f"与第{first}行的身份证号重复"))
        if problems:
            for problem in problems:
                report.add(problem)
            continue

        household_cells = (community_id, address, bank_name, bank_account)
        household = households.get(no)
        if household is None:
            hh_values = {"community_id": community_id, "address": address}
            if bank_name is not None:
                hh_values["bank_name"] = bank_name
            if bank_account is not None:
                hh_values["bank_account"] = bank_account
            household = households[no] = HouseholdRow(row=row_no, values=hh_values, cells=household_cells)
        elif household_cells != household.cells:
            _merge_household(household, household_cells, row_no, community_name, report)
        person = dict(zip(person_attrs, pick_person(values), strict=True))
        household.persons.append(PersonRow(row_no, no, id_number, person))
        if report.keeps:
            report.keep(row_no, {column: values[n] for column, n in at.items()})
        if values[i_relation] == HEAD_RELATION and values[i_phone]:
            household.values["phone"] = values[i_phone]
    report.rows += rows
    return households


_NEW = object()  # a word its column has not parsed yet


def _picker(positions: list[int]):
    """A function from a row to the tuple of its cells at `positions` (itemgetter gives a bare cell for one)."""
    if len(positions) > 1:
        return operator.itemgetter(*positions)
    return lambda row: tuple(row[position] for position in positions)


def _parse_cell(parser, raw, column: str, row_no: int, problems: list[RowError]):
    """One cell's value, or None with the problem added when the parser refuses it."""
    try:
        return parser(raw)
    except InvalidValue as exc:
        problems.append(RowError(row_no, column, raw, exc.message))
        return None


def _cell_parsers(today) -> dict:
    """File column → function from the raw cell to the stored value (raising InvalidValue)."""
    return {
        "户编号": F.household_no,
        "村居": lambda v: F.required_text(v, "村居", 64),
        "地址": lambda v: F.required_text(v, "地址", 200),
        "姓名": F.person_name,
        "身份证号": lambda v: normalize_id_number(v, today=today),
        "与户主关系": F.relation,
        "联系电话": lambda v: normalize_phone(v) if F.text(v) else "",
        "开户银行": F.text,
        "银行账号": lambda v: normalize_bank_account(v) if F.text(v) else "",
        "在校生": lambda v: F.yes_no(v, "在校生"),
        "残疾类别": F.disability_category,
        "残疾等级": F.disability_grade,
        "就业状态": F.employment,
    }


def _merge_household(household: HouseholdRow, cells: tuple, row_no: int, community_name: str, report: ImportReport):
    community_id, address, bank_name, bank_account = cells
    errors = report.error_count
    for key, value, label, shown in (
        ("community_id", community_id, "村居", community_name),
        ("address", address, "地址", address),
    ):
        if value != household.values[key]:
            report.add(RowError(row_no, label, shown, f"同一户（首行为第{household.row}行）的{label}不一致"))
    for key, new, label in (("bank_name", bank_name, "开户银行"), ("bank_account", bank_account, "银行账号")):
        if not new:
            continue
        old = household.values.get(key)
        if old and old != new:
            report.add(RowError(row_no, label, new, f"同一户（首行为第{household.row}行）的{label}不一致"))
        else:
            household.values[key] = new
    if report.error_count == errors:  # a row that disagreed is compared again when the next one repeats it
        household.cells = cells
