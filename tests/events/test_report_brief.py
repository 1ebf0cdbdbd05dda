"""The brief in the street office's style: what took place is named, once each; what did not is left out."""

import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.events.rules.brief import (
    BriefFigures,
    Winner,
    brief,
    count_text,
    money_text,
    short_place,
)

DAY = date(2020, 9, 19)
FESTIVAL = BriefFigures(
    day=DAY,
    unit="崔寨街道",
    event="2020年崔寨街道农民丰收节",
    place="崔寨街道东辛村（旧址）黄河滩区 · 黄河人家千亩荷塘",
    stalls=26,
    crowd=3200,
    shows=1,
    pickings=3,
    games=3,
    winners=(Winner("趣味运动会·拔河", "东辛村队"), Winner("趣味运动会·运粮接力", "西辛村队")),
    vendors_reporting=24,
    sales=Decimal("46180.00"),
)


def test_the_festival_s_brief_reads_as_the_street_office_writes_it():
    assert brief(FESTIVAL) == (
        "9月19日，崔寨街道在黄河人家千亩荷塘举办2020年农民丰收节，设展销摊位26个，参与群众约3200人次，"
        "开展群众演出1场、现场采摘3场、农民趣味运动会3项。展销期间，24户摊主共售出农副产品约4.62万元。"
        "趣味运动会上，东辛村队获拔河第一名，西辛村队获运粮接力第一名。"
    )


@pytest.mark.parametrize(
    ("changes", "absent", "present"),
    [
        ({"stalls": 0}, "展销摊位", "参与群众约3200人次"),
        ({"crowd": 0}, "参与群众", "设展销摊位26个"),
        ({"shows": 0}, "群众演出", "开展现场采摘3场"),
        ({"shows": 0, "pickings": 0, "games": 0}, "开展", "参与群众约3200人次。"),
        ({"sales": Decimal(0)}, "售出", "设展销摊位26个"),
        ({"vendors_reporting": 0}, "摊主", "设展销摊位26个"),
        ({"sales": Decimal("0.40")}, "售出", "设展销摊位26个"),  # rounds to nothing
        ({"winners": ()}, "第一名", "农民趣味运动会3项"),
        ({"place": ""}, "在", "崔寨街道举办2020年农民丰收节"),
    ],
)
def test_what_did_not_take_place_is_left_out(changes, absent, present):
    from dataclasses import replace

    text = brief(replace(FESTIVAL, **changes))
    assert absent not in text
    assert present in text


@pytest.mark.parametrize(
    ("n", "shown"), [(0, "0"), (3200, "3200"), (9999, "9999"), (10000, "1万"), (12345, "1.2万"), (125000, "12.5万")]
)
def test_counts_read_in_ten_thousands_from_ten_thousand(n, shown):
    assert count_text(n) == shown


@pytest.mark.parametrize(
    ("yuan", "shown"),
    [
        ("8650.40", "8650元"),
        ("8650.50", "8651元"),  # half up
        ("9999.49", "9999元"),
        ("10000", "1万元"),
        ("46180", "4.62万元"),
        ("46185", "4.62万元"),
        ("46150", "4.62万元"),  # 4.615 half up
        ("1234567.89", "123.46万元"),
    ],
)
def test_money_reads_in_yuan_then_in_wan_yuan_half_up(yuan, shown):
    assert money_text(Decimal(yuan)) == shown


def test_the_place_people_know_is_the_last_part_of_the_address():
    assert short_place("崔寨街道东辛村（旧址）黄河滩区 · 黄河人家千亩荷塘") == "黄河人家千亩荷塘"
    assert short_place("新市村荷塘") == "新市村荷塘"


figures = st.builds(
    BriefFigures,
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
    unit=st.sampled_from(["崔寨街道", "新市镇"]),
    event=st.sampled_from(["2020年崔寨街道农民丰收节", "秋季农产品展销会"]),
    place=st.sampled_from(["", "黄河人家千亩荷塘", "东辛村 · 广场"]),
    stalls=st.integers(0, 500),
    crowd=st.integers(0, 200_000),
    shows=st.integers(0, 5),
    pickings=st.integers(0, 9),
    games=st.integers(0, 9),
    winners=st.lists(
        st.builds(Winner, st.sampled_from(["趣味运动会·拔河", "跳绳"]), st.sampled_from(["", "东辛村队", "王五"])),
        max_size=3,
    ).map(tuple),
    vendors_reporting=st.integers(0, 200),
    sales=st.integers(0, 1_000_000_000).map(lambda fen: Decimal(fen) / 100),
)
ZERO_CLAUSE = re.compile(r"(?<![\d.])0(个|场|项|人次|户|元|万)")


@given(figures)
def test_a_brief_never_has_a_zero_clause_and_names_each_present_figure_once(f):
    text = brief(f)
    assert not ZERO_CLAUSE.search(text), text
    assert text.startswith(f"{f.day.month}月{f.day.day}日，{f.unit}")
    assert text.endswith("。")
    expected = {
        f"设展销摊位{f.stalls}个": f.stalls > 0,
        f"参与群众约{count_text(f.crowd)}人次": f.crowd > 0,
        f"群众演出{f.shows}场": f.shows > 0,
        f"现场采摘{f.pickings}场": f.pickings > 0,
        f"农民趣味运动会{f.games}项": f.games > 0,
        f"{f.vendors_reporting}户摊主": f.vendors_reporting > 0 and f.sales >= Decimal("0.5"),
    }
    for clause, present in expected.items():
        assert text.count(clause) == (1 if present else 0), (clause, text)
    assert ("售出" in text) == (f.vendors_reporting > 0 and f.sales >= Decimal("0.5"))
    assert text.count("第一名") == sum(1 for w in f.winners if w.entrant)
