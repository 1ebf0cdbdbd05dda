"""The police extract as a file: GBK or UTF-8 CSV or Excel, the project's area, the discrepancy workbook."""

import io
from datetime import date

from openpyxl import load_workbook

from taizhang.renewal.crosscheck import POLICE_COLUMNS, crosscheck_file, write_details
from taizhang.renewal.rules import LedgerPerson
from tests.conftest import csv_bytes, xlsx_bytes

LEDGER = [
    LedgerPerson(1, "张三", "370125199001011234", "CL001"),
    LedgerPerson(2, "李四", "37012519900101123x", "CL001"),
]
ROWS = [
    ["張三", "370125199001011234", "H1", "城里居1号", "1990-01-01", "正常"],
    ["李四", "37012519900101123X", "H1", "城里居1号", "2020-07-01", "正常"],
    ["周九", "370125194001015555", "H4", "城里居4号", "1960/1/1", "正常"],
    ["吴十", "370125194001016666", "H9", "新市镇9号", "", "正常"],
]


def test_a_gbk_csv_extract_in_the_projects_area():
    result = crosscheck_file(
        LEDGER,
        csv_bytes(ROWS, POLICE_COLUMNS, encoding="gbk"),
        "公安.csv",
        freeze_date=date(2020, 6, 1),
        area_words=["城里居", "东关居"],
    )
    assert result.report.ok and result.report.rows == 4
    assert result.lines() == [
        "一致: 1",
        "公安无此人: 0",
        "台账未登记: 1",
        "姓名不符: 0",
        "冻结后迁入: 1",
        "死亡或注销: 0",
        "重复登记: 0",
    ]


def test_the_discrepancy_workbook():
    result = crosscheck_file(
        LEDGER, xlsx_bytes(ROWS, POLICE_COLUMNS), "公安.xlsx", freeze_date=date(2020, 6, 1), area_words=["城里居"]
    )
    stream = io.BytesIO()
    assert write_details(result, stream) == 3
    rows = [[c.value for c in row] for row in load_workbook(stream).active.iter_rows()]
    assert rows[0][:3] == ["类别", "身份证号", "台账姓名"]
    assert sorted(r[0] for r in rows[1:]) == ["一致", "冻结后迁入", "台账未登记"]  # 一致: 張三 by 繁简字, with the note
    assert [r[-1] for r in rows[1:] if r[0] == "一致"] == ["公安：張三，台账：张三（張/张 为繁简字）"]


def test_an_extract_with_the_wrong_columns_is_refused():
    result = crosscheck_file(LEDGER, csv_bytes([["x"]], ["姓名"]), "公安.csv", freeze_date=date(2020, 6, 1))
    assert not result.report.ok and "身份证号" in result.report.errors[0].reason


def test_rows_outside_the_area_count_only_for_ledger_persons_and_are_not_otherwise_read():
    rows = [
        ["张三", "370125199001011234", "H1", "新市镇1号", "1990-01-01", "正常"],  # a ledger person, moved away
        ["李四", "37012519900101123X", "H1", "城里居1号", "1990-01-01", "正常"],
        ["郑十一", "370125194001017777", "H9", "新市镇9号", "看不懂的日期", "死亡"],
    ]  # neither: passed over
    result = crosscheck_file(
        LEDGER, csv_bytes(rows, POLICE_COLUMNS), "公安.csv", freeze_date=date(2020, 6, 1), area_words=["城里居"]
    )
    assert result.report.ok and result.report.rows == 3
    assert result.counts["一致"] == 2 and result.counts["台账未登记"] == 0 and result.counts["死亡或注销"] == 0
