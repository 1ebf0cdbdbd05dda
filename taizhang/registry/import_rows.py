"""The household import's first phase: every row of the file read, validated and grouped into households, every
error reported with its row, column, value and reason (nothing is written here)."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    rows: list[int] = field(default_factory=list)
    persons: list[PersonRow] = field(default_factory=list)


def parse_rows(table, index: dict[str, int], unit: OrgNode, report: ImportReport) -> dict[str, HouseholdRow]:
    communities = dict(
        OrgNode.objects.filter(unit=unit, kind=OrgNode.Kind.COMMUNITY, is_active=True).values_list("name", "id")
    )
    today = clock.today()
    households: dict[str, HouseholdRow] = {}
    seen_ids: dict[str, int] = {}

    parsers = _cell_parsers(today)
    columns = [(column, index[column], parsers[column]) for column in F.ALL_COLUMNS if column in index]
    for row_no, cells in table.rows:
        report.rows += 1
        problems: list[RowError] = []
        parsed = {}
        for column, position, parser in columns:
            try:
                parsed[column] = parser(cells[position])
            except InvalidValue as exc:
                problems.append(RowError(row_no, column, cells[position], exc.message))
                parsed[column] = None

        no, community_name, address, id_number = parsed["户编号"], parsed["村居"], parsed["地址"], parsed["身份证号"]
        community_id = communities.get(community_name) if community_name else None
        if community_name and community_id is None:
            known = "、".join(sorted(communities)) or "（本单位还没有村居）"
            problems.append(RowError(row_no, "村居", community_name, f"村居不在本单位，可选：{known}"))
        values = {attr: parsed[column] for column, attr in PERSON_COLUMNS.items() if column in parsed}
        if parsed.get("残疾等级") and not parsed.get("残疾类别"):
            problems.append(RowError(row_no, "残疾等级", parsed["残疾等级"], "填写了残疾等级，但没有填写残疾类别"))
        bank_name, bank_account = parsed.get("开户银行"), parsed.get("银行账号")
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

        household = households.get(no)
        hh_values = {"community_id": community_id, "address": address}
        if bank_name is not None:
            hh_values["bank_name"] = bank_name
        if bank_account is not None:
            hh_values["bank_account"] = bank_account
        if household is None:
            household = households[no] = HouseholdRow(row=row_no, values=hh_values)
        else:
            _merge_household(household, hh_values, row_no, community_name, report)
        household.rows.append(row_no)
        person = PersonRow(row=row_no, household_no=no, id_number=id_number, values=values)
        household.persons.append(person)
        if values["relation"] == HEAD_RELATION and values["phone"]:
            household.values["phone"] = values["phone"]
    return households


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


def _merge_household(household: HouseholdRow, values: dict, row_no: int, community_name: str, report: ImportReport):
    labels = {"community_id": ("村居", community_name), "address": ("地址", values["address"])}
    for key in ("community_id", "address"):
        if values[key] != household.values[key]:
            label, shown = labels[key]
            report.add(RowError(row_no, label, shown, f"同一户（首行为第{household.row}行）的{label}不一致"))
    for key, label in (("bank_name", "开户银行"), ("bank_account", "银行账号")):
        new = values.get(key)
        if not new:
            continue
        old = household.values.get(key)
        if old and old != new:
            report.add(RowError(row_no, label, new, f"同一户（首行为第{household.row}行）的{label}不一致"))
        else:
            household.values[key] = new
