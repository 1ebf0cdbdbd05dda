"""Reading spreadsheets: taizhang.documents.tabular.open_table on xlsx, rejected files and CSV."""

import datetime
import io
import os
import time
import zipfile

import openpyxl
import pytest

from taizhang.documents.tabular import (
    Table,
    TableError,
    open_table,
    write_xlsx,
)

NOT_XLSX = "文件不是有效的 Excel 工作簿（.xlsx），请用 Excel 另存为 .xlsx 后再导入"


def openpyxl_bytes(cells: dict) -> bytes:
    """A workbook made by plain openpyxl with the given {'A1': value} cells."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for coordinate, value in cells.items():
        ws[coordinate] = value
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def read_all(table: Table) -> list[tuple[int, list]]:
    return list(table.rows)


# -- xlsx --------------------------------------------------------------------


def test_an_xlsx_written_by_write_xlsx_round_trips_through_open_table(tmp_path):
    path = tmp_path / "people.xlsx"
    rows = [
        ["张三", "110101199003074512", datetime.date(1990, 3, 7), 1200.5, 3, True],
        ["李四", "11010119900307451X", datetime.date(1988, 12, 31), 0.25, -7, False],
    ]
    write_xlsx(path, ["姓名", "身份证号", "出生日期", "金额", "人数", "在册"], rows, text_columns=["身份证号"])

    table = open_table(path, "people.xlsx")

    assert table.source_format == "xlsx"
    assert table.encoding is None
    assert table.headers == ["姓名", "身份证号", "出生日期", "金额", "人数", "在册"]
    assert read_all(table) == [(2, rows[0]), (3, rows[1])]


def test_it_reads_xlsx_bytes_and_file_objects_as_well_as_paths(tmp_path):
    data = openpyxl_bytes({"A1": "姓名", "A2": "张三"})
    (tmp_path / "a.xlsx").write_bytes(data)
    for source in (data, io.BytesIO(data), str(tmp_path / "a.xlsx"), tmp_path / "a.xlsx"):
        table = open_table(source, "a.xlsx")
        assert table.headers == ["姓名"]
        assert read_all(table) == [(2, ["张三"])]


def test_a_numeric_id_cell_comes_back_as_a_float_so_callers_can_reject_it():
    data = openpyxl_bytes({"A1": "身份证号", "A2": 110101199003074512})
    (row,) = read_all(open_table(data, "ids.xlsx"))
    value = row[1][0]
    assert isinstance(value, float)
    assert value == pytest.approx(1.10101199003074e17)


def test_a_text_formatted_id_stays_a_string(tmp_path):
    path = tmp_path / "ids.xlsx"
    write_xlsx(
        path,
        ["身份证号", "银行卡号"],
        [[110101199003074512, "6222021234567890123"]],
        text_columns=["身份证号", "银行卡号"],
    )

    ws = openpyxl.load_workbook(path).active
    assert ws["A2"].number_format == "@"
    assert ws["B2"].number_format == "@"
    assert ws.column_dimensions["A"].number_format == "@"  # cells users add later are text too
    (row,) = read_all(open_table(path, "ids.xlsx"))
    assert row[1] == ["110101199003074512", "6222021234567890123"]


def test_whole_number_floats_become_ints_but_huge_ones_stay_float():
    data = openpyxl_bytes({"A1": "数", "A2": 3.0, "A3": 2.5, "A4": 123456789012345, "A5": 1e15, "A6": -4.0})
    values = [row[0] for _, row in read_all(open_table(data, "n.xlsx"))]
    assert values == [3, 2.5, 123456789012345, 1e15, -4]
    assert [type(v) for v in values] == [int, float, int, float, int]


def test_dates_datetimes_times_and_booleans_keep_their_python_types():
    data = openpyxl_bytes(
        {
            "A1": "日期",
            "B1": "时间戳",
            "C1": "时间",
            "D1": "布尔",
            "A2": datetime.date(2024, 2, 29),
            "B2": datetime.datetime(2024, 2, 29, 8, 30),
            "C2": datetime.time(8, 30),
            "D2": True,
        }
    )
    (row,) = read_all(open_table(data, "d.xlsx"))
    assert row == (2, [datetime.date(2024, 2, 29), datetime.datetime(2024, 2, 29, 8, 30), datetime.time(8, 30), True])


def test_blank_rows_are_skipped_but_row_numbers_stay_those_of_the_sheet():
    data = openpyxl_bytes(
        {
            "A1": "姓名",
            "B1": "年龄",
            "A2": "张三",
            "B2": 30,
            "A3": "   ",
            "B3": "\u3000",  # only spaces: blank
            "A5": "李四",  # row 4 missing entirely
            "B7": 12,
        }
    )
    assert read_all(open_table(data, "b.xlsx")) == [(2, ["张三", 30]), (5, ["李四", None]), (7, [None, 12])]


def test_leading_blank_rows_before_the_header_are_skipped_and_numbering_follows_excel():
    data = openpyxl_bytes({"C4": "姓名", "D4": "年龄", "C5": "张三", "D5": 1, "C8": "李四"})
    table = open_table(data, "late.xlsx")
    assert table.headers == ["姓名", "年龄"]
    assert table.header_row == 4
    assert read_all(table) == [(5, ["张三", 1]), (8, ["李四", None])]


def test_strings_are_stripped_of_spaces_including_full_width_ones_and_empty_becomes_none():
    data = openpyxl_bytes({"A1": " 姓名\u3000", "B1": "备注", "A2": "\u3000张三 ", "B2": "  "})
    table = open_table(data, "s.xlsx")
    assert table.headers == ["姓名", "备注"]
    assert read_all(table) == [(2, ["张三", None])]


def test_header_cells_lose_inner_full_width_spaces_and_blank_headers_are_kept_as_empty_strings():
    data = openpyxl_bytes({"A1": "姓\u3000名", "C1": "年龄", "A2": "张三", "C2": 3})
    table = open_table(data, "h.xlsx")
    assert table.headers == ["姓名", "", "年龄"]
    assert read_all(table) == [(2, ["张三", None, 3])]


def test_short_rows_are_padded_and_long_rows_keep_only_real_extra_cells():
    data = openpyxl_bytes({"A1": "a", "B1": "b", "C1": "c", "A2": 1, "A3": 1, "B3": 2, "C3": 3, "E3": "多余"})
    assert read_all(open_table(data, "p.xlsx")) == [(2, [1, None, None]), (3, [1, 2, 3, None, "多余"])]


def test_a_header_only_workbook_has_headers_and_no_rows():
    table = open_table(openpyxl_bytes({"A1": "姓名", "B1": "身份证号"}), "empty.xlsx")
    assert table.headers == ["姓名", "身份证号"]
    assert read_all(table) == []


def test_a_workbook_without_any_non_blank_row_is_rejected():
    with pytest.raises(TableError) as info:
        open_table(openpyxl_bytes({}), "nothing.xlsx")
    assert info.value.message == "表格中没有数据（缺少表头行）"

    with pytest.raises(TableError, match="缺少表头行"):
        open_table(openpyxl_bytes({"B3": "   "}), "spaces.xlsx")


def test_it_reads_the_first_visible_worksheet():
    wb = openpyxl.Workbook()
    hidden = wb.active
    hidden.title = "字典"
    hidden["A1"] = "隐藏"
    hidden.sheet_state = "hidden"
    data_sheet = wb.create_sheet("名单")
    data_sheet["A1"] = "姓名"
    data_sheet["A2"] = "张三"
    buffer = io.BytesIO()
    wb.save(buffer)
    table = open_table(buffer.getvalue(), "two.xlsx")
    assert table.sheet_name == "名单"
    assert table.headers == ["姓名"]


def test_the_file_content_decides_the_format_so_an_xlsx_named_csv_is_read_as_excel():
    table = open_table(openpyxl_bytes({"A1": "姓名", "A2": "张三"}), "export.csv")
    assert table.source_format == "xlsx"
    assert read_all(table) == [(2, ["张三"])]


# -- rejected files ----------------------------------------------------------


def test_it_rejects_an_empty_file():
    for name in ("a.xlsx", "a.csv", "a.xls"):
        with pytest.raises(TableError) as info:
            open_table(b"", name)
        assert info.value.message == "文件是空的"


def test_it_rejects_an_empty_file_on_disk(tmp_path):
    path = tmp_path / "a.xlsx"
    path.write_bytes(b"")
    with pytest.raises(TableError, match="文件是空的"):
        open_table(path, "a.xlsx")


def test_it_rejects_ten_megabytes_of_garbage_quickly():
    garbage = os.urandom(10 * 1024 * 1024)
    started = time.perf_counter()
    with pytest.raises(TableError) as info:
        open_table(garbage, "big.xlsx")
    assert time.perf_counter() - started < 1.0
    assert info.value.message == NOT_XLSX


def test_it_rejects_garbage_that_starts_like_a_zip_quickly():
    garbage = b"PK\x03\x04" + os.urandom(10 * 1024 * 1024)
    started = time.perf_counter()
    with pytest.raises(TableError) as info:
        open_table(garbage, "big.xlsx")
    assert time.perf_counter() - started < 1.0
    assert info.value.message == NOT_XLSX


def test_it_rejects_a_text_file_renamed_to_xlsx():
    with pytest.raises(TableError) as info:
        open_table("姓名,身份证号\n张三,110101199003074512\n".encode(), "名单.xlsx")
    assert info.value.message == NOT_XLSX


def test_it_rejects_a_docx_like_zip_renamed_to_xlsx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(TableError) as info:
        open_table(buffer.getvalue(), "报告.xlsx")
    assert info.value.message == NOT_XLSX


def test_it_rejects_an_html_table_saved_as_xls_with_a_specific_message():
    with pytest.raises(TableError, match="网页（HTML）"):
        open_table("<html><body><table><tr><td>姓名</td></tr></table></body></html>".encode(), "导出.xls")


def test_it_rejects_a_broken_xls_file():
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)
    with pytest.raises(TableError) as info:
        open_table(ole2, "old.xls")
    assert info.value.message == "文件不是有效的 Excel 工作簿（.xls），请用 Excel 另存为 .xlsx 后再导入"


def test_it_rejects_unsupported_extensions():
    for name in ("a.pdf", "a.docx", "noextension", "a.numbers"):
        with pytest.raises(TableError) as info:
            open_table(b"whatever", name)
        assert info.value.message == "仅支持 Excel（.xlsx、.xls）、WPS 表格（.et）和 CSV（.csv）文件"


def test_table_error_is_a_value_error_whose_text_is_the_chinese_message():
    error = TableError("文件是空的")
    assert isinstance(error, ValueError)
    assert str(error) == "文件是空的"


# -- CSV ---------------------------------------------------------------------

CSV_TEXT = "姓名,身份证号,住址\r\n张三,110101199003074512,北京市东城区\r\n\r\n李四,11010119900307451X,\u3000海淀区 \r\n"


def test_it_reads_a_gbk_csv():
    table = open_table(CSV_TEXT.encode("gbk"), "名单.csv")
    assert table.encoding == "gb18030"
    assert table.headers == ["姓名", "身份证号", "住址"]
    assert read_all(table) == [
        (2, ["张三", "110101199003074512", "北京市东城区"]),
        (4, ["李四", "11010119900307451X", "海淀区"]),
    ]


def test_it_reads_a_utf8_csv_with_a_bom():
    table = open_table(CSV_TEXT.encode("utf-8-sig"), "名单.csv")
    assert table.encoding == "utf-8"
    assert table.headers[0] == "姓名"  # no BOM glued to the first header
    assert [n for n, _ in read_all(table)] == [2, 4]


def test_it_reads_a_plain_utf8_csv_from_disk(tmp_path):
    path = tmp_path / "名单.csv"
    path.write_bytes(CSV_TEXT.encode("utf-8"))
    table = open_table(path, path.name)
    assert table.encoding == "utf-8"
    assert read_all(table)[1] == (4, ["李四", "11010119900307451X", "海淀区"])


def test_it_reads_a_gbk_csv_from_disk(tmp_path):
    path = tmp_path / "名单.csv"
    path.write_bytes(CSV_TEXT.encode("gbk"))
    table = open_table(str(path), path.name)
    assert table.encoding == "gb18030"
    assert read_all(table)[0] == (2, ["张三", "110101199003074512", "北京市东城区"])


def test_it_rejects_a_csv_that_is_neither_utf8_nor_gbk():
    with pytest.raises(TableError) as info:
        open_table(bytes(range(256)) * 100, "binary.csv")
    assert "既不是 UTF-8 也不是 GBK" in info.value.message


def test_it_rejects_a_utf16_csv_from_disk_as_neither_utf8_nor_gbk(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(CSV_TEXT.encode("utf-16"))
    with pytest.raises(TableError, match="既不是 UTF-8 也不是 GBK"):
        open_table(path, "u16.txt")


def test_csv_values_are_always_strings():
    table = open_table("数量,日期\n3,2024-01-02\n".encode(), "n.csv")
    assert read_all(table) == [(2, ["3", "2024-01-02"])]


def test_it_sniffs_tab_and_semicolon_delimiters_from_the_header_line():
    tab = open_table("姓名\t住址\n张三\t北京市,东城区\n".encode(), "t.txt")
    assert read_all(tab) == [(2, ["张三", "北京市,东城区"])]
    semicolon = open_table("姓名;住址\n张三;东城区\n".encode(), "s.csv")
    assert read_all(semicolon) == [(2, ["张三", "东城区"])]


def test_csv_row_numbers_count_records_so_multiline_cells_match_excel():
    text = '姓名,备注\n张三,"第一行\n第二行"\n李四,好\n'
    assert read_all(open_table(text.encode(), "m.csv")) == [(2, ["张三", "第一行\n第二行"]), (3, ["李四", "好"])]


def test_csv_leading_blank_lines_and_trailing_delimiters_are_ignored():
    text = "\n,,\n姓名,年龄,,\n张三,3,,\n"
    table = open_table(text.encode(), "b.csv")
    assert table.headers == ["姓名", "年龄"]
    assert table.header_row == 3
    assert read_all(table) == [(4, ["张三", "3"])]


def test_a_header_only_csv_has_no_rows_and_a_blank_csv_has_no_header():
    assert read_all(open_table("姓名,年龄\n".encode(), "h.csv")) == []
    with pytest.raises(TableError, match="缺少表头行"):
        open_table(b"\r\n \r\n", "blank.csv")
