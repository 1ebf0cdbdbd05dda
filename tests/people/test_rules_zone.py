"""The zone assessment's rules: ranks with ties and gaps, rank to score, weighted totals and the 综合排名."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.people.rules import zone as rules

D = Decimal


@pytest.mark.parametrize(
    ("values", "higher", "expected"),
    [
        ({"甲": D(3), "乙": D(2), "丙": D(1)}, True, {"甲": 1, "乙": 2, "丙": 3}),
        ({"甲": D(3), "乙": D(2), "丙": D(1)}, False, {"甲": 3, "乙": 2, "丙": 1}),
        ({"甲": D(5), "乙": D(5), "丙": D(1)}, True, {"甲": 1, "乙": 1, "丙": 3}),
        ({"甲": D(5), "乙": D(1), "丙": D(1)}, True, {"甲": 1, "乙": 2, "丙": 2}),
        ({"甲": D(5), "乙": None, "丙": D(1)}, True, {"甲": 1, "乙": 3, "丙": 2}),
        ({"甲": None, "乙": None, "丙": D(1)}, True, {"甲": 3, "乙": 3, "丙": 1}),
        ({"甲": D(0.5), "乙": None}, False, {"甲": 1, "乙": 2}),
        ({"甲": D(7)}, True, {"甲": 1}),
    ],
)
def test_zones_are_ranked_per_indicator_ties_sharing_the_better_rank_and_gaps_last(values, higher, expected):
    assert rules.ranks(values, higher_is_better=higher) == expected


@pytest.mark.parametrize(
    ("rank", "zones", "score"),
    [(1, 1, "100"), (1, 5, "100"), (2, 5, "90"), (5, 5, "60"), (2, 4, "86.67"), (3, 4, "73.33"), (2, 2, "60")],
)
def test_a_rank_scores_from_100_for_the_first_down_to_60_for_the_last(rank, zones, score):
    assert rules.rank_score(rank, zones) == D(score)


def test_the_totals_weigh_the_scores_and_rank_the_zones():
    indicators = [
        rules.Indicator("营业收入", "经济总量", "亿元", D(60)),
        rules.Indicator("能耗", "发展质量", "", D(40), False),
    ]
    figures = {
        "甲": {"营业收入": D(300), "能耗": D("0.9")},
        "乙": {"营业收入": D(200), "能耗": D("0.5")},
        "丙": {"营业收入": D(100)},
    }
    rows = rules.assess(indicators, figures)
    # 甲: 100×60% + 80×40% = 92; 乙: 80×60% + 100×40% = 88; 丙: 60×60% + 60×40% (no 能耗: last) = 60
    assert [(r.zone, r.total, r.rank) for r in rows] == [("甲", D(92), 1), ("乙", D(88), 2), ("丙", D(60), 3)]
    assert [(c.value, c.rank, c.score) for c in rows[2].cells] == [(D(100), 3, D(60)), (None, 3, D(60))]
    assert rows[0].groups == (("经济总量", D(60)), ("发展质量", D(32)))


def test_equal_totals_share_the_rank():
    indicators = [rules.Indicator("甲指标", "经济总量", "", D(50)), rules.Indicator("乙指标", "经济总量", "", D(50))]
    rows = rules.assess(indicators, {"甲": {"甲指标": D(2), "乙指标": D(1)}, "乙": {"甲指标": D(1), "乙指标": D(2)}})
    assert [(r.zone, r.rank, r.total) for r in rows] == [("甲", 1, D(80)), ("乙", 1, D(80))]


def test_a_zone_named_without_figures_is_last_everywhere():
    rows = rules.assess(rules.DEFAULT_INDICATORS, {"甲": {"营业收入": D(1)}}, zones=["乙"])
    assert [(r.zone, r.total, r.rank) for r in rows] == [("甲", D(66), 1), ("乙", D(60), 2)]  # 15×100% + 85×60%


@pytest.mark.parametrize(
    ("indicators", "problem"),
    [
        (rules.DEFAULT_INDICATORS, ""),
        ((), "至少要有一项指标"),
        (
            (rules.Indicator("甲", "经济总量", "", D(50)), rules.Indicator("甲", "经济总量", "", D(50))),
            "指标名称重复：甲",
        ),
        (
            (rules.Indicator("甲", "经济总量", "", D(100)), rules.Indicator("乙", "经济总量", "", D(0))),
            "每项指标的权重都要大于 0",
        ),
        ((rules.Indicator("甲", "经济总量", "", D("99.5")),), "各项指标权重合计应为 100，现为 99.5"),
    ],
)
def test_a_set_of_indicators_needs_unique_names_and_weights_totalling_100(indicators, problem):
    assert rules.weights_problem(indicators) == problem


def test_the_default_weights_total_100_and_only_energy_is_lower_is_better():
    assert rules.weights_problem(rules.DEFAULT_INDICATORS) == ""
    assert [i.name for i in rules.DEFAULT_INDICATORS if not i.higher_is_better] == ["单位增加值能耗"]


# --- properties --------------------------------------------------------------------------------------------

values = st.one_of(st.none(), st.integers(0, 20).map(D))
zone_names = st.lists(st.sampled_from("甲乙丙丁戊己庚辛"), min_size=1, max_size=8, unique=True)
INDICATORS = (
    rules.Indicator("一", "经济总量", "", D(30)),
    rules.Indicator("二", "经济总量", "", D("45.5")),
    rules.Indicator("三", "发展质量", "", D("24.5"), higher_is_better=False),
)


@st.composite
def comparison(draw):
    zones = draw(zone_names)
    return {z: {i.name: v for i in INDICATORS if (v := draw(values)) is not None} for z in zones}


@given(comparison())
def test_every_score_and_total_lies_between_60_and_100(figures):
    for row in rules.assess(INDICATORS, figures):
        assert D(60) <= row.total <= D(100)
        assert all(D(60) <= cell.score <= D(100) for cell in row.cells)


@given(comparison())
def test_equal_figures_get_equal_ranks_and_scores_and_a_better_figure_never_ranks_worse(figures):
    rows = rules.assess(INDICATORS, figures)
    for n, indicator in enumerate(INDICATORS):
        sign = 1 if indicator.higher_is_better else -1
        for a in rows:
            for b in rows:
                x, y = a.cells[n], b.cells[n]
                if x.value == y.value:
                    assert (x.rank, x.score) == (y.rank, y.score)
                elif x.value is not None and (y.value is None or sign * (x.value - y.value) > 0):
                    assert x.rank < y.rank and x.score > y.score


@given(st.dictionaries(st.sampled_from("甲乙丙丁戊"), st.integers(0, 50).map(D), min_size=1))
def test_reversing_lower_is_better_equals_ranking_the_negated_figures(values):
    assert rules.ranks(values, higher_is_better=False) == rules.ranks({z: -v for z, v in values.items()})


@given(comparison(), st.randoms())
def test_the_order_the_zones_come_in_changes_nobodys_total_or_rank(figures, random):
    zones = list(figures)
    random.shuffle(zones)
    shuffled = {z: figures[z] for z in zones}
    first = {r.zone: (r.total, r.rank, r.cells) for r in rules.assess(INDICATORS, figures)}
    again = {r.zone: (r.total, r.rank, r.cells) for r in rules.assess(INDICATORS, shuffled)}
    assert first == again


@given(comparison())
def test_the_rows_come_best_first_and_equal_totals_share_the_rank(figures):
    rows = rules.assess(INDICATORS, figures)
    assert [r.rank for r in rows] == sorted(r.rank for r in rows)
    for a in rows:
        for b in rows:
            assert (a.total == b.total) == (a.rank == b.rank)
            assert (a.total > b.total) == (a.rank < b.rank)


@given(comparison())
def test_the_groups_parts_add_up_to_the_total_but_for_rounding(figures):
    for row in rules.assess(INDICATORS, figures):
        assert [group for group, _ in row.groups] == ["经济总量", "发展质量"]
        assert abs(sum(part for _, part in row.groups) - row.total) <= D("0.01")
