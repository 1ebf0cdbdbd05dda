"""The demo's entrepreneur awards for 济北开发区: last year's round nominated, scored, published, confirmed and paid;
this year's round in scoring with one reviewer's sheets still missing. Through the services, on the enterprises the
registry's demo made (none: nothing). Idempotent: a year that already has a round is left alone."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from taizhang.core import clock
from taizhang.enterprise import awards
from taizhang.enterprise.models import AwardRound, Enterprise
from taizhang.org.models import Role, User

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = ["建国", "志强", "海涛", "国庆", "晓明", "秀英", "立新", "振华", "红梅", "德胜", "永刚", "丽娟"]
POSTS = ["董事长", "总经理", "董事长兼总经理", "执行董事"]


def _people(rng: random.Random, n: int) -> list[tuple[str, str]]:
    return [(rng.choice(SURNAMES) + rng.choice(GIVEN), rng.choice(POSTS)) for _ in range(n)]


def _nominate(rnd, actor, enterprises, rng) -> list:
    return [
        awards.nomination_create(
            actor=actor,
            rnd=rnd,
            enterprise=e,
            entrepreneur=name,
            post=post,
            nominated_by=rng.choice(["投资促进部", "经济发展部"]),
        )
        for e, (name, post) in zip(enterprises, _people(rng, len(enterprises)), strict=True)
    ]


def _score(rnd, actor, reviewers, nominations, rng) -> None:
    for reviewer in reviewers:
        sheets = {n.pk: [Decimal(rng.randint(60, 98)) for _ in rnd.criteria] for n in nominations}
        awards.scores_set(actor=actor, rnd=rnd, reviewer=reviewer, scores=sheets)


def _round(unit, actor, reviewers, year: int, until: date) -> AwardRound:
    return awards.round_create(
        actor=actor,
        unit=unit,
        year=year,
        title=f"{year}年度优秀企业家奖励",
        nominations_until=until,
        reviewers=reviewers,
    )


def build(*, unit, seed: int, today: date) -> None:
    enterprises = list(Enterprise.objects.filter(unit=unit, status=Enterprise.Status.ACTIVE).order_by("uscc"))
    actor = User.objects.filter(unit=unit, role=Role.UNIT_ADMIN, is_active=True).order_by("username").first()
    if not enterprises or actor is None:
        return
    reviewers = [actor, *User.objects.filter(unit=unit, is_active=True).exclude(pk=actor.pk).order_by("username")[:2]]
    rng = random.Random(seed)
    last, this = today.year - 1, today.year
    if not AwardRound.objects.filter(unit=unit, year=last).exists():
        start = date(last, 3, 1)
        with clock.frozen(start) as fixed:
            rnd = _round(unit, actor, reviewers, last, start + timedelta(days=30))
            nominations = _nominate(rnd, actor, rng.sample(enterprises, min(12, len(enterprises))), rng)
            fixed.advance(days=35)
            rnd = awards.scoring_start(actor=actor, rnd=rnd)
            _score(rnd, actor, reviewers, nominations, rng)
            fixed.advance(days=10)
            rnd = awards.allocation_confirm(actor=actor, rnd=rnd)
            fixed.advance(days=2)
            objection = awards.objection_file(actor=actor, rnd=rnd, text="建议核实获奖企业近三年纳税情况")
            awards.objection_answer(actor=actor, objection=objection, answer="已与税务部门核实，纳税数据无误")
            fixed.advance(days=rnd.publicity_days)
            awards.round_confirm(actor=actor, rnd=rnd)
            fixed.advance(days=10)
            awards.payments_pay(actor=actor, rnd=rnd, paid_on=clock.today())
    if not AwardRound.objects.filter(unit=unit, year=this).exists():
        with clock.frozen(today - timedelta(days=20)) as fixed:
            rnd = _round(unit, actor, reviewers, this, today - timedelta(days=5))
            nominations = _nominate(rnd, actor, rng.sample(enterprises, min(8, len(enterprises))), rng)
            fixed.set(today - timedelta(days=3))
            rnd = awards.scoring_start(actor=actor, rnd=rnd)
            _score(rnd, actor, reviewers[:-1] if len(reviewers) > 1 else reviewers, nominations, rng)
