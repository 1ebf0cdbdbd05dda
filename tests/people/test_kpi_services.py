"""The KPI services: opening a cycle, plans (weights total 100), method versions, reviews and enterprises' links,
评定 with its query count, calibration with a reason, lock, appeals — each write audited, each refusal in Chinese."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.audit.models import AuditEntry
from taizhang.hub.models import Notification
from taizhang.people import appeals, assessment, kpi, methods, reviews
from taizhang.people.models import Appeal, Cycle, Indicator, Result, Review, ScoringMethod
from tests.people.kpi_helpers import finals_plans, plan, superior_reviews


def audited(object_type: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(object_type=object_type).order_by("id"))


def test_enabling_the_module_gives_the_unit_the_four_default_methods(zone, world):
    names = set(ScoringMethod.objects.filter(unit=world.xinshi).values_list("name", "kind"))
    assert names == {("线性", "linear"), ("反向", "reverse"), ("达标", "threshold"), ("扣分", "deduct")}


def test_a_new_cycle_takes_its_parameters_from_the_previous_one(zone, world):
    Cycle.objects.filter(pk=zone.cycle.pk).update(kpi_weight=D(60), review_weight=D(40), appeal_days=10)
    cycle = kpi.cycle_open(actor=zone.committee, unit_id=world.xinshi.pk, code="2020q4")
    assert (cycle.code, cycle.kind, cycle.starts_on, cycle.ends_on) == (
        "2020Q4",
        "quarter",
        date(2020, 10, 1),
        date(2020, 12, 31),
    )
    assert (cycle.kpi_weight, cycle.review_weight, cycle.appeal_days) == (D(60), D(40), 10)
    assert audited("people.cycle")[-1].changes["周期"] == [None, "2020Q4"]
    with pytest.raises(ValidationError, match="已经开启过了"):
        kpi.cycle_open(actor=zone.committee, unit_id=world.xinshi.pk, code="2020Q4")
    with pytest.raises(ValidationError, match="看不懂"):
        kpi.cycle_open(actor=zone.committee, unit_id=world.xinshi.pk, code="第三季度" * 800)


def test_only_the_committee_of_the_unit_opens_cycles_and_writes_plans(zone, world):
    with pytest.raises(PermissionDenied):
        kpi.cycle_open(actor=zone.staff[0], unit_id=world.xinshi.pk, code="2020Q4")
    with pytest.raises(PermissionDenied):
        kpi.plans_write(
            actor=world.jy_admin, cycle=zone.cycle, plans={zone.staff[0].pk: plan(("任务", "100", "线性", "1", "1"))}
        )


def test_a_plan_whose_weights_do_not_total_100_is_refused_naming_the_total(zone):
    with pytest.raises(ValidationError) as refused:
        kpi.plans_write(
            actor=zone.committee,
            cycle=zone.cycle,
            plans={zone.staff[0].pk: plan(("甲", "60", "线性", "100", "90"), ("乙", "30", "达标", "1", "1"))},
        )
    assert "各指标权重合计应为 100，现为 90" in " ".join(refused.value.messages)
    assert not Indicator.objects.exists()


def test_a_plan_replaces_the_old_one_and_is_audited(zone):
    user = zone.staff[0]
    kpi.plans_write(actor=zone.committee, cycle=zone.cycle, plans={user.pk: plan(("甲", "100", "线性", "100", None))})
    kpi.plans_write(
        actor=zone.committee,
        cycle=zone.cycle,
        plans={user.pk: plan(("乙", "50", "反向", "0.5", "0.5"), ("丙", "50", "达标", "1", "0"))},
    )
    assert list(Indicator.objects.filter(user=user).values_list("name", flat=True)) == ["乙", "丙"]
    assert Indicator.objects.get(name="乙").department == zone.office
    assert audited("people.plan")[-1].changes["指标"] == ["甲 100", "乙 50；丙 50"]


def test_an_unknown_method_or_a_target_of_zero_is_refused(zone):
    with pytest.raises(ValidationError) as refused:
        kpi.plans_write(
            actor=zone.committee,
            cycle=zone.cycle,
            plans={zone.staff[0].pk: plan(("甲", "50", "对数", "1", "1"), ("乙", "50", "线性", "0", "1"))},
        )
    text = " ".join(refused.value.messages)
    assert "没有计分方式“对数”" in text and "目标值应大于 0" in text


def test_a_method_change_applies_from_its_cycle_and_old_cycles_keep_theirs(zone, world):
    later = kpi.cycle_open(actor=zone.committee, unit_id=world.xinshi.pk, code="2020Q4")
    methods.method_change(
        actor=zone.committee,
        unit_id=world.xinshi.pk,
        name="线性",
        kind="linear",
        floor="0.5",
        cap="1.0",
        cycle=later,
        reason="区里新规定",
    )
    assert methods.methods_for(world.xinshi.pk, zone.cycle.starts_on)["线性"].cap == D("1.2")
    assert methods.methods_for(world.xinshi.pk, later.starts_on)["线性"].cap == D("1.0")
    entry = audited("people.method")[-1]
    assert entry.reason == "区里新规定" and entry.changes["上限"] == ["1.200", "1.000"]
    with pytest.raises(ValidationError, match="变更理由"):
        methods.method_change(
            actor=zone.committee,
            unit_id=world.xinshi.pk,
            name="线性",
            kind="linear",
            floor=1,
            cap=1,
            cycle=later,
            reason=" ",
        )


def test_assessing_gives_kpi_review_final_scores_and_grades(zone):
    finals_plans(zone)
    superior_reviews(zone)
    done = assessment.cycle_assess(actor=zone.committee, cycle=zone.cycle)
    assert done.assessed == 5
    rows = {
        r.user.username: (r.kpi_score, r.review_score, r.final_score, r.grade)
        for r in Result.objects.select_related("user")
    }
    assert rows["kong1"] == (D("100.00"), D("90.00"), D("97.00"), "excellent")
    assert rows["kong2"] == (D("90.00"), D("90.00"), D("90.00"), "pass")  # only one 优秀 of five
    assert rows["kong4"] == (D("70.00"), D("70.00"), D("70.00"), "pass")
    assert rows["kong5"] == (D("0.00"), D("60.00"), D("18.00"), "fail")  # 50 % is below the floor
    assert Result.objects.get(user=zone.staff[0]).post == zone.clerk_post
    assert Cycle.objects.get(pk=zone.cycle.pk).status == Cycle.Status.ASSESSED
    assert audited("people.cycle")[-1].changes["评定人数"] == [None, 5]


def test_assessing_skips_a_plan_that_does_not_total_100(zone):
    finals_plans(zone)
    Indicator.objects.filter(user=zone.staff[0]).update(weight=D(90))
    done = assessment.cycle_assess(actor=zone.committee, cycle=zone.cycle)
    assert done.assessed == 4 and "现为 90" in done.skipped[zone.staff[0].pk]


def test_assessing_2000_staff_takes_a_constant_number_of_queries(zone, django_assert_max_num_queries):
    finals_plans(zone)
    superior_reviews(zone)
    with django_assert_max_num_queries(16):
        assessment.cycle_assess(actor=zone.committee, cycle=zone.cycle)


def test_plans_and_reviews_are_fixed_once_assessed_until_the_assessment_is_withdrawn(zone):
    finals_plans(zone)
    assessment.cycle_assess(actor=zone.committee, cycle=zone.cycle)
    with pytest.raises(ValidationError, match="请先撤回评定"):
        superior_reviews(zone)
    with pytest.raises(ValidationError, match="撤回理由"):
        assessment.assessment_withdraw(actor=zone.committee, cycle=zone.cycle, reason="")
    assessment.assessment_withdraw(actor=zone.committee, cycle=zone.cycle, reason="补录上级评价")
    superior_reviews(zone)
    assert audited("people.cycle")[-1].reason == "补录上级评价"


def test_calibration_needs_a_reason_is_audited_and_survives_a_reassessment(zone):
    finals_plans(zone)
    assessment.cycle_assess(actor=zone.committee, cycle=zone.cycle)
    result = Result.objects.get(user=zone.staff[1])
    with pytest.raises(ValidationError, match="请填写调整理由"):
        assessment.grade_calibrate(actor=zone.committee, result=result, grade="excellent", reason="  ")
    with pytest.raises(ValidationError, match="不超过 500 字"):
        assessment.grade_calibrate(actor=zone.committee, result=result, grade="excellent", reason="理" * 3000)
    assessment.grade_calibrate(actor=zone.committee, result=result, grade="excellent", reason="招商重大贡献")
    entry = audited("people.result")[-1]
    assert entry.changes == {"等次": ["合格", "优秀"]} and entry.reason == "招商重大贡献"
    assessment.assessment_withdraw(actor=zone.committee, cycle=zone.cycle, reason="重算")
    assessment.cycle_assess(actor=zone.committee, cycle=zone.cycle)
    result.refresh_from_db()
    assert (result.computed_grade, result.grade) == ("pass", "excellent")


def test_locking_freezes_the_results_and_tells_each_person(zone, clock):
    clock.set(date(2020, 10, 10))
    finals_plans(zone)
    assessment.cycle_assess(actor=zone.committee, cycle=zone.cycle)
    assessment.cycle_lock(actor=zone.committee, cycle=zone.cycle)
    result = Result.objects.get(user=zone.staff[0])
    with pytest.raises(ValidationError, match="锁定前"):
        assessment.grade_calibrate(actor=zone.committee, result=result, grade="pass", reason="改")
    with pytest.raises(ValidationError):
        assessment.assessment_withdraw(actor=zone.committee, cycle=zone.cycle, reason="改")
    with pytest.raises(ValidationError, match="已锁定"):
        superior_reviews(zone)
    texts = list(Notification.objects.filter(recipient=zone.staff[0]).values_list("text", flat=True))
    assert texts == ["2020Q3 考核结果已公布，如有异议请于 2020-10-17 前申诉"]


def _locked(zone, clock):
    clock.set(date(2020, 10, 10))
    finals_plans(zone)
    assessment.cycle_assess(actor=zone.committee, cycle=zone.cycle)
    assessment.cycle_lock(actor=zone.committee, cycle=zone.cycle)
    return Result.objects.get(user=zone.staff[3])


def test_a_staff_member_appeals_within_the_window_and_the_committee_upholds_it(zone, clock):
    result = _locked(zone, clock)
    user = zone.staff[3]
    with pytest.raises(PermissionDenied):
        appeals.appeal_file(actor=zone.staff[0], result=result, reason="替他申诉")
    appeal = appeals.appeal_file(actor=user, result=result, reason="招商项目实际值漏报")
    with pytest.raises(ValidationError, match="正在处理"):
        appeals.appeal_file(actor=user, result=result, reason="再申诉")
    with pytest.raises(PermissionDenied):
        appeals.appeal_answer(actor=user, appeal=appeal, upheld=True, answer="我同意", grade="excellent")
    appeals.appeal_answer(actor=zone.committee, appeal=appeal, upheld=True, answer="核实漏报属实", grade="excellent")
    result.refresh_from_db()
    assert result.grade == "excellent" and result.calibration_reason == "申诉成立：核实漏报属实"
    assert audited("people.result")[-1].reason == "申诉：招商项目实际值漏报"
    assert Appeal.objects.get().status == Appeal.Status.UPHELD
    assert "申诉已答复：申诉成立" in Notification.objects.filter(recipient=user).latest("id").text


def test_an_appeal_after_the_window_is_refused_and_a_rejection_needs_an_answer(zone, clock):
    result = _locked(zone, clock)
    appeal = appeals.appeal_file(actor=zone.staff[3], result=result, reason="不服")
    with pytest.raises(ValidationError, match="答复意见"):
        appeals.appeal_answer(actor=zone.committee, appeal=appeal, upheld=False, answer="")
    appeals.appeal_answer(actor=zone.committee, appeal=appeal, upheld=False, answer="经复核无误")
    assert Result.objects.get(pk=result.pk).grade == "pass"
    clock.advance(days=8)
    with pytest.raises(ValidationError, match="申诉期已于 2020-10-17 结束"):
        appeals.appeal_file(actor=zone.staff[3], result=result, reason="再次申诉")


def test_an_enterprise_rates_once_through_its_link_before_it_expires(zone, clock):
    clock.set(date(2020, 9, 20))
    invitation = reviews.invitation_create(
        actor=zone.committee, cycle=zone.cycle, subject=zone.staff[2], enterprise="济北精工"
    )
    assert invitation.expires_on == date(2020, 10, 15)
    review = reviews.invitation_rate(token=invitation.token, score=D(95), comment="服务周到")
    assert (review.rater_type, review.rater_name, review.subject_id) == ("client", "济北精工", zone.staff[2].pk)
    with pytest.raises(ValidationError, match="已经评价过了"):
        reviews.invitation_rate(token=invitation.token, score=D(10), comment="")
    late = reviews.invitation_create(
        actor=zone.committee, cycle=zone.cycle, subject=zone.staff[2], enterprise="济北物流"
    )
    clock.set(date(2020, 10, 16))
    with pytest.raises(ValidationError, match="已过期"):
        reviews.invitation_rate(token=late.token, score=D(80), comment="")
    with pytest.raises(ValidationError, match="链接无效"):
        reviews.invitation_rate(token="nope", score=D(80), comment="")


def test_a_review_out_of_range_is_refused_and_a_withdrawal_needs_a_reason(zone):
    with pytest.raises(ValidationError, match="0 到 100"):
        reviews.reviews_write(
            actor=zone.committee,
            cycle=zone.cycle,
            reviews=[reviews.ReviewIn(subject_id=zone.staff[0].pk, rater_type="peer", rater_name="孔二", score=D(101))],
        )
    superior_reviews(zone)
    review = Review.objects.first()
    with pytest.raises(ValidationError, match="撤回理由"):
        reviews.review_withdraw(actor=zone.committee, review=review, reason="")
    reviews.review_withdraw(actor=zone.committee, review=review, reason="录错人")
    assert not Review.objects.filter(pk=review.pk).exists()
    assert audited("people.review")[-1].reason == "录错人"


def test_actuals_come_from_a_figure_another_module_publishes(zone, monkeypatch):
    from taizhang.core.manifest import Value
    from taizhang.hub import metrics as kernel_metrics

    kpi.plans_write(
        actor=zone.committee,
        cycle=zone.cycle,
        plans={
            zone.staff[0].pk: [
                kpi.IndicatorIn(
                    name="测量户数", weight=D(100), method="线性", target=D(10), metric_key="renewal.measured"
                )
            ]
        },
    )
    seen = []

    def measured_by(user, *, as_of, month):
        seen.append((user.username, as_of, month))
        return Value(12)

    def per_person(self, user, *, as_of):
        assert self.key == "renewal.measured"
        return measured_by(user, as_of=as_of, month=kernel_metrics.first_of_month(as_of))

    monkeypatch.setattr(kernel_metrics.Published, "per_person", per_person)
    filled, problems = kpi.actuals_from_metrics(actor=zone.committee, cycle=zone.cycle)
    assert (filled, problems) == (1, [])
    assert Indicator.objects.get().actual == D(12)
    assert seen == [("kong1", date(2020, 9, 30), date(2020, 9, 1))]


def test_appeal_tasks_go_to_the_committee(zone, clock):
    from taizhang.hub.tasks import Audience
    from taizhang.people.tasks import appeal_count, open_appeals

    result = _locked(zone, clock)
    appeals.appeal_file(actor=zone.staff[3], result=result, reason="不服")
    tasks = open_appeals(Audience(zone.committee, clock.today()))
    assert [(t.title, t.subject) for t in tasks] == [("答复考核申诉", "孔四 · 2020Q3")]
    assert appeal_count(Audience(zone.committee, clock.today())).total == 1
    assert open_appeals(Audience(zone.staff[0], clock.today())) == []
    assert tasks[0].due == clock.today() + timedelta(days=15)


def test_a_reassessment_rewrites_the_changed_results_only(zone):
    finals_plans(zone)
    superior_reviews(zone)
    assessment.cycle_assess(actor=zone.committee, cycle=zone.cycle)
    untouched = Result.objects.get(user=zone.staff[0]).assessed_at
    assessment.assessment_withdraw(actor=zone.committee, cycle=zone.cycle, reason="补录评议")
    reviews.reviews_write(
        actor=zone.committee,
        cycle=zone.cycle,
        reviews=[reviews.ReviewIn(subject_id=zone.staff[3].pk, rater_type="peer", rater_name="孔三", score=D(100))],
    )
    assessment.cycle_assess(actor=zone.committee, cycle=zone.cycle)
    changed = Result.objects.get(user=zone.staff[3])
    assert (changed.review_score, changed.final_score) == (D("78.57"), D("72.57"))  # (50·70 + 20·100)/70
    assert Result.objects.get(user=zone.staff[0]).assessed_at == untouched
    assert Result.objects.count() == 5
