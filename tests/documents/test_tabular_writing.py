"""Writing spreadsheets: taizhang.documents.tabular.write_xlsx and write_csv."""

import csv
import datetime
import io

import openpyxl
import pytest

from taizhang.documents.tabular import (
    open_table,
    write_csv,
    write_xlsx,
)


def test_write_xlsx_styles_the_header_freezes_it_and_sizes_columns_for_chinese(tmp_path):
    path = tmp_path / "out.xlsx"
    write_xlsx(
        path,
        ["户编号", "住址", "x"],
        [["H1", "北京市东城区东华门街道某某社区一号院二号楼三单元", 1]],
        sheet_title="名单",
    )
    ws = openpyxl.load_workbook(path).active
    assert ws.title == "名单"
    assert ws["A1"].font.b
    assert ws["A1"].fill.fill_type == "solid"
    assert ws.freeze_panes == "A2"
    widths = {k: d.width for k, d in ws.column_dimensions.items()}
    assert widths["A"] >= 8  # 3 CJK characters ≈ 6 units plus padding
    assert widths["B"] == 40  # long address capped
    assert widths["C"] >= 6


def test_write_xlsx_puts_a_merged_title_row_above_the_header_and_freezes_both(tmp_path):
    path = tmp_path / "out.xlsx"
    write_xlsx(
        path, ["户编号", "村居", "有效走访次数"], [["XS001", "新市村", 2]], title="新市镇2026年11月帮扶走访达标情况"
    )
    ws = openpyxl.load_workbook(path).active
    assert ws["A1"].value == "新市镇2026年11月帮扶走访达标情况" and ws["A1"].font.bold
    assert [str(r) for r in ws.merged_cells.ranges] == ["A1:C1"]
    assert [c.value for c in ws[2]] == ["户编号", "村居", "有效走访次数"] and ws["A2"].font.bold
    assert [c.value for c in ws[3]] == ["XS001", "新市村", 2]
    assert ws.freeze_panes == "A3"


def test_write_xlsx_writes_dates_as_dates_formatted_yyyy_mm_dd(tmp_path):
    path = tmp_path / "d.xlsx"
    write_xlsx(path, ["日期"], [[datetime.date(2024, 5, 6)]])
    cell = openpyxl.load_workbook(path).active["A2"]
    assert cell.is_date
    assert cell.number_format == "yyyy-mm-dd"


def test_write_xlsx_streams_rows_from_a_generator_into_a_file_object():
    buffer = io.BytesIO()
    write_xlsx(buffer, ["序号"], ([i] for i in range(1000)))
    rows = list(open_table(buffer.getvalue(), "g.xlsx").rows)
    assert len(rows) == 1000
    assert rows[-1] == (1001, [999])


def test_write_xlsx_drops_control_characters_excel_cannot_store():
    buffer = io.BytesIO()
    write_xlsx(buffer, ["姓名"], [["张\x0b三\x00"]])
    assert list(open_table(buffer.getvalue(), "c.xlsx").rows) == [(2, ["张三"])]


def test_write_csv_writes_utf8_with_a_bom_by_default(tmp_path):
    path = tmp_path / "out.csv"
    write_csv(path, ["姓名", "出生日期", "金额"], [["张三", datetime.date(1990, 3, 7), 1.5], ["李四", None, 2]])
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == "姓名,出生日期,金额\r\n张三,1990-03-07,1.5\r\n李四,,2\r\n"
    assert list(open_table(data, "out.csv").rows) == [(2, ["张三", "1990-03-07", "1.5"]), (3, ["李四", None, "2"])]


def test_write_csv_can_write_gb18030_to_a_binary_stream_and_leaves_it_open():
    buffer = io.BytesIO()
    write_csv(buffer, ["姓名"], [["张三"]], encoding="gb18030")
    assert not buffer.closed
    assert buffer.getvalue() == "姓名\r\n张三\r\n".encode("gbk")
    assert open_table(buffer.getvalue(), "g.csv").encoding == "gb18030"


def test_write_csv_escapes_text_that_excel_would_run_as_a_formula():
    buffer = io.BytesIO()
    write_csv(buffer, ["值"], [["=1+1"], ["@SUM(A1)"], ["-5"], ["+86 138"], [-3]])
    values = [r[0] for r in csv.reader(io.StringIO(buffer.getvalue().decode("utf-8-sig")))]
    assert values == ["值", "'=1+1", "'@SUM(A1)", "-5", "'+86 138", "-3"]


def test_write_csv_rejects_other_encodings():
    with pytest.raises(ValueError):
        write_csv(io.BytesIO(), ["a"], [], encoding="latin-1")
