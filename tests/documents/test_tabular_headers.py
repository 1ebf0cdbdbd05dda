"""Header matching: taizhang.documents.tabular.match_headers and normalize_header."""

from hypothesis import given, settings
from hypothesis import strategies as st

from taizhang.documents.tabular import (
    match_headers,
    normalize_header,
)


def test_match_headers_finds_columns_ignoring_stars_spaces_and_parenthesis_width():
    headers = ["身份证号*", "户编号 ", "联系电话（手机）", "\u3000姓名", ""]
    match = match_headers(headers, required=["姓名", "身份证号", "户编号"], optional=["联系电话(手机)"])
    assert match.index == {"身份证号": 0, "户编号": 1, "联系电话(手机)": 2, "姓名": 3}
    assert match.missing == []
    assert match.unknown == []
    assert match.duplicated == []
    assert match.ok


def test_match_headers_reports_missing_required_columns_in_required_order():
    match = match_headers(["姓名"], required=["户编号", "姓名", "身份证号"], optional=["备注"])
    assert match.missing == ["户编号", "身份证号"]
    assert "备注" not in match.index
    assert not match.ok
    assert match.problems() == ["缺少必填列：「户编号」、「身份证号」"]


def test_match_headers_reports_unknown_columns_but_not_blank_ones():
    match = match_headers(["姓名", "", "爱好", "籍贯 "], required=["姓名"])
    assert match.unknown == ["爱好", "籍贯"]
    assert match.ok  # unknown columns alone do not block an import


def test_match_headers_reports_duplicated_columns_and_keeps_the_first():
    match = match_headers(["姓名", "身份证号", "姓名*", "身份证号", "身份证号"], required=["姓名", "身份证号"])
    assert match.duplicated == ["姓名", "身份证号"]
    assert match.index == {"姓名": 0, "身份证号": 1}
    assert not match.ok
    assert "表头中有重复的列" in match.problems()[0]


def test_normalize_header_examples():
    assert normalize_header(" 身份证号* ") == "身份证号"
    assert normalize_header("＊户编号") == "户编号"
    assert normalize_header("金额（元）") == "金额(元)"
    assert normalize_header("身份证\n号码") == "身份证号码"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="姓名身份证号户编（）()* \u3000abc", max_size=12))
def test_normalize_header_is_idempotent(text):
    once = normalize_header(text)
    assert normalize_header(once) == once
