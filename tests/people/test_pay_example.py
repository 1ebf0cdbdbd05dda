"""docs/people-pay-example.md's hand-computed tables against `taizhang pay-sheet` and `taizhang elimination`."""

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db
DOC = Path(__file__).resolve().parents[2] / "docs" / "people-pay-example.md"


def doc_rows(heading: str) -> list[list[str]]:
    section = DOC.read_text(encoding="utf-8").split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    rows = []
    for raw in section.splitlines():
        if raw.startswith("| ") and not raw.startswith("| ---"):
            rows.append([cell.strip() for cell in raw.strip().strip("|").split("|")])
    return rows[1:]  # without the header


def printed(*args) -> list[list[str]]:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return list(csv.reader(io.StringIO(out.getvalue())))[1:]


@pytest.mark.parametrize(
    ("heading", "pool"), [("Pool = Σ bases (23400.00)", None), ("Pool set by the committee (10000.00)", "10000")]
)
def test_the_pay_sheet_command_prints_the_docs_amounts(assessed_zone, heading, pool):
    expected = [(row[0], Decimal(row[-1])) for row in doc_rows(heading)]
    args = ["pay-sheet", "--unit", "新市镇", "--cycle", "2020Q3"] + (["--pool", pool] if pool else [])
    got = [(row[0], Decimal(row[-1])) for row in printed(*args)]
    assert got == expected


def test_the_docs_bases_are_the_sheets(assessed_zone):
    from taizhang.people import pay

    lines = {line.user.username: line for line in pay.preview(assessed_zone.cycle).lines}
    for row in doc_rows("Bases and weights"):
        line = lines[row[0]]
        assert line.base == Decimal(row[5]) and line.base * line.coefficient == Decimal(row[8])


def test_the_elimination_command_prints_the_docs_recommendations(assessed_zone):
    assert printed("elimination", "--unit", "新市镇", "--cycle", "2020Q3") == [
        [row[0], {"kong3": "孔三", "kong4": "孔四"}[row[0]], row[1], row[2]]
        for row in doc_rows("Elimination in 2020Q3")
    ]
