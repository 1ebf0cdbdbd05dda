"""The worked example of docs/people-kpi.md, computed by hand, checked against the commands: the two files are read
from the page, imported with `import-kpi` and `import-reviews`, and `assess` must print the page's table."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

DOC = Path(__file__).resolve().parents[2] / "docs" / "people-kpi.md"


def block(name: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    return re.search(rf"```csv {re.escape(name)}\n(.*?)```", text, re.S).group(1)


def expected_csv() -> str:
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## What `taizhang assess") :]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    return "\n".join(",".join(cell.strip() for cell in row.strip("|").split("|")) for row in rows) + "\n"


@pytest.fixture
def files(tmp_path):
    kpi, reviews = tmp_path / "kpi.csv", tmp_path / "reviews.csv"
    kpi.write_text(block("kpi.csv"), encoding="utf-8")
    reviews.write_text(block("reviews.csv"), encoding="utf-8")
    return kpi, reviews


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_commands_print_the_hand_computed_table(zone, files):
    kpi, reviews = files
    assert "新增 15 项指标" in run("import-kpi", str(kpi), "--unit", "新市镇", "--cycle", "2020Q3")
    assert "新增 17 条评议" in run("import-reviews", str(reviews), "--unit", "新市镇", "--cycle", "2020Q3")
    assert run("assess", "--unit", "新市镇", "--cycle", "2020q3") == expected_csv()
    # Run again on the assessed cycle: it prints the same, assessing nothing anew.
    assert run("assess", "--unit", "新市镇", "--cycle", "2020Q3") == expected_csv()


def test_the_page_shows_the_same_indicator_scores_as_the_example(zone, files, login):
    from taizhang.people.selectors_kpi import indicator_lines

    kpi, reviews = files
    run("import-kpi", str(kpi), "--unit", "新市镇", "--cycle", "2020Q3")
    lines = indicator_lines(zone.cycle, zone.staff[2].pk)
    assert [str(line.score) for line in lines] == ["60.00", "27.27", "20.00"]
