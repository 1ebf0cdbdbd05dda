"""竞聘上岗's rules: weighted totals, the ranking with its tie-breaks, the default proposal, the application limit."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.people.rules import rounds as rules

D = Decimal
W = rules.DEFAULT_WEIGHTS


def c(name, written, interview, democratic, username=""):
    return rules.Candidate(name, name, username or name, (D(written), D(interview), D(democratic)))


@pytest.mark.parametrize(
    ("scores", "total"),
    [
        ((80, 90, 70), D("82.00")),
        ((D("85.5"), D("90.25"), D("77.75")), D("85.85")),
        ((D("0.01"), 0, 0), D("0.00")),  # 0.004
        ((D("0.02"), D("0.01"), 0), D("0.01")),  # 0.012
        ((D("0.01"), D("0.01"), D("0.01")), D("0.01")),
        ((D("60.01"), D("60.02"), D("60.03")), D("60.02")),  # 60.018
        ((100, 100, 100), D("100.00")),
    ],
)
def test_the_weighted_total_rounds_half_up_to_the_cent(scores, total):
    assert rules.weighted_total([D(s) for s in scores], W) == total


def test_equal_totals_are_broken_by_the_written_test_then_the_interview_then_the_name():
    ranked = rules.ranking(
        [
            c("丙", 80, 80, 80),  # 80.00
            c("甲", 90, 70, 80),  # 80.00, better written test
            c("乙", 90, 75, 70),  # 80.00, same written, better interview
            c("丁", 70, 90, 80),  # 80.00
            c("戊", 95, 95, 95),
            c("己", 80, 80, 80, "b"),  # 80.00, same scores as 丙: by name
        ],
        W,
    )
    assert [r.candidate.name for r in ranked] == ["戊", "乙", "甲", "丙", "己", "丁"]
    assert [r.rank for r in ranked] == [1, 2, 3, 4, 5, 6]


def test_an_applicant_missing_a_score_is_not_ranked():
    missing = rules.Candidate("x", "x", "x", (D(90), None, D(90)))
    assert [r.candidate.name for r in rules.ranking([missing, c("y", 1, 1, 1)], W)] == ["y"]


def test_the_default_proposal_skips_someone_already_proposed_for_another_post():
    ranked = rules.ranking([c("a", 90, 90, 90), c("b", 80, 80, 80), c("c", 70, 70, 70)], W)
    assert [r.candidate.key for r in rules.proposed_by_default(ranked, 2)] == ["a", "b"]
    assert [r.candidate.key for r in rules.proposed_by_default(ranked, 2, taken={"a"})] == ["b", "c"]


@pytest.mark.parametrize(
    ("weights", "problem"),
    [((40, 40, 20), ""), ((50, 30, 20), ""), ((40, 40, 30), "合计应为 100，现为 110"), ((120, -10, -10), "0 到 100")],
)
def test_the_weights_must_total_100(weights, problem):
    found = rules.weights_problem([D(w) for w in weights])
    assert (problem in found) if problem else found == ""


@pytest.mark.parametrize(("count", "limit", "ok"), [(1, 2, True), (2, 2, True), (3, 2, False), (0, 2, False)])
def test_an_applicant_applies_for_at_most_n_posts(count, limit, ok):
    assert (rules.applications_problem(count, limit) == "") is ok


score = st.decimals(min_value=0, max_value=100, places=2)
candidates = st.lists(
    st.builds(
        rules.Candidate,
        key=st.uuids(),
        name=st.sampled_from(["张三", "李四", "王五", "赵六"]),
        username=st.text(alphabet="abcdef", min_size=1, max_size=4),
        scores=st.tuples(score, score, score),
    ),
    max_size=12,
)
weights = st.sampled_from([W, (D(50), D(30), D(20)), (D(100), D(0), D(0)), (D("33.33"), D("33.33"), D("33.34"))])


@given(candidates, weights)
def test_a_ranking_orders_by_total_and_numbers_everyone_once(found, w):
    ranked = rules.ranking(found, w)
    assert sorted(r.rank for r in ranked) == list(range(1, len(found) + 1))
    totals = [r.total for r in ranked]
    assert totals == sorted(totals, reverse=True)
    for a, b in zip(ranked, ranked[1:], strict=False):
        if a.total == b.total:
            assert (a.candidate.scores[0], a.candidate.scores[1]) >= (b.candidate.scores[0], b.candidate.scores[1])


@given(candidates, weights)
def test_a_ranking_does_not_depend_on_the_order_applications_came_in(found, w):
    ranked = [r.candidate.key for r in rules.ranking(found, w)]
    assert [r.candidate.key for r in rules.ranking(list(reversed(found)), w)] == ranked or any(
        (a.name, a.username, a.scores) == (b.name, b.username, b.scores) for a in found for b in found if a is not b
    )


@given(st.tuples(score, score, score), weights)
def test_a_total_lies_between_the_lowest_and_highest_component(scores, w):
    total = rules.weighted_total(scores, w)
    assert min(scores) - D("0.01") <= total <= max(scores) + D("0.01")


@given(candidates, st.integers(min_value=0, max_value=5))
def test_the_default_proposal_takes_the_top_openings(found, openings):
    ranked = rules.ranking(found, W)
    assert rules.proposed_by_default(ranked, openings) == ranked[:openings]
