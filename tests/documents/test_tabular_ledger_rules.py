"""The pure rules behind reading ledgers: which rows are a footer, which header texts mean which column, and
which of a sheet's top rows is the header."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taizhang.documents.tabular import COMMON_SYNONYMS, Column, HeaderLookup, match_headers, split_columns
from taizhang.documents.tabular.finding import choose_header
from taizhang.documents.tabular.footers import footer_word, row_footer_word
from taizhang.documents.tabular.rows import _clean_cells

# -- the footer ------------------------------------------------------------------------------------------

FOOTERS = [
    ("填表人：刘洋", "填表人"),
    ("填 表 人：刘洋", "填表人"),
    ("填报人:刘洋", "填报人"),
    ("制表人：", "制表人"),
    ("审核人：陈静", "审核人"),
    ("审批人：", "审批人"),
    ("负责人：", "负责人"),
    ("单位负责人：张书记", "单位负责人"),
    ("统计人：", "统计人"),
    ("联系人：刘洋 13800000000", "联系人"),
    ("制表日期：2020年9月30日", "制表日期"),
    ("填表日期：2020.9.30", "填表日期"),
    ("填报日期：", "填报日期"),
    ("报送日期：", "报送日期"),
    ("合计", "合计"),
    ("合  计", "合计"),
    ("合计：35户", "合计"),
    ("总计", "总计"),
    ("小计", "小计"),
    ("注：1.身份证号填18位", "注"),
    ("注:本表一式两份", "注"),
    ("说明：", "说明"),
    ("备注：以上人员已核实", "备注"),
    ("填表说明：", "填表说明"),
    ("填报单位（盖章）：城里居", "填报单位"),
]
NOT_FOOTERS = [
    "张三",
    "王合计",  # a name
    "联系人",  # a column's word without a colon is not a signature
    "注意事项较多",
    "说明书",
    "单伟",  # 单 is a surname
    "总户数统计",
    "CL001",
    "370125199001011234",
    "1",
    "",
]


@pytest.mark.parametrize(("text", "word"), FOOTERS)
def test_a_footer_line_is_recognised_by_its_first_word(text, word):
    assert footer_word(text) == word


@pytest.mark.parametrize("text", NOT_FOOTERS)
def test_data_cells_are_not_a_footer(text):
    assert footer_word(text) is None


def test_a_rows_footer_word_is_that_of_its_first_non_blank_cell_and_only_a_text_one():
    assert row_footer_word([None, None, "填表人：刘洋", "审核人：陈静"]) == "填表人"
    assert row_footer_word([3, "合计"]) is None
    assert row_footer_word([None, "张三", "合计"]) is None


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.integers(min_value=0), st.from_regex(r"[0-9A-Za-z][0-9A-Za-z\u4e00-\u9fff]{0,20}", fullmatch=True)))
def test_a_row_starting_with_a_serial_number_or_a_code_is_never_a_footer(first):
    values, _ = _clean_cells([first, "合计", "填表人：刘洋"])
    assert row_footer_word(values) is None


# -- header texts and synonyms -----------------------------------------------------------------------------

SYNONYMS = [
    ("身份证号", "身份证号码"),
    ("身份证号", "公民身份号码"),
    ("身份证号", "公民身份证号码"),
    ("身份证号", "证件号码"),
    ("身份证号", "身份证号（18位）"),
    ("联系电话", "联系方式"),
    ("联系电话", "手机号码"),
    ("联系电话", "联系电话\n（手机）"),
    ("村居", "社区"),
    ("村居", "村（社区）"),
    ("村居", "村(居)"),
    ("村居", "所属村居"),
    ("户编号", "户号"),
    ("地址", "家庭住址"),
    ("与户主关系", "与户主的关系"),
    ("帮扶责任人", "帮扶干部"),
    ("走访日期", "入户日期"),
    ("开户银行", "开户行"),
    ("银行账号", "银行卡号"),
    ("帮扶类别", "户类型"),
    ("出生日期", "出生年月日"),
]


@pytest.mark.parametrize(("canonical", "header"), SYNONYMS)
def test_ledgers_ways_of_writing_a_column_are_recognised(canonical, header):
    match = match_headers(["序号", header], [canonical])
    assert match.index == {canonical: 1}
    assert match.unknown == []


@pytest.mark.parametrize(
    ("canonical", "header"), [("姓名", "户主姓名"), ("出生日期", "出生年月"), ("户编号", "户主编号")]
)
def test_a_different_thing_is_not_taken_for_a_column(canonical, header):
    match = match_headers([header], [canonical])
    assert match.missing == [canonical]
    assert match.unknown == [header]


def test_every_synonym_is_a_distinct_text_that_is_not_its_own_canonical_name():
    for canonical, texts in COMMON_SYNONYMS.items():
        assert canonical not in texts
        assert len(set(texts)) == len(texts), canonical


def test_a_column_named_exactly_wins_over_another_columns_synonym():
    match = match_headers(["户号", "户编号", "住址"], ["户号", "户编号"], ["地址"])
    assert match.index == {"户号": 0, "户编号": 1, "地址": 2}


def test_a_synonym_two_expected_columns_claim_means_neither():
    match = match_headers(
        ["登记日期"], ["走访日期", "界定日期"], synonyms={"走访日期": ["登记日期"], "界定日期": ["登记日期"]}
    )
    assert match.index == {}
    assert match.unknown == ["登记日期"]


def test_the_callers_synonyms_and_a_columns_own_are_used():
    assert match_headers(["低保证号"], ["低保编号"], synonyms={"低保编号": ("低保证号",)}).ok
    assert match_headers(["低保证号"], [Column("低保编号", synonyms=("低保证号",))]).ok


def test_a_remembered_mapping_comes_first_and_can_ignore_a_column():
    mapping = {"电话": "", "家长手机": "联系电话", "备用": "不在本表中的列"}
    match = match_headers(["电话", "家长手机", "备用"], ["联系电话"], mapping=mapping)
    assert match.index == {"联系电话": 1}
    assert match.unknown == ["备用"]  # a remembered name that is not expected here is not used


def test_columns_split_into_required_optional_and_their_synonyms():
    columns = [Column("姓名"), Column("地址", ("住处",), required=False), "身份证号"]
    assert split_columns(columns) == (["姓名", "身份证号"], ["地址"], {"地址": ("住处",)})
    match = match_headers(["住处"], columns)
    assert match.missing == ["姓名", "身份证号"]
    assert match.recognised == 1


def test_a_column_listed_as_optional_stays_optional():
    lookup = HeaderLookup(["姓名"], [Column("地址")])
    assert lookup.optional == ["地址"]
    assert match_headers(["姓名"], ["姓名"], [Column("地址")]).ok


# -- choosing the header among the top rows ------------------------------------------------------------------


def top_rows(*rows):
    """Rows as the reader keeps them: (number, raw, values, used), blank ones left out."""
    out = []
    for number, raw in enumerate(rows, start=1):
        values, used = _clean_cells(list(raw))
        if used:
            out.append((number, raw, values, used))
    return out


PEOPLE = HeaderLookup(["姓名", "身份证号"], ["联系电话"])


def test_the_first_non_blank_row_is_the_header_when_no_columns_are_expected():
    choice = choose_header(top_rows([], ["人员信息台账"], ["姓名", "身份证号"]), None)
    assert (choice.position, choice.headers) == (0, ["人员信息台账"])


def test_a_title_row_never_wins_even_spread_over_the_header_by_a_merge():
    rows = top_rows(["姓名 身份证号 联系电话"], ["姓名", "身份证号", None], ["张三", "370125199001011234", "138"])
    merged = [((0, 0), (0, 2))]
    choice = choose_header(rows, PEOPLE, merged)
    assert (choice.position, choice.rows, choice.headers) == (1, 1, ["姓名", "身份证号"])


def test_a_two_row_header_wins_only_when_it_recognises_strictly_more():
    upper_adds_one = top_rows(["基本信息", None, "联系电话"], ["姓名", "身份证号", None])
    choice = choose_header(upper_adds_one, PEOPLE, [((0, 0), (0, 1)), ((0, 2), (1, 2))])
    assert (choice.position, choice.rows, choice.headers) == (0, 2, ["姓名", "身份证号", "联系电话"])

    upper_adds_nothing = top_rows(["基本信息", None, "备注"], ["姓名", "身份证号", "联系电话"])
    choice = choose_header(upper_adds_nothing, PEOPLE, [((0, 0), (0, 1))])
    assert (choice.position, choice.rows) == (1, 1)


def test_a_forced_header_row_is_taken_and_a_missing_one_gives_nothing():
    rows = top_rows(["姓名", "身份证号"], ["张三", "370125199001011234"])
    assert choose_header(rows, PEOPLE, header_row=2).headers == ["张三", "370125199001011234"]
    assert choose_header(rows, PEOPLE, header_row=5) is None


@settings(max_examples=200, deadline=None)
@given(
    titles=st.lists(
        st.lists(st.sampled_from([None, "人员信息台账", "单位：城里居", "（盖章）", 2020]), max_size=5), max_size=8
    ),
    header=st.permutations(["序号", "姓名", "公民身份号码", "联系方式", "备注"]),
)
def test_a_header_below_k_title_rows_is_found_at_row_k_plus_one(titles, header):
    rows = top_rows(*titles, header, [1, "张三", "370125199001011234", "138", None])
    choice = choose_header(rows, PEOPLE)
    assert rows[choice.position][0] == len(titles) + 1
    assert choice.headers == list(header)


def test_a_column_written_exactly_beats_its_synonym_which_is_then_just_an_unknown_column():
    match = match_headers(["联系电话", "手机号码", "联系电话（座机）"], ["联系电话"])
    assert match.index == {"联系电话": 0}
    assert match.duplicated == []
    assert match.unknown == ["手机号码", "联系电话（座机）"]


def test_two_synonyms_of_one_column_are_duplicates_for_the_user_to_settle():
    match = match_headers(["手机号码", "电话"], ["联系电话"])
    assert match.duplicated == ["联系电话"]
    assert match_headers(["手机号码", "电话"], ["联系电话"], mapping={"电话": ""}).ok
