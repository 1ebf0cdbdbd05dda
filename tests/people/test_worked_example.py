"""docs/people-worked-example.md, worked by hand from appointments to pay: its three files are read from the page
and fed to the commands (`import-appointments`, `import-kpi`, `import-reviews`, `assess`, `pay-sheet`,
`elimination`); what they print must be the page's tables. Opening and locking the cycle are the committee's pages
(their services here)."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from taizhang.org.models import OrgNode, Role
from taizhang.people.assessment import cycle_lock
from taizhang.people.kpi import cycle_open
from taizhang.staff.services import node_create, staff_create
from tests.conftest import PASSWORD

DOC = Path(__file__).resolve().parents[2] / "docs" / "people-worked-example.md"
TEXT = DOC.read_text(encoding="utf-8")
NAMES = {"zhangming": "张明", "lihua": "李华", "wangfang": "王芳", "zhaoqiang": "赵强", "chenjing": "陈静"}


def block(name: str) -> str:
    return re.search(rf"```csv {re.escape(name)}\n(.*?)```", TEXT, re.S).group(1)


def table(heading: str) -> list[list[str]]:
    section = TEXT.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("|---")]
    return [[cell.strip().strip("*") for cell in row.strip().strip("|").split("|")] for row in rows[1:]]


def kpi_scores() -> dict[str, str]:
    """The 'KPI得分' rows of the KPI table, by the person named in the row above them."""
    scores, person = {}, ""
    for row in table("KPI得分"):
        person = row[0] or person
        if row[1] == "KPI得分":
            scores[person] = row[-1]
    return scores


def printed(*args) -> list[list[str]]:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return list(csv.reader(io.StringIO(out.getvalue())))


@pytest.fixture
def example(world, tmp_path):
    for order, name in enumerate(["招商部", "综合部"], start=1):
        node_create(
            actor=None,
            parent=world.xinshi,
            kind=OrgNode.Kind.WORKGROUP,
            name=name,
            subtype="department",
            sort_order=order,
        )
    for username, full_name in NAMES.items():
        staff_create(
            actor=None,
            node=world.xinshi,
            username=username,
            full_name=full_name,
            role=Role.FIELD_WORKER,
            password=PASSWORD,
        )
    files = {}
    for name in ("appointments.csv", "kpi.csv", "reviews.csv"):
        files[name] = tmp_path / name
        files[name].write_text(block(name), encoding="utf-8")
    return files


def test_the_commands_reproduce_the_worked_example_from_appointments_to_pay(world, example):
    call_command("import-appointments", str(example["appointments.csv"]), "--unit", "新市镇", stdout=io.StringIO())
    cycle = cycle_open(actor=None, unit_id=world.xinshi.pk, code="2020Q3")
    call_command("import-kpi", str(example["kpi.csv"]), "--unit", "新市镇", "--cycle", "2020Q3", stdout=io.StringIO())
    call_command(
        "import-reviews", str(example["reviews.csv"]), "--unit", "新市镇", "--cycle", "2020Q3", stdout=io.StringIO()
    )

    assessed = printed("assess", "--unit", "新市镇", "--cycle", "2020Q3")
    assert assessed[0] == ["用户名", "姓名", "KPI得分", "评议得分", "综合得分", "等次"]
    by_name = {row[1]: row for row in assessed[1:]}
    assert {name: by_name[name][2] for name in NAMES.values()} == kpi_scores()
    assert {row[0]: by_name[row[0]][3] for row in table("评议得分")} == {row[0]: row[-1] for row in table("评议得分")}
    assert {row[0]: by_name[row[0]][4:] for row in table("综合得分 and 等次")} == {
        row[0]: row[2:] for row in table("综合得分 and 等次")
    }

    cycle_lock(actor=None, cycle=cycle)
    sheet = printed("pay-sheet", "--unit", "新市镇", "--cycle", "2020Q3")
    paid = {NAMES[row[0]]: row[3] for row in sheet[1:-1]}
    assert paid == {row[0]: row[-1] for row in table("绩效薪酬") if row[0] != "合计"}
    assert sheet[-1] == ["合计", "", "", "21600.00"]

    recommendations = printed("elimination", "--unit", "新市镇", "--cycle", "2020Q3")
    assert [row[:3] for row in recommendations[1:]] == [["zhaoqiang", "赵强", "待岗培训"]]
    assert "2020Q3" in recommendations[1][3]
