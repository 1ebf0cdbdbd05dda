"""The awards demo on the `ez` zone: last year's round confirmed and paid to the fen of its pool, this year's in
scoring; running it again changes nothing, and a unit without enterprises gets nothing."""

from datetime import date
from decimal import Decimal

from taizhang.enterprise import demo_awards
from taizhang.enterprise.models import AwardPayment, AwardRound, AwardScore, Nomination


def _state():
    return (
        list(AwardRound.objects.order_by("year").values_list("year", "status")),
        Nomination.objects.count(),
        AwardScore.objects.count(),
        list(AwardPayment.objects.order_by("pk").values_list("amount", "paid_on")),
    )


def test_the_demo_builds_last_years_paid_round_and_this_years_in_scoring_once(ez, world):
    demo_awards.build(unit=ez.unit, seed=7, today=date(2021, 5, 20))
    rounds, nominations, sheets, payments = _state()
    assert rounds == [(2020, "confirmed"), (2021, "scoring")]
    assert nominations == 6  # the three active enterprises, each year
    assert len(payments) == 3 and all(paid_on for _, paid_on in payments)
    # the first three of the default ten places (特等 2,000,000.00 and two 一等 of 1,333,333.33): never above the pool
    assert sum(amount for amount, _ in payments) == Decimal("4666666.66")
    demo_awards.build(unit=ez.unit, seed=7, today=date(2021, 5, 20))
    assert _state() == (rounds, nominations, sheets, payments)
    demo_awards.build(unit=world.jiyang, seed=7, today=date(2021, 5, 20))
    assert AwardRound.objects.filter(unit=world.jiyang).count() == 0
