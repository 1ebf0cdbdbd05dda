"""The KPI rules: the four scoring methods, the plan's weights, the review score with absent rater types, the
final score and the grades with the 20 % cap — tables of cases and hypothesis properties."""

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.people.rules import kpi as rules

LINES = {"basic_line": D(60), "pass_line": D(70), "excellent_line": D(85), "excellent_share": D(20)}
WEIGHTS = {"superior": D(50), "peer": D(20), "client": D(20), "self": D(10)}


@pytest.mark.parametrize(
    "code, expected",
    [
        ("2020Q3", ("2020Q3", "quarter", date(2020, 7, 1), date(2020, 9, 30))),
        ("2020q1", ("2020Q1", "quarter", date(2020, 1, 1), date(2020, 3, 31))),
        ("2020", ("2020", "year", date(2020, 1, 1), date(2020, 12, 31))),
        ("2020-02", ("2020-02", "month", date(2020, 2, 1), date(2020, 2, 29))),
        (" 2021-7 ", ("2021-07", "month", date(2021, 7, 1), date(2021, 7, 31))),
    ],
)
def test_a_cycle_code_gives_its_kind_and_dates(code, expected):
    assert rules.parse_cycle(code) == expected


@pytest.mark.parametrize("code", ["", "2020Q5", "2020-13", "20Q3", "二〇二〇", "2020Q3" * 500, "1899"])
def test_a_malformed_cycle_code_is_refused_in_chinese(code):
    with pytest.raises(ValueError, match="周期"):
        rules.parse_cycle(code)


@pytest.mark.parametrize(
    "kind, weight, target, actual, deduction, expected",
    [
        ("linear", "30", "100", "100", None, "30.00"),
        ("linear", "30", "100", "90", None, "27.00"),
        ("linear", "30", "100", "150", None, "36.00"),  # capped at 1.2
        ("linear", "30", "100", "60", None, "18.00"),  # at the floor: scores
        ("linear", "30", "100", "59.99", None, "0.00"),  # below the floor: 0
        ("linear", "25", "3", "2", None, "16.67"),  # 25 × 2/3 = 16.666… half up
        ("reverse", "20", "0.5", "0.4", None, "24.00"),  # 0.5/0.4 = 1.25 → cap 1.2
        ("reverse", "20", "0.5", "0.5", None, "20.00"),
        ("reverse", "20", "0.5", "0.8", None, "12.50"),  # 0.625
        ("reverse", "20", "0.5", "1", None, "0.00"),  # 0.5 below the floor
        ("reverse", "20", "0.5", "0", None, "24.00"),  # nothing consumed: the cap
        ("threshold", "10", "1", "1", None, "10.00"),
        ("threshold", "10", "1", "0.99", None, "0.00"),
        ("deduct", "10", None, "0", "2", "10.00"),
        ("deduct", "10", None, "3", "2", "4.00"),
        ("deduct", "10", None, "6", "2", "0.00"),  # never below 0
        ("linear", "30", "100", None, None, "0.00"),  # no actual
    ],
)
def test_each_scoring_method_scores_as_the_issue_says(kind, weight, target, actual, deduction, expected):
    def d(value):
        return None if value is None else D(value)

    score = rules.indicator_score(
        kind=kind, weight=D(weight), target=d(target), actual=d(actual), deduction=d(deduction)
    )
    assert score == D(expected)


def test_the_floor_and_cap_of_a_method_version_apply():
    assert rules.indicator_score(kind="linear", weight=D(10), target=D(10), actual=D(5), floor=D("0.5"), cap=D(1)) == D(
        "5.00"
    )
    assert rules.indicator_score(
        kind="linear", weight=D(10), target=D(10), actual=D(20), floor=D("0.5"), cap=D(1)
    ) == D("10.00")


@pytest.mark.parametrize(
    "kind, weight, target, actual, expected",
    [
        ("linear", "0", "1", "1", "权重"),
        ("linear", "101", "1", "1", "权重"),
        ("linear", "10", "0", "1", "目标值应大于 0"),
        ("reverse", "10", None, "1", "缺少目标值"),
        ("linear", "10", "1", "-1", "负数"),
        ("deduct", "10", None, "1", ""),
        ("threshold", "10", "0", "0", ""),
    ],
)
def test_an_indicator_that_cannot_be_scored_says_why(kind, weight, target, actual, expected):
    problem = rules.indicator_problem(
        kind=kind,
        weight=D(weight),
        target=None if target is None else D(target),
        actual=D(actual),
        floor=rules.DEFAULT_FLOOR,
        cap=rules.DEFAULT_CAP,
    )
    assert (expected in problem) if expected else problem == ""


def test_a_plan_must_total_100():
    assert rules.weights_problem([D(40), D(30), D(30)]) == ""
    assert rules.weights_problem([D(40), D(30)]) == "各指标权重合计应为 100，现为 70"
    assert rules.weights_problem([D("40.5"), D("59.5")]) == ""


@pytest.mark.parametrize(
    "means, expected",
    [
        ({"superior": D(90), "peer": D(80), "client": D(70), "self": D(100)}, D("85.00")),
        # The Frappe HRMS case: no self-review — its 10 spread over 50/20/20 (75 ÷ 90 % = 83.33), not 75 ÷ 100 %.
        ({"superior": D(90), "peer": D(80), "client": D(70), "self": None}, D("83.33")),
        ({"superior": D(90), "peer": None, "client": None, "self": None}, D("90.00")),
        ({"superior": None, "peer": None, "client": None, "self": None}, None),
        ({"superior": D(80), "self": D(100)}, D("83.33")),  # 50·80+10·100 over 60
    ],
)
def test_the_review_score_spreads_an_absent_types_weight_over_the_present_ones(means, expected):
    assert rules.review_score(means, WEIGHTS) == expected


@pytest.mark.parametrize(
    "kpi, review, expected",
    [
        (D("90"), D("80"), D("87.00")),
        (D("85.55"), D("84.44"), D("85.22")),  # 59.885 + 25.332 = 85.217
        (D("70.005"), None, D("70.01")),  # no review: the KPI score alone, half up
        (D("64.29"), D("72.5"), D("66.75")),  # 45.003 + 21.75 = 66.753
    ],
)
def test_the_final_score_weighs_kpi_and_review_and_rounds_half_up(kpi, review, expected):
    assert rules.final_score(kpi=kpi, review=review, kpi_weight=D(70), review_weight=D(30)) == expected


def test_half_a_cent_rounds_up():
    assert rules.final_score(kpi=D("80.005"), review=None, kpi_weight=D(70), review_weight=D(30)) == D("80.01")


@pytest.mark.parametrize(
    "finals, expected",
    [
        # ten assessed: at most two 优秀
        (
            [95, 92, 90, 88, 80, 75, 70, 69.99, 60, 59.99],
            ["excellent", "excellent", "pass", "pass", "pass", "pass", "pass", "basic", "basic", "fail"],
        ),
        # a tie across the cap: neither of the tied is 优秀
        ([95, 90, 90, 70, 70, 70, 70, 70, 70, 70], ["excellent"] + ["pass"] * 9),
        # a tie within the cap: both are
        ([90, 90, 80, 70, 70, 70, 70, 70, 70, 70], ["excellent", "excellent"] + ["pass"] * 8),
        # four assessed: 20 % of 4 rounds down to 0
        ([99, 98, 97, 96], ["pass"] * 4),
        # five assessed: one; below the excellent line nobody
        ([84.99, 80, 70, 60, 50], ["pass", "pass", "pass", "basic", "fail"]),
    ],
)
def test_grades_follow_the_lines_and_the_20_percent_cap(finals, expected):
    result = rules.grades({i: D(str(f)) for i, f in enumerate(finals)}, **LINES)
    assert [result[i] for i in range(len(finals))] == expected


# --- properties ------------------------------------------------------------------------------------------------

money = st.decimals(min_value=D("0.01"), max_value=D(100000), places=2)
amount = st.decimals(min_value=D(0), max_value=D(100000), places=2)
weight = st.decimals(min_value=D(1), max_value=D(100), places=1)
score = st.decimals(min_value=D(0), max_value=D(100), places=2)


@given(weight, money, amount, amount)
def test_linear_stays_between_0_and_weight_times_cap_and_rises_with_the_actual(w, target, a, b):
    low, high = sorted([a, b])
    s_low = rules.indicator_score(kind="linear", weight=w, target=target, actual=low)
    s_high = rules.indicator_score(kind="linear", weight=w, target=target, actual=high)
    assert D(0) <= s_low <= s_high <= rules.cents(w * rules.DEFAULT_CAP)
    if high / target < rules.DEFAULT_FLOOR:
        assert s_high == 0


@given(weight, money, amount, amount)
def test_reverse_falls_as_the_actual_rises(w, target, a, b):
    low, high = sorted([a, b])
    s_low = rules.indicator_score(kind="reverse", weight=w, target=target, actual=low)
    s_high = rules.indicator_score(kind="reverse", weight=w, target=target, actual=high)
    assert rules.cents(w * rules.DEFAULT_CAP) >= s_low >= s_high >= 0


@given(weight, amount, amount)
def test_threshold_gives_all_or_nothing(w, target, actual):
    s = rules.indicator_score(kind="threshold", weight=w, target=target, actual=actual)
    assert s == (rules.cents(w) if actual >= target else 0)


@given(weight, st.decimals(min_value=D(0), max_value=D(50), places=1), st.integers(0, 1000), st.integers(0, 1000))
def test_deduct_stays_between_0_and_the_weight_and_falls_with_events(w, per_event, a, b):
    low, high = sorted([a, b])
    s_low = rules.indicator_score(kind="deduct", weight=w, target=None, actual=D(low), deduction=per_event)
    s_high = rules.indicator_score(kind="deduct", weight=w, target=None, actual=D(high), deduction=per_event)
    assert rules.cents(w) >= s_low >= s_high >= 0


rater_means = st.fixed_dictionaries({kind: st.none() | score for kind in WEIGHTS})


@given(rater_means)
def test_the_review_score_lies_between_the_present_types_means(means):
    present = [m for m in means.values() if m is not None]
    result = rules.review_score(means, WEIGHTS)
    if not present:
        assert result is None
    else:
        assert rules.cents(min(present)) <= result <= rules.cents(max(present))


@given(rater_means, st.sampled_from(list(WEIGHTS)), weight)
def test_an_absent_types_weight_never_changes_the_review_score(means, absent, extra):
    means = {**means, absent: None}
    changed = {**WEIGHTS, absent: WEIGHTS[absent] + extra}
    assert rules.review_score(means, WEIGHTS) == rules.review_score(means, changed)


@given(rater_means)
def test_every_type_rated_the_same_gives_that_score(means):
    if all(m is None for m in means.values()):
        return
    same = {kind: (None if m is None else D(77)) for kind, m in means.items()}
    assert rules.review_score(same, WEIGHTS) == D("77.00")


@given(score, st.none() | score, st.integers(0, 100))
def test_the_final_score_lies_between_kpi_and_review(kpi, review, kpi_weight):
    final = rules.final_score(kpi=kpi, review=review, kpi_weight=D(kpi_weight), review_weight=D(100 - kpi_weight))
    parts = [kpi] if review is None else [kpi, review]
    assert rules.cents(min(parts)) <= final <= rules.cents(max(parts))


@given(st.lists(score, min_size=0, max_size=60), st.integers(0, 50))
def test_excellent_never_exceeds_the_cap_and_follows_the_scores(finals, share):
    lines = {**LINES, "excellent_share": D(share)}
    result = rules.grades(dict(enumerate(finals)), **lines)
    excellent = [finals[i] for i, g in result.items() if g == "excellent"]
    assert len(excellent) <= rules.excellent_cap(len(finals), D(share))
    assert all(s >= D(85) for s in excellent)
    order = {"fail": 0, "basic": 1, "pass": 2, "excellent": 3}
    for i, a in enumerate(finals):
        for j, b in enumerate(finals):
            if a > b:
                assert order[result[i]] >= order[result[j]]
            if a == b:
                assert result[i] == result[j]


@given(st.lists(score, min_size=1, max_size=60))
def test_the_cap_is_reached_when_no_tie_blocks_it(finals):
    result = rules.grades(dict(enumerate(finals)), **LINES)
    above = sorted((s for s in finals if s >= 85), reverse=True)
    cap = rules.excellent_cap(len(finals), D(20))
    if len(set(above)) == len(above):
        assert sum(g == "excellent" for g in result.values()) == min(cap, len(above))


def test_the_appeal_window_ends_appeal_days_after_the_lock():
    assert rules.appeal_deadline(date(2020, 10, 10), 7) == date(2020, 10, 17)


@pytest.mark.parametrize(
    "level, parent, ok",
    [
        ("zone", None, True),
        ("zone", "zone", False),
        ("department", "zone", True),
        ("department", None, False),
        ("post", "department", True),
        ("person", "post", True),
        ("person", "zone", True),  # a zone target may go straight to a person
        ("department", "post", False),
        ("department", "department", False),
        ("team", "zone", False),
    ],
)
def test_targets_cascade_from_a_higher_level(level, parent, ok):
    assert (rules.target_parent_problem(level, parent) == "") is ok


@given(st.sampled_from(rules.TARGET_LEVELS), st.sampled_from(rules.TARGET_LEVELS))
def test_a_target_never_cascades_upwards_or_sideways(level, parent):
    if not rules.target_parent_problem(level, parent):
        assert rules.TARGET_LEVELS.index(parent) < rules.TARGET_LEVELS.index(level)
