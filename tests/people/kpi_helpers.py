"""Plans and reviews for the zone's five staff, written through the services (the KPI tests build on them)."""

from decimal import Decimal as D

from taizhang.people.kpi import IndicatorIn, plans_write
from taizhang.people.reviews import ReviewIn, reviews_write


def plan(*rows) -> list[IndicatorIn]:
    """rows: (name, weight, method, target, actual)."""
    return [
        IndicatorIn(
            name=n, weight=D(w), method=m, target=None if t is None else D(t), actual=None if a is None else D(a)
        )
        for n, w, m, t, a in rows
    ]


def finals_plans(zone, actuals=("100", "90", "80", "70", "50")) -> None:
    """Each of the five: one 线性 indicator (weight 100, target 100) with the given actual."""
    plans_write(
        actor=zone.committee,
        cycle=zone.cycle,
        plans={
            user.pk: plan(("工作任务完成率", "100", "线性", "100", a))
            for user, a in zip(zone.staff, actuals, strict=True)
        },
    )


def superior_reviews(zone, scores=("90", "90", "80", "70", "60")) -> None:
    reviews_write(
        actor=zone.committee,
        cycle=zone.cycle,
        reviews=[
            ReviewIn(subject_id=user.pk, rater_type="superior", rater_name="魏委员", score=D(s))
            for user, s in zip(zone.staff, scores, strict=True)
        ],
    )
