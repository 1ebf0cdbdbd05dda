"""The KPI area's URL keywords: 新市镇's cycle 2020Q3, a result of 新市村's worker in it with an appeal, a review
and an enterprise's rating link."""

from datetime import date
from decimal import Decimal


def cycle_id(world):
    from taizhang.people.models import Cycle

    cycle, _ = Cycle.objects.get_or_create(
        unit=world.xinshi,
        code="2020Q3",
        defaults={"kind": Cycle.Kind.QUARTER, "starts_on": date(2020, 7, 1), "ends_on": date(2020, 9, 30)},
    )
    return cycle.pk


def result_id(world):
    from taizhang.people.models import Result

    result, _ = Result.objects.get_or_create(
        unit=world.xinshi,
        cycle_id=cycle_id(world),
        user=world.xs_worker,
        defaults={"kpi_score": Decimal(80), "final_score": Decimal(80), "computed_grade": "pass", "grade": "pass"},
    )
    return result.pk


def appeal_id(world):
    from taizhang.core import clock
    from taizhang.people.models import Appeal, Result

    result = Result.objects.get(pk=result_id(world))
    appeal = Appeal.objects.filter(result=result).first() or Appeal.objects.create(
        unit=world.xinshi, result=result, user=world.xs_worker, reason="KPI实际值录入有误", filed_at=clock.now()
    )
    return appeal.pk


def review_id(world):
    from taizhang.people.models import Review

    review = Review.objects.filter(unit=world.xinshi).first() or Review.objects.create(
        unit=world.xinshi,
        cycle_id=cycle_id(world),
        subject=world.xs_worker,
        rater_type="superior",
        rater_name="王主任",
        score=Decimal(88),
    )
    return review.pk


def rating_token(world):
    from taizhang.people.models import RatingInvitation

    invitation = RatingInvitation.objects.filter(unit=world.xinshi).first() or RatingInvitation.objects.create(
        unit=world.xinshi,
        cycle_id=cycle_id(world),
        subject=world.xs_worker,
        enterprise="新市精工机械有限公司",
        token="scoping-walk-rating-token",
        expires_on=date(2099, 1, 1),
    )
    return invitation.token


FACTORIES = {
    "cycle_id": cycle_id,
    "result_id": result_id,
    "appeal_id": appeal_id,
    "review_id": review_id,
    "rating_token": rating_token,
}
