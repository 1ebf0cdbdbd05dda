"""刚性淘汰 in the database: recommendations of a locked cycle, the committee's decision, the appeal and its answer,
and what a decision in force does to the contract (ended, or its renewal blocked) — each step audited."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.audit.models import AuditEntry
from taizhang.hub.models import Notification
from taizhang.people import elimination
from taizhang.people.contracts import renewal_blocker
from taizhang.people.models import Contract, Cycle, EliminationRuleSet, Recommendation
from taizhang.people.rules.elimination import rules_to_json
from taizhang.people.setup import on_enable

pytestmark = pytest.mark.django_db
R = Recommendation


def synced(zone):
    elimination.recommendations_sync(cycle=zone.cycle)
    return {(r.user.username, r.rule_code): r for r in R.objects.filter(cycle=zone.cycle).select_related("user")}


def test_the_locked_cycles_recommendations_name_the_rule_and_the_cycles(assessed_zone):
    found = synced(assessed_zone)
    assert sorted(found) == [("kong3", "R1"), ("kong3", "R2"), ("kong4", "R3")]
    assert found[("kong3", "R2")].cycles == ["2020Q1", "2020Q3"]
    assert found[("kong4", "R3")].rule_text == "连续 3 个周期基本合格 → 解聘/不续聘"
    assert found[("kong3", "R1")].contract.post.name == "经济运行岗"
    assert elimination.recommendations_sync(cycle=assessed_zone.cycle) == 0  # idempotent


def test_an_open_cycle_has_no_recommendations(zone):
    with pytest.raises(ValidationError, match="尚未锁定"):
        elimination.recommendations_sync(cycle=zone.cycle)


def test_the_units_rules_version_in_force_is_used(assessed_zone):
    on_enable(assessed_zone.cycle.unit_id)
    on_enable(assessed_zone.cycle.unit_id)  # idempotent
    assert EliminationRuleSet.objects.filter(unit_id=assessed_zone.cycle.unit_id).count() == 1  # made on enabling
    stricter = [{"code": "B2", "grade": "basic", "count": 2, "within": 2, "in_a_row": True, "action": "standby"}]
    EliminationRuleSet.objects.create(
        unit_id=assessed_zone.cycle.unit_id, effective_from=date(2020, 7, 1), rules=stricter, appeal_days=10
    )
    assert sorted(synced(assessed_zone)) == [("kong4", "B2")]
    rules, days = elimination.rules_in_force(assessed_zone.cycle.unit_id, date(2020, 4, 1))
    assert rules_to_json(rules)[0]["code"] == "R1" and days == 15


def test_a_dismissal_appealed_and_upheld_ends_the_contract(in_term, assessed_zone, clock):
    rec = synced(assessed_zone)[("kong3", "R2")]
    committee, person = assessed_zone.committee, rec.user
    with pytest.raises(ValidationError, match="决定理由"):
        elimination.recommendation_decide(actor=committee, recommendation=rec, decision="dismiss", reason="")
    with pytest.raises(ValidationError, match="不能决定为"):
        elimination.recommendation_decide(actor=committee, recommendation=rec, decision="standby", reason="x")
    rec = elimination.recommendation_decide(
        actor=committee, recommendation=rec, decision="dismiss", reason="两次不合格，经委员会研究解聘"
    )
    assert rec.appeal_until == clock.today() + timedelta(days=15)
    assert Notification.objects.filter(recipient=person, text__contains="解聘").exists()
    with pytest.raises(PermissionDenied):
        elimination.appeal_file(actor=committee, recommendation=rec, text="代为申诉")
    with pytest.raises(ValidationError, match="申诉理由最多"):
        elimination.appeal_file(actor=person, recommendation=rec, text="长" * 3000)
    rec = elimination.appeal_file(actor=person, recommendation=rec, text="第二季度指标调整未计入")
    assert Notification.objects.filter(recipient=committee, text__contains="申诉").exists()
    assert (
        renewal_blocker(rec.contract)
        == "2020Q3 刚性淘汰决定解聘（申诉处理中）：最近 4 个周期内不合格 2 次 → 解聘/不续聘"
    )
    elimination.appeal_answer(actor=committee, recommendation=rec, uphold=True, answer="经复核维持")
    contract = Contract.objects.get(pk=rec.contract_id)
    assert contract.status == Contract.Status.ENDED and contract.ended_on == clock.today()
    assert "刚性淘汰解聘" in contract.end_reason
    assert AuditEntry.objects.filter(object_type="people.contract", object_id=str(contract.pk)).exists()
    assert AuditEntry.objects.filter(object_type="people.elimination").count() == 4


def test_a_dismissal_is_carried_out_only_after_the_deadline_passes_without_appeal(in_term, assessed_zone, clock):
    rec = synced(assessed_zone)[("kong4", "R3")]
    rec = elimination.recommendation_decide(
        actor=assessed_zone.committee, recommendation=rec, decision="dismiss", reason="连续三次基本合格"
    )
    with pytest.raises(ValidationError, match="已生效"):
        elimination.decision_enforce(actor=assessed_zone.committee, recommendation=rec)
    clock.advance(timedelta(days=16))
    with pytest.raises(ValidationError, match="截止"):
        elimination.appeal_file(actor=rec.user, recommendation=rec, text="晚了")
    elimination.decision_enforce(actor=assessed_zone.committee, recommendation=rec)
    assert Contract.objects.get(user=rec.user).status == Contract.Status.ENDED


def test_a_no_renewal_decision_blocks_renewal_until_overturned(assessed_zone):
    rec = synced(assessed_zone)[("kong4", "R3")]
    contract = rec.contract
    assert renewal_blocker(contract) == ""
    rec = elimination.recommendation_decide(
        actor=assessed_zone.committee, recommendation=rec, decision="no_renewal", reason="聘期满不再续聘"
    )
    assert "不续聘" in renewal_blocker(contract)
    assert Contract.objects.get(pk=contract.pk).status == Contract.Status.ACTIVE  # not ended
    rec = elimination.appeal_file(actor=rec.user, recommendation=rec, text="申请复核")
    elimination.appeal_answer(actor=assessed_zone.committee, recommendation=rec, uphold=False, answer="撤销")
    assert renewal_blocker(contract) == ""


def test_a_decision_may_be_withdrawn_with_a_reason_and_decided_again(assessed_zone):
    rec = synced(assessed_zone)[("kong3", "R1")]
    rec = elimination.recommendation_decide(
        actor=assessed_zone.committee, recommendation=rec, decision="", reason="已主动整改"
    )
    assert rec.status == R.Status.REJECTED and rec.appeal_until is None
    with pytest.raises(ValidationError, match="已有决定"):
        elimination.recommendation_decide(actor=assessed_zone.committee, recommendation=rec, decision="", reason="x")
    rec = elimination.decision_withdraw(actor=assessed_zone.committee, recommendation=rec, reason="误点")
    assert rec.status == R.Status.OPEN
    assert AuditEntry.objects.get(object_type="people.elimination", action="void").reason == "误点"


def test_staff_cannot_decide(assessed_zone):
    rec = synced(assessed_zone)[("kong3", "R1")]
    with pytest.raises(PermissionDenied):
        elimination.recommendation_decide(actor=assessed_zone.staff[0], recommendation=rec, decision="", reason="x")


def test_cycles_of_another_kind_do_not_count(assessed_zone):
    Cycle.objects.filter(code="2020Q1").update(kind=Cycle.Kind.YEAR)
    assert sorted(synced(assessed_zone)) == [("kong3", "R1")]
