"""刚性淘汰 rules over a person's grades by cycle: the defaults' table, order, and the rules as data."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.people.rules.elimination import (
    DEFAULT_RULES,
    DISMISS,
    STANDBY,
    Rule,
    RuleRefused,
    recommend,
    rules_from_json,
    rules_to_json,
)

F, B, P, E = "fail", "basic", "pass", "excellent"


def history(*grades):
    return [(f"C{i}", g) for i, g in enumerate(grades, start=1)]


def found(*grades):
    return [(r.rule.code, r.rule.action, r.cycles) for r in recommend(history(*grades))]


@pytest.mark.parametrize(
    ("grades", "expected"),
    [
        ((F,), [("R1", STANDBY, ("C1",))]),
        ((P, F), [("R1", STANDBY, ("C2",))]),
        ((F, P, P, F), [("R1", STANDBY, ("C4",)), ("R2", DISMISS, ("C1", "C4"))]),
        ((F, P, P, P, F), [("R1", STANDBY, ("C5",))]),  # the first 不合格 is five cycles back
        ((F, F), [("R1", STANDBY, ("C2",)), ("R2", DISMISS, ("C1", "C2"))]),
        ((B, B, B), [("R3", DISMISS, ("C1", "C2", "C3"))]),
        ((B, None, B, B), []),  # not assessed in C2: the row is broken
        ((B, B), []),
        ((B, B, B, P), []),
        ((F, F, P), []),  # nothing is recommended for a 合格 cycle
        ((E,), []),
        ((F, None), []),
        ((), []),
    ],
)
def test_the_default_rules(grades, expected):
    assert found(*grades) == expected


def test_the_reason_names_the_rule_and_the_cycles():
    (dismiss,) = [r for r in recommend(history(F, P, F)) if r.rule.code == "R2"]
    assert dismiss.reason == "最近 4 个周期内不合格 2 次 → 解聘/不续聘（C1、C3）"
    assert recommend(history(B, B, B))[0].reason == "连续 3 个周期基本合格 → 解聘/不续聘（C1、C2、C3）"
    assert recommend(history(F))[0].reason == "本周期不合格 → 待岗培训（C1）"


def test_order_matters():
    assert found(F, P, P, P) == []
    assert found(P, P, P, F) == [("R1", STANDBY, ("C4",))]


def test_the_rules_round_trip_as_json_and_bad_ones_are_refused_in_chinese():
    assert rules_from_json(rules_to_json(DEFAULT_RULES)) == DEFAULT_RULES
    for bad, message in [
        ([], "至少"),
        ("x" * 3000, "至少"),
        ([{"code": "R1"}], "第 1 条"),
        ([{**rules_to_json(DEFAULT_RULES)[0], "grade": "pass"}], "等次"),
        ([{**rules_to_json(DEFAULT_RULES)[0], "action": "fire"}], "处理"),
        ([{**rules_to_json(DEFAULT_RULES)[0], "count": 3, "within": 2}], "次数不能多于"),
        ([{**rules_to_json(DEFAULT_RULES)[0], "count": 99}], "1 到 12"),
    ]:
        with pytest.raises(RuleRefused, match=message):
            rules_from_json(bad)


grades = st.sampled_from([E, P, B, F, None])
histories = st.lists(grades, max_size=12)


@given(histories)
def test_adding_a_pass_or_excellent_cycle_never_creates_a_recommendation(grades):
    assert found(*grades, P) == [] and found(*grades, E) == []


@given(histories)
def test_every_recommendation_rests_on_cycles_with_its_grade_including_the_last(grades):
    h = history(*grades)
    codes = dict(h)
    for r in recommend(h):
        assert r.cycles[-1] == h[-1][0]
        assert all(codes[c] == r.rule.grade for c in r.cycles) and len(r.cycles) >= r.rule.count


@given(histories)
def test_a_fail_is_always_at_least_standby(grades):
    assert STANDBY in [r.rule.action for r in recommend(history(*grades, F))]


@given(histories, st.integers(1, 4))
def test_earlier_history_beyond_the_window_does_not_matter(grades, within):
    rule = Rule("X", F, 1, within, False, STANDBY)
    tail = grades[-within:]
    assert bool(recommend(history(*grades), [rule])) == bool(recommend(history(*tail), [rule]))
