"""`taizhang pay-sheet` and `taizhang elimination` print what the pages show, as CSV."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def run(*args) -> list[list[str]]:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return list(csv.reader(io.StringIO(out.getvalue())))


def test_the_pay_sheet_prints_every_person_and_the_total_equal_to_the_pool(assessed_zone, tmp_path):
    target = tmp_path / "sheet.xlsx"
    rows = run("pay-sheet", "--unit", "新市镇", "--cycle", "2020Q3", "-o", str(target))
    assert rows[0] == ["用户名", "姓名", "绩效系数", "绩效薪酬"]
    assert rows[1:] == [
        ["kong1", "孔一", "1.2", "5850.00"],
        ["kong2", "孔二", "1.0", "4875.00"],
        ["kong3", "孔三", "0", "0.00"],
        ["kong4", "孔四", "0.8", "4875.00"],
        ["kong5", "孔五", "0.8", "7800.00"],
        ["合计", "", "", "23400.00"],
    ]
    sheet = openpyxl.load_workbook(target).active
    assert sheet.title == "2020Q3"
    last = [c.value for c in list(sheet.iter_rows())[-1]]
    assert last[0] == "合计" and Decimal(str(last[-1])) == Decimal("23400")


def test_a_pool_set_on_the_command_line_is_shared_to_the_fen(assessed_zone):
    rows = run("pay-sheet", "--unit", "新市镇", "--cycle", "2020Q3", "--pool", "10000")
    assert rows[-1] == ["合计", "", "", "10000.00"]
    assert sum(Decimal(r[3]) for r in rows[1:-1]) == Decimal("10000.00")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--cycle", "2099Q1"), "没有考核周期"),
        (("--cycle", "2020Q3", "--pool", "很多"), "不是金额"),
        (("--cycle", "2020Q3", "--pool", "1" * 3000), "过大"),
        (("--cycle", "2020Q3", "-o", "x.csv"), ".xlsx"),
    ],
)
def test_bad_arguments_are_refused_in_chinese(assessed_zone, args, message):
    with pytest.raises(CommandError, match=message):
        run("pay-sheet", "--unit", "新市镇", *args)


def test_an_open_cycle_is_refused(zone):
    with pytest.raises(CommandError, match="尚未锁定"):
        run("pay-sheet", "--unit", "新市镇", "--cycle", "2020Q3")
    with pytest.raises(CommandError, match="尚未锁定"):
        run("elimination", "--unit", "新市镇", "--cycle", "2020Q3")


def test_elimination_lists_the_recommendations_with_rule_and_cycles(assessed_zone):
    assert run("elimination", "--unit", "新市镇", "--cycle", "2020Q3") == [
        ["用户名", "姓名", "建议", "理由"],
        ["kong3", "孔三", "待岗培训", "本周期不合格 → 待岗培训（2020Q3）"],
        ["kong3", "孔三", "解聘/不续聘", "最近 4 个周期内不合格 2 次 → 解聘/不续聘（2020Q1、2020Q3）"],
        ["kong4", "孔四", "解聘/不续聘", "连续 3 个周期基本合格 → 解聘/不续聘（2020Q1、2020Q2、2020Q3）"],
    ]
