"""The worked example of docs/people-zone-assessment.md: its figures table, imported with import-zone-figures,
gives exactly its CSV through zone-assessment."""

import re
from pathlib import Path

from tests.conftest import csv_bytes
from tests.people.test_zone_commands import run
from tests.people.zone_data import HEADER

DOC = (Path(__file__).resolve().parents[2] / "docs" / "people-zone-assessment.md").read_text()


def doc_figures() -> list[list[str]]:
    section = DOC.split("## A worked example", 1)[1]
    lines = [line for line in section.splitlines() if line.startswith("| ")]
    names = [cell.strip() for cell in lines[0].strip("|").split("|")][1:]
    rows = []
    for line in lines[2:]:  # below the header and its --- line
        zone, *values = [cell.strip() for cell in line.strip("|").split("|")]
        rows += [[zone, name, value] for name, value in zip(names, values, strict=True) if value != "—"]
    return rows


def test_the_commands_reproduce_the_worked_example(district_zone, tmp_path):
    path = tmp_path / "2020.csv"
    path.write_bytes(csv_bytes(doc_figures(), header=HEADER))
    assert len(doc_figures()) == 44
    run("import-zone-figures", str(path), "--year", "2020")
    expected = re.search(r"```csv\n(.*?)```", DOC, re.S).group(1).splitlines()
    assert run("zone-assessment", "--year", "2020").splitlines() == expected
