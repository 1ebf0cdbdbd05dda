"""Reading ledgers as townships keep them: a title merged above the header, an instructions sheet in front,
a footer, the header repeated on every printed page, synonyms and two-row headers (open_table(columns=…))."""

import io

import openpyxl
import pytest
import xlwt
from hypothesis import given, settings
from hypothesis import strategies as st

from taizhang.documents.tabular import Column, TableError, match_headers, open_table

TITLE = "济阳街道城里居人员信息台账（2020年9月）"
PEOPLE = [
    Column("户编号"),
    Column("姓名"),
    Column("身份证号"),
    Column("联系电话"),
    Column("村居"),
    Column("地址", required=False),
]
ZHANG = [1, "CL001", "张三", "370125199001011234", "13800000000", "城里居"]
LI = [2, "CL001", "李四", "370125199203041235", "13800000001", "城里居"]
WANG = [3, "CL002", "王五", "370125198507081236", "13800000002", "城里居"]


def xlsx(build) -> bytes:
    book = openpyxl.Workbook()
    build(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def ledger_sheet(sheet, header=("序号", "户号", "姓名", "公民身份号码", "联系方式", "社区"), rows=(ZHANG, LI)):
    """A sheet as a 村居 keeps it: the title merged across, the header, the people, a total and signatures."""
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    sheet.append(["合计", f"{len(rows)}人"])
    sheet.append(["填表人：刘洋", None, None, "审核人：陈静", None, "填表日期：2020年9月30日"])


def test_a_title_merged_above_the_header_is_passed_over_and_synonyms_name_the_columns():
    table = open_table(xlsx(lambda book: ledger_sheet(book.active)), "台账.xlsx", columns=PEOPLE)

    assert table.header_row == 2
    assert table.header_rows == 1
    assert table.headers == ["序号", "户号", "姓名", "公民身份号码", "联系方式", "社区"]
    assert list(table.rows) == [(3, ZHANG), (4, LI)]
    match = match_headers(table.headers, PEOPLE)
    assert match.index == {"户编号": 1, "姓名": 2, "身份证号": 3, "联系电话": 4, "村居": 5}
    assert match.ok and match.unknown == []  # 序号 is never an unknown column


def test_the_footer_rows_are_not_data_but_are_listed_as_skipped_with_their_row_numbers():
    table = open_table(xlsx(lambda book: ledger_sheet(book.active)), "台账.xlsx", columns=PEOPLE)
    rows = list(table.rows)

    assert [number for number, _ in rows] == [3, 4]
    assert table.skipped == [(5, "表尾（合计…）"), (6, "表尾（填表人…）")]


def test_notes_over_several_lines_below_the_footer_are_footer_too_but_subtotals_do_not_end_the_data():
    def build(book):
        sheet = book.active
        sheet.append(["户号", "姓名", "身份证号", "联系电话", "社区"])
        sheet.append(ZHANG[1:])
        sheet.append(["小计", "1人"])
        sheet.append(LI[1:])
        sheet.append(["注：1. 本表由村居填写；"])
        sheet.append(["2. 身份证号填18位。"])
        sheet.append(WANG[1:])

    table = open_table(xlsx(build), "a.xlsx", columns=PEOPLE)

    assert list(table.rows) == [(2, ZHANG[1:]), (4, LI[1:]), (7, WANG[1:])]
    assert table.skipped == [(3, "表尾（小计…）"), (5, "表尾（注…）"), (6, "表尾（注…）")]


def test_a_two_row_header_that_starts_in_column_c_still_spreads_its_merged_labels():
    def build(book):
        sheet = book.active
        sheet["C2"], sheet["D2"] = "户编号", "家庭成员"
        sheet.merge_cells("C2:C3")
        sheet.merge_cells("D2:E2")
        sheet["D3"], sheet["E3"] = "姓名", "身份证号"
        sheet["C4"], sheet["D4"], sheet["E4"] = "CL001", "张三", "370125199001011234"

    table = open_table(xlsx(build), "a.xlsx", columns=["户编号", "姓名", "身份证号"])

    assert (table.header_row, table.header_rows) == (2, 2)
    assert table.headers == ["户编号", "家庭成员姓名", "家庭成员身份证号"]
    assert list(table.rows) == [(4, ["CL001", "张三", "370125199001011234"])]


def test_an_instructions_sheet_in_front_loses_to_the_sheet_holding_the_columns():
    def build(book):
        notes = book.active
        notes.title = "填表说明"
        notes.append(["填表说明：身份证号码请填写18位，联系方式填写手机号。"])
        notes.append(["姓名", "请填写户籍登记的姓名"])
        ledger_sheet(book.create_sheet("人员信息"))

    table = open_table(xlsx(build), "台账.xlsx", columns=PEOPLE)

    assert table.sheet_name == "人员信息"
    assert table.sheet_names == ["填表说明", "人员信息"]
    assert list(table.rows) == [(3, ZHANG), (4, LI)]


def test_without_columns_the_first_visible_sheet_and_its_first_row_are_read_as_before():
    def build(book):
        book.active.title = "填表说明"
        book.active.append(["填表说明：请按模板填写"])
        ledger_sheet(book.create_sheet("人员信息"))

    table = open_table(xlsx(build), "台账.xlsx")

    assert (table.sheet_name, table.header_row, table.headers) == ("填表说明", 1, ["填表说明：请按模板填写"])


def test_a_hidden_first_sheet_is_never_chosen():
    def build(book):
        hidden = book.active
        hidden.title = "旧表"
        hidden.append(["户号", "姓名", "身份证号", "联系电话", "社区", "住址"])
        hidden.append(["OLD1", "旧人", "370125199001011234", "1", "城里居", "x"])
        hidden.sheet_state = "hidden"
        ledger_sheet(book.create_sheet("人员信息"))

    table = open_table(xlsx(build), "台账.xlsx", columns=PEOPLE)

    assert table.sheet_name == "人员信息"
    assert table.sheet_names == ["旧表", "人员信息"]


def test_a_sheet_named_by_the_user_is_read_even_when_another_matches_better():
    def build(book):
        ledger_sheet(book.active)
        book.active.title = "城里居"
        other = book.create_sheet("东关居")
        other.append(["姓名", "身份证号"])
        other.append(["王五", "370125198507081236"])

    table = open_table(xlsx(build), "台账.xlsx", columns=PEOPLE, sheet="东关居")

    assert (table.sheet_name, table.headers) == ("东关居", ["姓名", "身份证号"])
    assert list(table.rows) == [(2, ["王五", "370125198507081236"])]


def test_a_sheet_name_that_is_not_in_the_workbook_is_reported_with_the_names_there_are():
    data = xlsx(lambda book: ledger_sheet(book.active))
    with pytest.raises(TableError) as info:
        open_table(data, "台账.xlsx", columns=PEOPLE, sheet="东关居")
    assert info.value.message == "工作簿中没有名为“东关居”的工作表（现有：“Sheet”）"


def test_a_header_row_chosen_by_the_user_wins_over_the_one_found():
    def build(book):
        sheet = book.active
        sheet.append(["姓名", "身份证号", "联系电话"])  # an old header left above
        sheet.append(["户号", "姓名", "身份证号", "联系电话", "社区"])
        sheet.append(["CL001", "张三", "370125199001011234", "13800000000", "城里居"])

    data = xlsx(build)
    assert open_table(data, "a.xlsx", columns=PEOPLE).header_row == 2

    table = open_table(data, "a.xlsx", columns=PEOPLE, header_row=1)
    assert (table.header_row, table.headers) == (1, ["姓名", "身份证号", "联系电话"])
    assert [number for number, _ in table.rows] == [2, 3]

    without_columns = open_table(data, "a.xlsx", header_row=2)
    assert (without_columns.header_row, without_columns.headers[0]) == (2, "户号")


def test_a_blank_header_row_chosen_by_the_user_is_refused_with_its_number():
    data = xlsx(lambda book: ledger_sheet(book.active))
    with pytest.raises(TableError) as info:
        open_table(data, "a.xlsx", columns=PEOPLE, header_row=40)
    assert info.value.message == "第40行是空行或不存在，不能作为表头，请选择表头所在的行"


def test_the_header_repeated_on_each_printed_page_is_skipped():
    def build(book):
        sheet = book.active
        ledger_sheet(sheet, rows=(ZHANG,))
        sheet.delete_rows(4, 2)  # the footer goes to the last page
        sheet.append([TITLE])
        sheet.append(["序号", "户号", "姓名", "公民身份号码", "联系方式", "社区"])
        sheet.append(LI)

    table = open_table(xlsx(build), "a.xlsx", columns=PEOPLE)

    assert list(table.rows) == [(3, ZHANG), (6, LI)]
    assert table.skipped == [(4, "重复的表头"), (5, "重复的表头")]


def two_row_ledger(book):
    sheet = book.active
    sheet.append([TITLE])
    sheet.merge_cells("A1:F1")
    sheet.append(["序号", "户编号", "家庭成员", None, "联系电话", "村居"])
    sheet.append([None, None, "姓名", "身份证号", None, None])
    sheet.merge_cells("C2:D2")
    for column in "ABEF":
        sheet.merge_cells(f"{column}2:{column}3")
    sheet.append(ZHANG)
    sheet.append(["序号", "户编号", "家庭成员", None, "联系电话", "村居"])
    sheet.append([None, None, "姓名", "身份证号", None, None])
    sheet.append(LI)


def test_a_two_row_header_takes_its_names_from_the_lower_cells_and_the_merged_ones_above():
    table = open_table(xlsx(two_row_ledger), "a.xlsx", columns=PEOPLE)

    assert (table.header_row, table.header_rows) == (2, 2)
    assert table.headers == ["序号", "户编号", "家庭成员姓名", "家庭成员身份证号", "联系电话", "村居"]
    assert match_headers(table.headers, PEOPLE).index == {
        "户编号": 1,
        "姓名": 2,
        "身份证号": 3,
        "联系电话": 4,
        "村居": 5,
    }
    assert list(table.rows) == [(4, ZHANG), (7, LI)]
    assert table.skipped == [(5, "重复的表头"), (6, "重复的表头")]


def test_a_parent_label_is_joined_to_a_child_only_when_that_names_a_column():
    def build(book):
        sheet = book.active
        sheet.append(["户编号", "户主", None, "家庭成员", None])
        sheet.append([None, "姓名", "身份证号", "姓名", "身份证号"])
        sheet.merge_cells("A1:A2")
        sheet.merge_cells("B1:C1")
        sheet.merge_cells("D1:E1")
        sheet.append(["CL001", "张三", "370125199001011234", "李四", "370125199203041235"])

    data = xlsx(build)
    columns = ["户编号", "姓名", "身份证号", Column("户主姓名", required=False), Column("户主身份证号", required=False)]
    table = open_table(data, "a.xlsx", columns=columns)

    assert table.headers == ["户编号", "户主姓名", "户主身份证号", "家庭成员姓名", "家庭成员身份证号"]
    assert match_headers(table.headers, columns).ok
    plain = open_table(data, "a.xlsx", columns=["户编号", "姓名", "身份证号"])
    assert plain.headers == ["户编号", "户主姓名", "户主身份证号", "家庭成员姓名", "家庭成员身份证号"]
    match = match_headers(plain.headers, ["户编号", "姓名", "身份证号"])
    assert match.index == {"户编号": 0, "姓名": 3, "身份证号": 4}  # the members', not the head's
    assert match.unknown == ["户主姓名", "户主身份证号"]


def test_an_xls_workbook_with_a_title_and_a_footer_is_read_like_an_xlsx(tmp_path):
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("人员信息")
    sheet.write_merge(0, 0, 0, 5, TITLE)
    for row, values in enumerate(
        [["序号", "户号", "姓名", "身份证号码", "联系方式", "村（居）"], ZHANG, LI, ["填表人：刘洋"]], start=1
    ):
        for column, value in enumerate(values):
            sheet.write(row, column, value)
    path = tmp_path / "台账.xls"
    book.save(str(path))

    table = open_table(path, "台账.xls", columns=PEOPLE)

    assert (table.source_format, table.header_row) == ("xls", 2)
    assert list(table.rows) == [(3, ZHANG), (4, LI)]
    assert table.skipped == [(5, "表尾（填表人…）")]
    et = path.read_bytes()  # WPS 表格 saves the same OLE2 workbook under .et
    assert list(open_table(et, "台账.et", columns=PEOPLE).rows) == [(3, ZHANG), (4, LI)]


def test_an_et_file_that_is_not_a_workbook_asks_for_xlsx_from_wps():
    with pytest.raises(TableError) as info:
        open_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "台账.et")
    assert info.value.message == "无法读取这个 WPS 表格文件（.et），请在 WPS 中另存为 .xlsx 后再导入"


def test_a_gbk_csv_with_a_title_line_and_a_footer_is_read_from_its_header():
    text = "\r\n".join(
        [
            TITLE,
            "序号,户号,姓名,身份证号码,联系方式,社区",
            ",".join(str(v) for v in ZHANG),
            ",".join(str(v) for v in LI),
            "合计,2人,,,,",
            "制表人：刘洋,,审核人：陈静,,,",
        ]
    )
    table = open_table(text.encode("gbk"), "台账.csv", columns=PEOPLE)

    assert (table.encoding, table.header_row, table.sheet_names) == ("gb18030", 2, [])
    assert [row for _, row in table.rows] == [[str(v) for v in ZHANG], [str(v) for v in LI]]
    assert table.skipped == [(5, "表尾（合计…）"), (6, "表尾（制表人…）")]


def test_a_remembered_mapping_makes_an_unusual_header_count_and_can_ignore_a_column():
    def build(book):
        book.active.append(["户号", "户主姓名", "本人姓名", "身份证号", "手机（本人）", "社区"])
        book.active.append(["CL001", "张三", "张三", "370125199001011234", "13800000000", "城里居"])

    mapping = {"本人姓名": "姓名", "户主姓名": ""}
    table = open_table(xlsx(build), "a.xlsx", columns=PEOPLE, mapping=mapping)
    match = match_headers(table.headers, PEOPLE, mapping=mapping)

    assert match.index == {"户编号": 0, "姓名": 2, "身份证号": 3, "联系电话": 4, "村居": 5}
    assert match.unknown == []


@settings(max_examples=40, deadline=None)
@given(
    titles=st.lists(
        st.lists(st.sampled_from(["", "人员信息台账", "单位：城里居", "2020年9月", "（盖章）"]), max_size=4),
        max_size=6,
    )
)
def test_a_header_below_any_title_rows_is_found_right_below_them(titles):
    lines = [",".join(cells) for cells in titles]
    lines += ["户号,姓名,身份证号,联系电话,社区", "CL001,张三,370125199001011234,13800000000,城里居"]
    table = open_table("\n".join(lines).encode(), "a.csv", columns=PEOPLE)

    assert table.header_row == len(titles) + 1
    assert list(table.rows) == [(len(titles) + 2, ["CL001", "张三", "370125199001011234", "13800000000", "城里居"])]
