"""Agreements: the choice, then 签约 → 腾空 → 拆除, never backwards, the amount frozen at signing, each step audited."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from taizhang.audit.models import AuditEntry
from taizhang.renewal import publicity, rules
from taizhang.renewal.agreements import (
    agreement_choose,
    agreement_counts,
    agreement_demolish,
    agreement_of,
    agreement_rows,
    agreement_sign,
    agreement_step_withdraw,
    agreement_vacate,
    agreement_void,
    step_preview,
    voided_agreements,
)
from taizhang.renewal.compensation import household_compensation
from taizhang.renewal.models import Agreement
from tests.renewal.scoping_compensation import courtyard, determined, example_data, example_household, published_policy

pytestmark = pytest.mark.django_db
SIGNED = date(2020, 9, 10)


@pytest.fixture
def ready(renewal):
    published_policy(renewal.project)
    return example_household(renewal.project)


def _choose(renewal, entry, option="产权调换", area="125.50", months=30):
    return agreement_choose(
        actor=renewal.world.jy_admin,
        entry=entry,
        option=option,
        chosen_area=Decimal(area) if area else None,
        months_until_handover=months,
    )


def test_signing_freezes_the_policy_the_breakdown_and_the_amount(renewal, ready):
    agreement = agreement_sign(actor=renewal.world.jy_admin, agreement=_choose(renewal, ready), signed_on=SIGNED)
    assert agreement.status == Agreement.Status.SIGNED and agreement.number == "2020-0001"
    assert agreement.amount == Decimal("195741.50")  # the doc's 205,741.50 before the vacating award
    assert agreement.policy.effective_from == date(2020, 6, 1)
    assert rules.breakdown_from_data(agreement.breakdown).total == agreement.amount
    # a later version with other standards changes nothing that was signed
    published_policy(
        renewal.project,
        effective_from=date(2020, 9, 15),
        name="新版",
        data=example_data(decoration_per_m2={"amount": "999", "clause": "第十九条"}),
    )
    agreement.refresh_from_db()
    assert agreement.amount == Decimal("195741.50")
    assert household_compensation(ready).policy == agreement.policy  # computed on the signing date


def test_vacating_in_time_adds_the_frozen_policys_award(renewal, ready):
    admin = renewal.world.jy_admin
    agreement = agreement_sign(actor=admin, agreement=_choose(renewal, ready), signed_on=SIGNED)
    agreement = agreement_vacate(actor=admin, agreement=agreement, vacated_on=date(2020, 9, 25))
    assert agreement.amount == Decimal("205741.50") and agreement.breakdown["lines"][-1]["item"] == "腾空奖励"
    agreement = agreement_demolish(actor=admin, agreement=agreement, demolished_on=date(2020, 10, 8))
    assert agreement.status == Agreement.Status.DEMOLISHED and agreement.amount == Decimal("205741.50")
    steps = AuditEntry.objects.filter(object_type="renewal.agreement", household_id=ready.household_id).order_by("id")
    assert steps.count() == 4 and {e.changes["状态"][1] for e in steps[1:]} == {"已签约", "已腾空", "已拆除"}


def test_vacating_late_earns_no_award(renewal, ready):
    admin = renewal.world.jy_admin
    agreement = agreement_sign(actor=admin, agreement=_choose(renewal, ready, "货币补偿", None, 0), signed_on=SIGNED)
    agreement = agreement_vacate(actor=admin, agreement=agreement, vacated_on=date(2020, 10, 1))
    assert agreement.amount == Decimal("434691.50")


def test_the_steps_never_go_backwards_or_skip(renewal, ready):
    admin = renewal.world.jy_admin
    agreement = _choose(renewal, ready)
    with pytest.raises(ValidationError, match="只有已签约的才能登记腾空"):
        agreement_vacate(actor=admin, agreement=agreement, vacated_on=SIGNED)
    with pytest.raises(ValidationError, match="只有已腾空的才能登记拆除"):
        agreement_demolish(actor=admin, agreement=agreement, demolished_on=SIGNED)
    agreement = agreement_sign(actor=admin, agreement=agreement, signed_on=SIGNED)
    with pytest.raises(ValidationError, match="不能再签约"):
        agreement_sign(actor=admin, agreement=agreement, signed_on=SIGNED)
    with pytest.raises(ValidationError, match="补偿方式不能再改"):
        _choose(renewal, ready, "货币补偿", None, 0)
    with pytest.raises(ValidationError, match="腾空日期不能早于签约日期"):
        agreement_vacate(actor=admin, agreement=agreement, vacated_on=SIGNED - timedelta(days=1))
    agreement = agreement_vacate(actor=admin, agreement=agreement, vacated_on=SIGNED)
    with pytest.raises(ValidationError, match="拆除日期不能早于腾空日期"):
        agreement_demolish(actor=admin, agreement=agreement, demolished_on=SIGNED - timedelta(days=1))
    with pytest.raises(ValidationError, match="不能晚于今天"):
        agreement_demolish(actor=admin, agreement=agreement, demolished_on=timezone.localdate() + timedelta(days=1))


def test_signing_is_refused_until_measured(renewal):
    published_policy(renewal.project)
    entry = renewal.entry("JY101")
    determined(entry, [rules.COUNTED])
    agreement = _choose(renewal, entry, "货币补偿", None, 0)
    with pytest.raises(ValidationError, match="尚未测量"):
        agreement_sign(actor=renewal.world.jy_admin, agreement=agreement, signed_on=SIGNED)


def test_signing_is_refused_while_someone_is_pending(renewal):
    published_policy(renewal.project)
    entry = renewal.entry("JY101")
    courtyard(renewal.project, [entry], "B01")
    determined(entry, [rules.COUNTED, rules.PENDING])
    with pytest.raises(ValidationError, match="尚未界定完成"):
        agreement_sign(
            actor=renewal.world.jy_admin, agreement=_choose(renewal, entry, "货币补偿", None, 0), signed_on=SIGNED
        )


def test_the_records_decide_when_the_households_fields_are_empty(renewal):
    published_policy(renewal.project)
    entry = renewal.entry("JY101")
    courtyard(renewal.project, [entry], "B01")
    determined(entry, [rules.COUNTED, rules.COUNTED])
    type(entry).objects.filter(pk=entry.pk).update(measured_on=None, determined_on=None)
    entry.refresh_from_db()
    agreement = agreement_sign(
        actor=renewal.world.jy_admin, agreement=_choose(renewal, entry, "货币补偿", None, 0), signed_on=SIGNED
    )
    assert agreement.status == Agreement.Status.SIGNED


def test_signing_needs_a_policy_in_force_that_day(renewal, ready):
    with pytest.raises(ValidationError, match="2020-05-20 没有已公布生效的补偿政策"):
        agreement_sign(actor=renewal.world.jy_admin, agreement=_choose(renewal, ready), signed_on=date(2020, 5, 20))


def test_an_exchange_needs_the_flats_area(renewal, ready):
    with pytest.raises(ValidationError, match="产权调换须填写选房面积"):
        _choose(renewal, ready, "产权调换", None, 30)


def test_someone_from_another_unit_may_not_sign(renewal, ready):
    with pytest.raises(PermissionDenied):
        agreement_choose(actor=renewal.world.xs_admin, entry=ready, option="货币补偿")


def test_counts_by_status_include_households_without_an_agreement(renewal, ready):
    agreement_sign(actor=renewal.world.jy_admin, agreement=_choose(renewal, ready), signed_on=SIGNED)
    rows = agreement_rows(renewal.world.jy_admin, renewal.project)
    assert [(c.label, c.count) for c in agreement_counts(rows)] == [
        ("未签约", 3),
        ("已签约", 1),
        ("已腾空", 0),
        ("已拆除", 0),
    ]
    assert [
        e.household.household_no for e in agreement_rows(renewal.world.jy_admin, renewal.project, status="unsigned")
    ] == ["JY001", "JY101", "JY102"]
    assert agreement_rows(renewal.world.jy_admin, renewal.project, status="signed").get() == ready


# --- the signing rule: nothing signs while the 公示 is open or an objection unanswered ---------------------

POSTED = date(2020, 9, 1)  # the window: 2020-09-01 to 2020-09-07


def _post(renewal, entry):
    return publicity.publicity_create(
        actor=renewal.world.jy_admin, project=renewal.project, community=entry.community, starts_on=POSTED
    )


def test_signing_is_refused_while_the_publicity_window_is_open(renewal, ready):
    _post(renewal, ready)
    agreement = _choose(renewal, ready, "货币补偿", None, 0)
    with pytest.raises(ValidationError, match=r"公示期未满（至2020-09-07）"):
        agreement_sign(actor=renewal.world.jy_admin, agreement=agreement, signed_on=date(2020, 9, 7))
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.UNSIGNED and agreement.amount is None
    signed = agreement_sign(actor=renewal.world.jy_admin, agreement=agreement, signed_on=date(2020, 9, 8))
    assert signed.status == Agreement.Status.SIGNED


def test_signing_is_refused_while_an_objection_is_unanswered(renewal, ready):
    posted = _post(renewal, ready)
    raised = publicity.objection_record(
        actor=renewal.world.jy_admin,
        publicity=posted,
        entry=ready,
        submitted_by="户主",
        received_on=date(2020, 9, 3),
        content="人数有误",
    )
    agreement = _choose(renewal, ready, "货币补偿", None, 0)
    with pytest.raises(ValidationError, match="有未答复的异议") as refused:
        agreement_sign(actor=renewal.world.jy_admin, agreement=agreement, signed_on=SIGNED)
    assert refused.value.messages == ["有未答复的异议"]  # the window itself has closed
    publicity.objection_answer(actor=renewal.world.jy_admin, objection=raised, answer="核实无误", outcome="维持原结果")
    assert agreement_sign(actor=renewal.world.jy_admin, agreement=agreement, signed_on=SIGNED).number == "2020-0001"


def test_signing_gives_every_reason_at_once(renewal):
    published_policy(renewal.project)
    agreement = _choose(renewal, renewal.entry("JY101"), "货币补偿", None, 0)
    with pytest.raises(ValidationError) as refused:
        agreement_sign(actor=renewal.world.jy_admin, agreement=agreement, signed_on=SIGNED)
    assert refused.value.messages == [rules.NOT_MEASURED, rules.NOT_DETERMINED]


# --- voiding a signed agreement ---------------------------------------------------------------------------


def test_voiding_keeps_the_agreement_and_lets_the_household_choose_again(renewal, ready):
    admin = renewal.world.jy_admin
    signed = agreement_sign(actor=admin, agreement=_choose(renewal, ready), signed_on=SIGNED)
    voided = agreement_void(actor=admin, agreement=signed, reason="选房面积登记错误")
    assert voided.status == Agreement.Status.VOIDED and voided.get_status_display() == "已作废"
    assert (voided.void_reason, voided.voided_by) == ("选房面积登记错误", admin) and voided.voided_at
    assert voided.amount == Decimal("195741.50") and voided.number == "2020-0001"  # kept as it was signed
    assert agreement_of(ready) is None and list(voided_agreements(ready)) == [voided]
    draft = _choose(renewal, ready, "货币补偿", None, 0)
    assert draft.pk != voided.pk and draft.status == Agreement.Status.UNSIGNED
    again = agreement_sign(actor=admin, agreement=draft, signed_on=SIGNED)
    assert again.number == "2020-0002" and agreement_of(ready) == again
    assert Agreement.objects.filter(entry=ready).count() == 2
    rows = agreement_rows(admin, renewal.project)
    assert {c.status: c.count for c in agreement_counts(rows)}["signed"] == 1  # the voided one is not counted
    assert rows.get(pk=ready.pk).agreement == again


def test_voiding_is_audited_with_the_reason(renewal, ready):
    admin = renewal.world.jy_admin
    signed = agreement_sign(actor=admin, agreement=_choose(renewal, ready), signed_on=SIGNED)
    agreement_void(actor=admin, agreement=signed, reason="户主去世，继承人重新签约")
    entry = AuditEntry.objects.filter(object_type="renewal.agreement", action=AuditEntry.Action.VOID).get()
    assert entry.reason == "户主去世，继承人重新签约" and entry.household_id == ready.household_id
    assert entry.changes["状态"] == ["已签约", "已作废"] and entry.actor_id == admin.pk


def test_a_vacated_or_demolished_agreement_cannot_be_voided(renewal, ready):
    admin = renewal.world.jy_admin
    agreement = agreement_sign(actor=admin, agreement=_choose(renewal, ready), signed_on=SIGNED)
    agreement = agreement_vacate(actor=admin, agreement=agreement, vacated_on=date(2020, 9, 25))
    with pytest.raises(ValidationError, match="已腾空的协议不能作废"):
        agreement_void(actor=admin, agreement=agreement, reason="错误")
    agreement = agreement_demolish(actor=admin, agreement=agreement, demolished_on=date(2020, 10, 8))
    with pytest.raises(ValidationError, match="已拆除的协议不能作废"):
        agreement_void(actor=admin, agreement=agreement, reason="错误")


def test_only_the_unit_admin_voids_with_a_reason_a_signed_agreement(renewal, ready):
    admin = renewal.world.jy_admin
    draft = _choose(renewal, ready)
    with pytest.raises(ValidationError, match="尚未签约"):
        agreement_void(actor=admin, agreement=draft, reason="错误")
    signed = agreement_sign(actor=admin, agreement=draft, signed_on=SIGNED)
    with pytest.raises(PermissionDenied):
        agreement_void(actor=renewal.world.jy_worker, agreement=signed, reason="错误")
    with pytest.raises(ValidationError, match="请填写作废原因"):
        agreement_void(actor=admin, agreement=signed, reason="  ")
    agreement_void(actor=admin, agreement=signed, reason="错误")
    with pytest.raises(ValidationError, match="已经作废"):
        agreement_void(actor=admin, agreement=signed, reason="再次")


def _vacated(renewal, entry):
    admin = renewal.world.jy_admin
    agreement = agreement_sign(actor=admin, agreement=_choose(renewal, entry), signed_on=SIGNED)
    return agreement_vacate(actor=admin, agreement=agreement, vacated_on=date(2020, 9, 25))


def test_the_confirmation_preview_shows_the_amount_vacating_would_bind(renewal, ready):
    admin = renewal.world.jy_admin
    agreement = agreement_sign(actor=admin, agreement=_choose(renewal, ready), signed_on=SIGNED)
    preview = step_preview(agreement, rules.VACATE, date(2020, 9, 25))
    assert preview.amount == Decimal("205741.50") and preview.award.item == "腾空奖励" and not preview.refusal
    late = step_preview(agreement, rules.VACATE, date(2020, 10, 1))
    assert late.amount == Decimal("195741.50") and late.award is None
    assert "只有已腾空的才能登记拆除" in step_preview(agreement, rules.DEMOLISH, date(2020, 9, 25)).refusal
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.SIGNED  # a preview writes nothing


def test_withdrawing_vacating_takes_the_award_back_and_is_audited_with_the_reason(renewal, ready):
    admin = renewal.world.jy_admin
    agreement = agreement_step_withdraw(
        actor=admin, agreement=_vacated(renewal, ready), step=rules.VACATE, reason="登记错户"
    )
    assert agreement.status == Agreement.Status.SIGNED and agreement.vacated_on is None
    assert agreement.amount == Decimal("195741.50")
    assert all(line["item"] != "腾空奖励" for line in agreement.breakdown["lines"])
    entry = AuditEntry.objects.filter(object_type="renewal.agreement").latest("id")
    assert entry.reason == "撤回腾空：登记错户" and entry.changes["状态"] == ["已腾空", "已签约"]
    # once withdrawn, the agreement may be voided again and vacated again
    agreement = agreement_vacate(actor=admin, agreement=agreement, vacated_on=date(2020, 9, 26))
    assert agreement.amount == Decimal("205741.50")


def test_vacating_cannot_be_withdrawn_while_the_demolition_stands(renewal, ready):
    admin = renewal.world.jy_admin
    agreement = agreement_demolish(actor=admin, agreement=_vacated(renewal, ready), demolished_on=date(2020, 10, 8))
    with pytest.raises(ValidationError, match="已登记拆除，须先撤回拆除，才能撤回腾空"):
        agreement_step_withdraw(actor=admin, agreement=agreement, step=rules.VACATE, reason="错")
    agreement = agreement_step_withdraw(actor=admin, agreement=agreement, step=rules.DEMOLISH, reason="尚未拆完")
    assert agreement.status == Agreement.Status.VACATED and agreement.demolished_on is None
    assert agreement.amount == Decimal("205741.50")
    agreement = agreement_step_withdraw(actor=admin, agreement=agreement, step=rules.VACATE, reason="错户")
    assert agreement.status == Agreement.Status.SIGNED


def test_only_the_unit_admin_withdraws_and_only_with_a_reason(renewal, ready):
    agreement = _vacated(renewal, ready)
    with pytest.raises(PermissionDenied):
        agreement_step_withdraw(actor=renewal.jy_group_leader, agreement=agreement, step=rules.VACATE, reason="错")
    with pytest.raises(ValidationError, match="请填写撤回腾空的原因"):
        agreement_step_withdraw(actor=renewal.world.jy_admin, agreement=agreement, step=rules.VACATE, reason=" ")
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.VACATED
