"""`taizhang compensation` against the worked example of docs/renewal-compensation-example.md, to the fen: the doc's
tables are parsed here, so the doc and the command cannot drift apart."""

import re
from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from taizhang.renewal import agreements
from tests.renewal.scoping_compensation import example_household, published_policy

pytestmark = pytest.mark.django_db
DOC = Path(__file__).resolve().parents[2] / "docs" / "renewal-compensation-example.md"


def doc_table(heading: str) -> tuple[list[tuple[str, Decimal]], Decimal]:
    """The (line, 元) rows of the table under `## heading`, and its total."""
    section = DOC.read_text(encoding="utf-8").split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    rows, total = [], None
    for raw in section.splitlines():
        cells = [c.strip() for c in raw.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("line", "---"):
            continue
        amount = Decimal(cells[2].strip("*").replace(",", "").replace("−", "-"))
        if cells[0].startswith("**合计"):
            total = amount
        else:
            rows.append((cells[0].removesuffix(", settled"), amount))
    return rows, total


def printed(output: str, option: str) -> tuple[list[tuple[str, Decimal]], list[str], str]:
    """The (item, amount) lines, the excluded lines and the total line of one option in the command's output."""
    block = output.split(f"【{option}】\n", 1)[1].split("\n【", 1)[0].splitlines()
    assert block[0] == "项目 | 计算依据 | 金额（元） | 规则 | 条款"
    lines, excluded, total = [], [], ""
    for raw in block[1:]:
        if raw.startswith("合计"):
            total = raw
        elif raw.startswith("  "):
            excluded.append(raw.strip())
        elif " | " in raw:
            item, basis, amount, rule, clause = raw.split(" | ")
            assert re.fullmatch(r"-?\d{1,3}(,\d{3})*\.\d{2}", amount) and rule and clause, raw
            lines.append((item, Decimal(amount.replace(",", ""))))
    return lines, excluded, total


@pytest.fixture
def example(renewal):
    """The doc's household, signed 2020-09-10 for a 125.50 m² flat in 30 months, vacated 2020-09-25."""
    published_policy(renewal.project)
    entry = example_household(renewal.project)
    admin = renewal.world.jy_admin
    agreement = agreements.agreement_choose(
        actor=admin, entry=entry, option="产权调换", chosen_area=Decimal("125.50"), months_until_handover=30
    )
    agreement = agreements.agreement_sign(actor=admin, agreement=agreement, signed_on=date(2020, 9, 10))
    agreements.agreement_vacate(actor=admin, agreement=agreement, vacated_on=date(2020, 9, 25))
    return entry


def run(*args) -> str:
    out = StringIO()
    call_command("compensation", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    "heading, option, total_words",
    [
        ("货币补偿 (monetary)", "货币补偿", "合计：444,691.50 元（肆拾肆万肆仟陆佰玖拾壹元伍角整）"),
        (
            "产权调换 (property-rights exchange)",
            "产权调换",
            "合计（支付给被征收户）：205,741.50 元（贰拾万伍仟柒佰肆拾壹元伍角整）",
        ),
    ],
)
def test_the_command_prints_the_docs_worked_example_to_the_fen(example, heading, option, total_words):
    doc_rows, doc_total = doc_table(heading)
    lines, excluded, total = printed(run("--project", "老城区棚改", "--household", "JY201"), option)
    assert lines == doc_rows
    assert sum(amount for _, amount in lines) == doc_total
    assert total == total_words and f"{doc_total:,.2f}" in total
    assert excluded == ["西侧棚子：违法建设，不予补偿", "后院新建房：冻结日后（2020-07-15）新建、扩建，不予补偿"]


def test_the_command_prints_the_rule_and_clause_of_each_line(example):
    output = run("--project", "老城区棚改", "--household", "JY201", "--option", "货币补偿")
    assert (
        "房屋补偿（正房） | 96.35 m² × 3,200.00 元/m² | 308,320.00 | 砖混、有证房屋按建筑面积补偿 | 第十七条" in output
    )
    assert "签约奖励 | 2020-09-10签约，不晚于 2020-10-31 | 10,000.00 | 2020-10-31 前签约奖励 | 第二十五条" in output
    assert "【产权调换】" not in output
    assert "签约日期 2020-09-10" in output and "协议金额 205,741.50 元" in output


def test_the_same_inputs_always_print_the_same(example):
    args = ("--project", "老城区棚改", "--household", "JY201")
    assert run(*args) == run(*args)


def test_an_unknown_household_is_named(renewal):
    with pytest.raises(CommandError, match="征收范围内没有户 JY999"):
        run("--project", "老城区棚改", "--household", "JY999")


def test_no_policy_in_force_is_said_so(renewal):
    example_household(renewal.project)
    with pytest.raises(CommandError, match="2020-09-10 没有已公布生效的补偿政策"):
        run("--project", "老城区棚改", "--household", "JY201", "--on", "2020-09-10")
