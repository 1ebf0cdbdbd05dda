"""The award rules: criteria adding up to 100, the weighted score half up, the ranking's tie-breaks and the pool split
by tier shares to the fen, never above the pool."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taizhang.enterprise.rules import awards as rules
from taizhang.enterprise.rules.awards import AwardRefused, Candidate, Tier

D = Decimal


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (rules.DEFAULT_CRITERIA_TEXT, ""),
        ("税收贡献 60\n增长 40", ""),
        ("税收贡献 60\n增长 30", "合计应为 100，现在是 90"),
        ("税收贡献 60\n税收贡献 40", "不能重复"),
        ("税收贡献 100\n增长 0", "应大于 0"),
        ("税收贡献 四十", "应为整数"),
        ("税收贡献", "名称 权重"),
        ("", "至少填写一项"),
    ],
)
def test_criteria_are_refused_unless_their_weights_total_100(text, problem):
    if problem:
        with pytest.raises(AwardRefused, match=problem):
            rules.parse_criteria(text)
    else:
        assert sum(c.weight for c in rules.parse_criteria(text)) == 100


def test_tiers_are_read_as_name_places_and_shares():
    assert rules.parse_tiers(rules.DEFAULT_TIERS_TEXT) == [
        Tier("特等奖", 1, 3),
        Tier("一等奖", 3, 2),
        Tier("二等奖", 6, 1),
    ]
    for bad, reason in [("特等奖 0 3", "至少为 1"), ("特等奖 1", "名称 名额 每名份数"), ("a 1 1\na 2 1", "不能重复")]:
        with pytest.raises(AwardRefused, match=reason):
            rules.parse_tiers(bad)


@pytest.mark.parametrize(
    ("sheets", "weights", "expected"),
    [
        ([[D(90), D(80)]], [60, 40], D("86.00")),
        ([[D(90), D(80)], [D(70), D(60)]], [60, 40], D("76.00")),
        # 85.555 exactly: half up to 85.56 (not banker's 85.56/85.55)
        ([[D("85.55"), D("85.56")]], [50, 50], D("85.56")),  # 85.555
        ([[D("85.55"), D("85.55")], [D("85.56"), D("85.55")]], [50, 50], D("85.55")),  # 85.5525
        ([[D(100), None]], [50, 50], None),  # an incomplete sheet does not count
        ([[D(100), None], [D(80), D(80)]], [50, 50], D("80.00")),
        ([], [100], None),
    ],
)
def test_a_nominations_score_is_the_weighted_mean_over_complete_sheets_half_up(sheets, weights, expected):
    assert rules.nomination_score(sheets, weights) == expected


def test_the_ranking_breaks_ties_by_the_first_criterion_then_the_name_then_the_order_given():
    a = Candidate(1, "张三", D("90.00"), Fraction(80))
    b = Candidate(2, "李四", D("90.00"), Fraction(85))
    c = Candidate(3, "王五", D("95.00"), Fraction(10))
    d = Candidate(4, "张三", D("90.00"), Fraction(80))
    e = Candidate(5, "孙六", D("90.00"), Fraction(80))
    ranked = rules.ranking([a, b, c, d, e])
    # 王五 scores highest; of the 90s 李四 has the best first criterion; 孙 (U+5B59) sorts before 张 (U+5F20).
    assert [x.key for x in ranked] == [3, 2, 5, 1, 4]


@pytest.mark.parametrize(
    ("pool", "tiers", "ranked", "expected"),
    [
        (
            D("10000000.00"),
            [Tier("特等奖", 1, 3), Tier("一等奖", 3, 2), Tier("二等奖", 6, 1)],
            10,
            [("特等奖", D("2000000.00"))]
            + [("一等奖", D("1333333.33"))] * 3
            + [("二等奖", D("666666.67"))] * 5
            + [("二等奖", D("666666.66"))],
        ),
        (D("100.00"), [Tier("一等", 3, 1)], 3, [("一等", D("33.34")), ("一等", D("33.33")), ("一等", D("33.33"))]),
        (D("100.00"), [Tier("一等", 3, 1)], 2, [("一等", D("33.34")), ("一等", D("33.33"))]),  # a place unfilled
        (D("0.01"), [Tier("一等", 2, 1)], 2, [("一等", D("0.01")), ("一等", D("0.00"))]),
        (D("90.00"), [Tier("特等", 1, 2), Tier("一等", 1, 1)], 5, [("特等", D("60.00")), ("一等", D("30.00"))]),
    ],
)
def test_the_pool_is_split_over_the_places_by_shares_to_the_fen(pool, tiers, ranked, expected):
    assert rules.allocate(pool, tiers, ranked) == expected


def test_the_default_pool_adds_up_exactly_over_all_places():
    tiers = rules.parse_tiers(rules.DEFAULT_TIERS_TEXT)
    assert sum(amount for _, amount in rules.allocate(rules.DEFAULT_POOL, tiers, 10)) == rules.DEFAULT_POOL


tiers_st = st.lists(
    st.builds(Tier, st.text("甲乙丙丁", min_size=1, max_size=3), st.integers(1, 8), st.integers(1, 20)),
    min_size=1,
    max_size=5,
)
pools = st.integers(0, 10**10).map(lambda fen: Decimal(fen) / 100)


# No deadline: the machine's two cores are shared, and a slow example here is load, not a bug.
@settings(deadline=None)
@given(pool=pools, tiers=tiers_st, ranked=st.integers(0, 60))
def test_what_is_allocated_never_exceeds_the_pool_and_all_places_add_up_to_it(pool, tiers, ranked):
    allocated = rules.allocate(pool, tiers, ranked)
    assert len(allocated) == min(ranked, rules.places(tiers))
    assert sum((a for _, a in allocated), Decimal(0)) <= pool
    every = rules.place_amounts(pool, tiers)
    assert sum((a for _, a in every), Decimal(0)) == pool
    assert all(a == a.quantize(rules.FEN) and a >= 0 for _, a in every)
    # a place gets its exact share, less than a fen away
    total = sum(t.places * t.shares for t in tiers)
    shares = [t.shares for t in tiers for _ in range(t.places)]
    for (_, amount), share in zip(every, shares, strict=True):
        assert abs(Fraction(amount) - Fraction(pool) * share / total) < Fraction(1, 100)


@given(st.lists(st.lists(st.integers(0, 10000).map(lambda v: Decimal(v) / 100), min_size=3, max_size=3), max_size=6))
def test_a_score_stays_within_the_reviewers_range(sheets):
    weights = [50, 30, 20]
    score = rules.nomination_score(sheets, weights)
    if not sheets:
        assert score is None
        return
    each = [rules.reviewer_score(s, weights) for s in sheets]
    assert rules.half_up(min(each)) <= score <= rules.half_up(max(each))
    assert Decimal(0) <= score <= Decimal(100)


@given(st.lists(st.tuples(st.integers(0, 100), st.integers(0, 100), st.sampled_from("甲乙丙")), max_size=8))
def test_the_ranking_orders_by_score_and_is_the_same_whatever_order_ties_come_in_except_identical_ones(rows):
    candidates = [Candidate(i, name, Decimal(score), Fraction(first)) for i, (score, first, name) in enumerate(rows)]
    ranked = rules.ranking(candidates)
    assert sorted(c.key for c in ranked) == list(range(len(rows)))
    keys = [(-c.score, -c.first, c.name) for c in ranked]
    assert keys == sorted(keys)
    reversed_ranking = rules.ranking(list(reversed(candidates)))
    assert [(c.score, c.first, c.name) for c in reversed_ranking] == [(c.score, c.first, c.name) for c in ranked]


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("0", True),
        ("100", True),
        ("99.99", True),
        ("100.01", False),
        ("-1", False),
        ("9.999", False),
        ("abc", False),
        ("", True),
    ],
)
def test_a_score_is_0_to_100_with_at_most_two_decimals(text, ok):
    if ok:
        value = rules.parse_score(text)
        assert value is None if text == "" else value == Decimal(text)
    else:
        with pytest.raises(AwardRefused):
            rules.parse_score(text)
