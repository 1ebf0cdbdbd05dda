"""Import errors: taizhang.documents.tabular.RowError and error_workbook."""

import datetime
import io

import openpyxl

from taizhang.documents.tabular import (
    RowError,
    error_workbook,
)


def test_row_error_as_text_names_row_column_value_and_reason():
    error = RowError(5, "身份证号", "110101199003074513", "身份证号校验位错误")
    assert error.as_text() == "第5行「身份证号」“110101199003074513”：身份证号校验位错误"
    assert RowError(None, None, None, "缺少必填列：「姓名」").as_text() == "缺少必填列：「姓名」"
    assert RowError(7, "姓名", None, "不能为空").as_text() == "第7行「姓名」：不能为空"
    assert RowError(8, None, None, "与第3行重复").as_text() == "第8行：与第3行重复"


def test_row_error_shows_a_numeric_id_as_excel_would_and_truncates_long_values():
    assert "1.10101199003074e+17" in RowError(2, "身份证号", 1.10101199003074e17, "请把身份证号列设为文本").as_text()
    long_text = RowError(2, "住址", "北" * 100, "太长").as_text()
    assert "…" in long_text and len(long_text) < 80


def test_error_workbook_opens_with_openpyxl_and_has_the_rows():
    errors = [
        RowError(None, None, None, "缺少必填列：「姓名」"),
        RowError(5, "身份证号", "110101199003074513", "身份证号校验位错误"),
        RowError(6, "出生日期", datetime.date(2024, 1, 2), "出生日期晚于今天"),
        RowError(7, "备注", '=HYPERLINK("http://x")', "含有不允许的字符"),
    ]
    data = error_workbook(errors)
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws.title == "导入错误"
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == ["行号", "列", "值", "原因"]
    assert rows[1] == [None, None, None, "缺少必填列：「姓名」"]
    assert rows[2] == [5, "身份证号", "110101199003074513", "身份证号校验位错误"]
    assert rows[3] == [6, "出生日期", "2024-01-02", "出生日期晚于今天"]
    assert rows[4][2] == '=HYPERLINK("http://x")'
    assert ws["C5"].data_type == "s"  # user text never becomes a formula
    assert ws.freeze_panes == "A2"
