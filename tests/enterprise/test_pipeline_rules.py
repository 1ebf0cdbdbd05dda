"""The pipeline's rules: stage moves, 停滞, the learned probability, credit shares and 达效 behind the promise."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.enterprise.rules import pipeline
from taizhang.enterprise.rules.pipeline import Figure, Promise
from taizhang.enterprise.rules.stages import CODES, INDEX

TODAY = date(2021, 3, 1)


@pytest.mark.parametrize(
    ("stage", "target", "on", "evidence", "dropped", "problem"),
    [
        ("lead", "talks", date(2021, 2, 1), False, False, None),
        ("talks", "signed", date(2021, 2, 1), True, False, None),
        ("signed", "started", date(2021, 2, 1), True, False, None),  # through 注册 and 供地
        ("talks", "signed", date(2021, 2, 1), False, False, "须上传佐证材料"),
        ("signed", "signed", date(2021, 2, 1), True, False, "只能推进到“签约”之后的阶段"),
        ("started", "land", date(2021, 2, 1), True, False, "只能推进到“开工”之后的阶段"),
        ("lead", "talks", date(2020, 12, 31), False, False, "早于上一阶段“线索”的日期 2021-01-01"),
        ("lead", "talks", date(2021, 3, 2), False, False, "晚于今天"),
        ("lead", "talks", None, False, False, "请填写到达日期"),
        ("lead", "talks", date(2021, 2, 1), False, True, "项目已终止"),
    ],
)
def test_a_stage_moves_forward_on_a_day_between_the_last_stage_and_today(stage, target, on, evidence, dropped, problem):
    problems = pipeline.move_problems(
        stage=stage, stage_on=date(2021, 1, 1), target=target, on=on, today=TODAY, evidence=evidence, dropped=dropped
    )
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems), problems


def test_a_move_reaches_the_skipped_stages_on_its_way():
    assert pipeline.path("signed", "started") == ["registered", "land", "started"]
    assert pipeline.path("lead", "talks") == ["talks"]


@given(st.sampled_from(CODES), st.sampled_from(CODES))
def test_a_moves_path_ends_at_its_target_and_holds_every_stage_between(stage, target):
    reached = pipeline.path(stage, target)
    if INDEX[target] <= INDEX[stage]:
        assert reached == []
    else:
        assert reached[-1] == target and len(reached) == INDEX[target] - INDEX[stage]
        assert [INDEX[s] for s in reached] == list(range(INDEX[stage] + 1, INDEX[target] + 1))


@pytest.mark.parametrize(
    ("stage", "days", "dropped", "stuck"),
    [
        ("lead", 60, False, False),
        ("lead", 61, False, True),
        ("land", 181, False, True),
        ("land", 181, True, False),
        ("performing", 5000, False, False),
    ],
)
def test_a_project_is_stuck_past_its_stages_usual_time(stage, days, dropped, stuck):
    assert (
        pipeline.is_stuck(
            stage=stage,
            stage_on=TODAY - timedelta(days=days),
            today=TODAY,
            usual_days=pipeline.DEFAULT_USUAL_DAYS,
            dropped=dropped,
        )
        is stuck
    )


def test_the_learned_probability_counts_only_decided_projects_laplace_smoothed():
    rows = [
        ("producing", False, 2),  # won from every stage up to 投产
        ("performing", False, 1),  # won
        ("talks", True, 3),  # dropped at 洽谈: lost for 线索 and 洽谈
        ("signed", True, 1),  # dropped after signing
        ("land", False, 5),  # under way: not decided
    ]
    found = pipeline.learned(rows)
    assert (found["lead"].won, found["lead"].n) == (3, 7)
    assert found["lead"].percent == Decimal("44.4")  # (3 + 1) / (7 + 2)
    assert (found["signed"].won, found["signed"].n) == (3, 4)
    assert found["signed"].percent == Decimal("66.7")  # 4 / 6
    assert (found["started"].won, found["started"].n) == (3, 3)
    assert found["started"].percent == Decimal("80.0")
    assert pipeline.learned([])["lead"].percent == Decimal("50.0")  # nothing known: even odds, n = 0


@given(st.lists(st.tuples(st.sampled_from(CODES), st.booleans(), st.integers(0, 50)), max_size=20))
def test_the_learned_probability_is_strictly_between_0_and_100_and_n_shrinks_along_the_path(rows):
    found = pipeline.learned(rows)
    for code in CODES:
        assert Decimal(0) < found[code].percent < Decimal(100)
        assert 0 <= found[code].won <= found[code].n
    ns = [found[code].n for code in CODES]
    assert ns == sorted(ns, reverse=True)


@pytest.mark.parametrize(
    ("shares", "problem"),
    [
        ([(1, Decimal(100))], None),
        ([(1, Decimal("60")), (2, Decimal("40"))], None),
        ([(1, Decimal("33.34")), (2, Decimal("33.33")), (3, Decimal("33.33"))], None),
        ([(1, Decimal("60")), (2, Decimal("30"))], "合计须为 100%，现为 90%"),
        ([(1, Decimal("60")), (1, Decimal("40"))], "同一人只能填写一次"),
        ([(1, Decimal("100")), (2, Decimal("0"))], "须大于 0"),
        ([(1, Decimal("99.995")), (2, Decimal("0.005"))], "最多两位小数"),
        ([], "至少填写一名"),
    ],
)
def test_credit_shares_total_exactly_100(shares, problem):
    problems = pipeline.credit_problems(shares)
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems), problems


@given(st.lists(st.integers(1, 9999), min_size=1, max_size=6))
def test_shares_made_to_total_100_are_accepted_and_one_fen_off_is_refused(weights):
    cents = [w * 10000 // sum(weights) for w in weights]
    cents[0] += 10000 - sum(cents)
    shares = [(n, Decimal(c) / 100) for n, c in enumerate(cents)]
    if all(c > 0 for c in cents):
        assert pipeline.credit_problems(shares) == []
    off = [*shares[:-1], (shares[-1][0], shares[-1][1] + Decimal("0.01"))]
    assert pipeline.credit_problems(off)


PROMISE = Promise(year=2020, output_per_mu=Decimal("300"), tax_per_mu=Decimal("15"), land_mu=Decimal("100"))


@pytest.mark.parametrize(
    ("figures", "reasons"),
    [
        ([], []),  # no figures yet
        ([Figure(2019, Decimal("10000"), Decimal("500"))], []),  # before the promise year: not judged
        ([Figure(2020, Decimal("30000"), Decimal("1500"))], []),  # exactly what was promised
        ([Figure(2020, Decimal("29999"), Decimal("1500"))], ["2020 年亩均产值 299.99 万元/亩，低于承诺的 300 万元/亩"]),
        ([Figure(2021, Decimal("40000"), Decimal("1000"))], ["2021 年亩均税收 10.00 万元/亩，低于承诺的 15 万元/亩"]),
        (  # the latest year counts: caught up since
            [Figure(2020, Decimal("100"), Decimal("1")), Figure(2021, Decimal("30000"), Decimal("1500"))],
            [],
        ),
        ([Figure(2020, None, Decimal("1500"))], ["2020 年亩均产值 无数据，低于承诺的 300 万元/亩"]),
    ],
)
def test_performance_is_behind_when_the_latest_figures_from_the_promise_year_fall_short(figures, reasons):
    assert pipeline.behind(PROMISE, figures) == reasons


def test_a_promise_without_year_land_or_amounts_is_not_judged():
    low = [Figure(2021, Decimal(1), Decimal(1))]
    assert pipeline.behind(Promise(None, Decimal(1), Decimal(1), Decimal(10)), low) == []
    assert pipeline.behind(Promise(2020, Decimal(1), Decimal(1), None), low) == []
    assert pipeline.behind(Promise(2020, None, None, Decimal(10)), low) == []


@given(st.decimals(0, 10**6, places=4), st.integers(0, 100))
def test_a_weighted_amount_never_exceeds_the_amount(amount, percent):
    value = pipeline.weighted(amount, percent)
    assert Decimal(0) <= value <= amount
    assert pipeline.weighted(amount, 100) == amount
