"""优秀企业家奖励 step by step: settings checked and locked once scoring starts, nominations until the deadline and
withdrawn with a reason, scores by the round's reviewers, the allocation confirmed into a 公示, objections during
the window, confirmation after it creating the payments, each step audited and refused out of turn."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.audit.models import AuditEntry
from taizhang.enterprise import awards
from taizhang.enterprise.models import AwardPayment, AwardRound
from tests.enterprise.fixtures_awards import in_publicity, make_round, nominate_all, score_all, scored_round

S = AwardRound.Status


def test_a_round_takes_the_default_criteria_and_refuses_weights_not_totalling_100(ez):
    rnd = make_round(ez)
    assert rnd.criteria == [["税收贡献", 40], ["增长", 20], ["研发创新", 20], ["就业", 10], ["社会责任", 10]]
    assert AuditEntry.objects.filter(object_type="enterprise.award-round", action="create").count() == 1
    with pytest.raises(ValidationError, match="合计应为 100，现在是 90"):
        awards.round_update(
            actor=ez.admin,
            rnd=rnd,
            title=rnd.title,
            pool=rnd.pool,
            criteria_text="税收贡献 50\n增长 40",
            tiers_text="一等奖 1 1",
            reviewers=[ez.admin],
            nominations_until=rnd.nominations_until,
            publicity_days=5,
        )


def test_only_the_unit_admin_sets_up_a_round(ez):
    with pytest.raises(PermissionDenied):
        awards.round_create(
            actor=ez.officer,
            unit=ez.unit,
            year=2020,
            title="x",
            nominations_until=ez.projects[0].stage_on,
            reviewers=[],
        )


def test_the_criteria_are_locked_once_scoring_starts(ez):
    rnd, _ = scored_round(ez)
    with pytest.raises(ValidationError, match="评审中"):
        awards.round_update(
            actor=ez.admin,
            rnd=rnd,
            title=rnd.title,
            pool=rnd.pool,
            criteria_text="税收贡献 100",
            tiers_text="一等奖 1 1",
            reviewers=[ez.admin],
            nominations_until=rnd.nominations_until,
            publicity_days=5,
        )


def test_a_nomination_is_refused_after_the_deadline_for_a_departed_enterprise_or_twice(ez, clock):
    rnd = make_round(ez)
    nominate_all(ez, rnd)
    with pytest.raises(ValidationError, match="已有本年度的提名"):
        awards.nomination_create(
            actor=ez.officer, rnd=rnd, enterprise=ez.enterprises[0], entrepreneur="x", post="y", nominated_by="z"
        )
    with pytest.raises(ValidationError, match="在园企业"):
        awards.nomination_create(
            actor=ez.officer, rnd=rnd, enterprise=ez.enterprises[3], entrepreneur="x", post="y", nominated_by="z"
        )
    clock.advance(timedelta(days=11))
    with pytest.raises(ValidationError, match="截止"):
        awards.nomination_create(
            actor=ez.officer, rnd=rnd, enterprise=ez.enterprises[0], entrepreneur="x", post="y", nominated_by="z"
        )


def test_a_withdrawn_nomination_needs_a_reason_and_leaves_the_ranking(ez):
    rnd = make_round(ez)
    nominations = nominate_all(ez, rnd)
    with pytest.raises(ValidationError, match="原因"):
        awards.nomination_withdraw(actor=ez.officer, nomination=nominations[2], reason=" ")
    awards.nomination_withdraw(actor=ez.officer, nomination=nominations[2], reason="企业自愿退出")
    rnd = awards.scoring_start(actor=ez.admin, rnd=rnd)
    score_all(ez, rnd, nominations[:2])
    rnd = awards.allocation_confirm(actor=ez.admin, rnd=rnd)
    nominations[2].refresh_from_db()
    assert nominations[2].amount is None and nominations[2].rank is None
    entry = AuditEntry.objects.get(object_type="enterprise.nomination", action="void")
    assert entry.reason == "企业自愿退出"


def test_only_the_rounds_reviewers_score_and_a_reviewer_only_their_own_sheet(ez, world):
    rnd = make_round(ez)
    nominations = nominate_all(ez, rnd)
    rnd = awards.scoring_start(actor=ez.admin, rnd=rnd)
    sheet = {nominations[0].pk: [Decimal(80)] * 5}
    with pytest.raises(ValidationError, match="不是本次评选的评审人"):
        awards.scores_set(actor=ez.admin, rnd=rnd, reviewer=world.xs_worker, scores=sheet)
    with pytest.raises(PermissionDenied):
        awards.scores_set(actor=ez.officer, rnd=rnd, reviewer=ez.admin, scores=sheet)
    with pytest.raises(ValidationError, match="0 到 100"):
        awards.scores_set(
            actor=ez.officer, rnd=rnd, reviewer=ez.officer, scores={nominations[0].pk: [Decimal(101)] * 5}
        )
    assert awards.scores_set(actor=ez.officer, rnd=rnd, reviewer=ez.officer, scores=sheet) == 1
    assert awards.scores_set(actor=ez.officer, rnd=rnd, reviewer=ez.officer, scores=sheet) == 0  # unchanged


def test_the_allocation_is_refused_until_every_reviewer_has_scored_everyone(ez):
    rnd = make_round(ez)
    nominations = nominate_all(ez, rnd)
    rnd = awards.scoring_start(actor=ez.admin, rnd=rnd)
    awards.scores_set(actor=ez.admin, rnd=rnd, reviewer=ez.admin, scores={nominations[0].pk: [Decimal(80)] * 5})
    with pytest.raises(ValidationError, match=r"王主任（缺 2 份）、招商专员（缺 3 份）"):
        awards.allocation_confirm(actor=ez.admin, rnd=rnd)


def test_the_confirmed_allocation_ranks_by_score_and_splits_the_pool_by_tier(ez):
    rnd, nominations = in_publicity(ez)
    assert rnd.status == S.PUBLICITY and rnd.publicity_until == rnd.publicity_from + timedelta(days=5)
    for n in nominations:
        n.refresh_from_db()
    assert [(n.entrepreneur, n.score, n.rank, n.tier, n.amount) for n in sorted(nominations, key=lambda n: n.rank)] == [
        ("李智造", Decimal("91.00"), 1, "一等奖", Decimal("500000.00")),
        ("张鲁味", Decimal("84.00"), 2, "二等奖", Decimal("250000.00")),
        ("王饮品", Decimal("70.50"), 3, "二等奖", Decimal("250000.00")),
    ]


def test_fewer_ranked_than_places_leaves_the_rest_of_the_pool_unallocated(ez):
    rnd, nominations = in_publicity(ez, tiers="一等奖 1 2\n二等奖 4 1")
    amounts = [n.amount for n in rnd.nominations.order_by("rank")]
    assert amounts == [Decimal("333333.33"), Decimal("166666.67"), Decimal("166666.67")]
    assert sum(amounts) <= rnd.pool


def test_withdrawing_the_allocation_needs_a_reason_and_clears_the_amounts(ez):
    rnd, nominations = in_publicity(ez)
    with pytest.raises(PermissionDenied):
        awards.allocation_withdraw(actor=ez.officer, rnd=rnd, reason="复核")
    rnd = awards.allocation_withdraw(actor=ez.admin, rnd=rnd, reason="复核评分")
    assert rnd.status == S.SCORING and not rnd.nominations.filter(amount__isnull=False).exists()
    assert AuditEntry.objects.filter(object_type="enterprise.award-round", reason="撤回分配：复核评分").exists()


def test_confirmation_waits_for_the_window_and_every_objection_answered_then_creates_the_payments(ez, clock):
    rnd, nominations = in_publicity(ez)
    objection = awards.objection_file(actor=ez.officer, rnd=rnd, text="得分有误", nomination=nominations[2])
    with pytest.raises(ValidationError, match="期满后"):
        awards.round_confirm(actor=ez.admin, rnd=rnd)
    clock.advance(timedelta(days=6))
    with pytest.raises(ValidationError, match="公示已于"):
        awards.objection_file(actor=ez.officer, rnd=rnd, text="迟到的异议")
    with pytest.raises(ValidationError, match="1 条异议未答复"):
        awards.round_confirm(actor=ez.admin, rnd=rnd)
    awards.objection_answer(actor=ez.admin, objection=objection, answer="经复核无误")
    payments = awards.round_confirm(actor=ez.admin, rnd=rnd)
    assert sum(p.amount for p in payments) == Decimal("1000000.00") and len(payments) == 3
    assert awards.payments_pay(actor=ez.admin, rnd=rnd, paid_on=clock.today()) == 3
    assert not AwardPayment.objects.filter(round=rnd, paid_on__isnull=True).exists()
    assert AuditEntry.objects.filter(object_type="enterprise.award-payment").count() == 3


def test_someone_of_another_unit_cannot_object(ez, world):
    rnd, _ = in_publicity(ez)
    with pytest.raises(PermissionDenied):
        awards.objection_file(actor=world.jy_admin, rnd=rnd, text="x")


def test_one_round_a_year(ez):
    make_round(ez, year=2020)
    with pytest.raises(ValidationError, match="2020 年度"):
        make_round(ez, year=2020)
