"""A year's entrepreneur award round on the `ez` zone: two reviewers (the unit admin and the investment officer), the
three active enterprises nominated, and helpers to score them and run the round to its 公示."""

from datetime import timedelta
from decimal import Decimal

from taizhang.core import clock
from taizhang.enterprise import awards
from taizhang.enterprise.models import AwardRound

# Each reviewer's sheet per enterprise index: 税收贡献 40, 增长 20, 研发创新 20, 就业 10, 社会责任 10.
SHEETS = {
    0: [90, 80, 85, 70, 80],  # 84.00
    1: [95, 90, 90, 80, 90],  # 91.00
    2: [70, 60, 65, 90, 85],  # 70.50
}
PEOPLE = [("张鲁味", "董事长"), ("李智造", "总经理"), ("王饮品", "董事长")]


def make_round(ez, *, pool=Decimal("1000000.00"), tiers="一等奖 1 2\n二等奖 2 1", year=None) -> AwardRound:
    return awards.round_create(
        actor=ez.admin,
        unit=ez.unit,
        year=year or clock.today().year,
        title="年度优秀企业家奖励",
        pool=pool,
        tiers_text=tiers,
        nominations_until=clock.today() + timedelta(days=10),
        reviewers=[ez.admin, ez.officer],
    )


def nominate_all(ez, rnd: AwardRound) -> list:
    return [
        awards.nomination_create(
            actor=ez.officer, rnd=rnd, enterprise=e, entrepreneur=name, post=post, nominated_by="投资促进部"
        )
        for e, (name, post) in zip(ez.enterprises[:3], PEOPLE, strict=True)
    ]


def score_all(ez, rnd: AwardRound, nominations, sheets=SHEETS) -> None:
    for reviewer in (ez.admin, ez.officer):
        scores = {n.pk: [Decimal(v) for v in sheets[i]] for i, n in enumerate(nominations)}
        awards.scores_set(actor=ez.admin, rnd=rnd, reviewer=reviewer, scores=scores)


def scored_round(ez, **kw) -> tuple[AwardRound, list]:
    rnd = make_round(ez, **kw)
    nominations = nominate_all(ez, rnd)
    rnd = awards.scoring_start(actor=ez.admin, rnd=rnd)
    score_all(ez, rnd, nominations)
    return rnd, nominations


def in_publicity(ez, **kw) -> tuple[AwardRound, list]:
    rnd, nominations = scored_round(ez, **kw)
    return awards.allocation_confirm(actor=ez.admin, rnd=rnd), nominations
