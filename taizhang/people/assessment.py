"""评定: every assessed person's KPI score, review score, final score and grade in a constant number of queries;
withdrawing an assessment, the committee's calibration of a grade (with a reason), and locking the cycle."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append
from taizhang.core import clock
from taizhang.hub.notifications import notify
from taizhang.org.models import User
from taizhang.people.elimination import recommendations_sync
from taizhang.people.kpi import require_manager, required_text
from taizhang.people.models import Contract, Cycle, Grade, Indicator, Result, Review
from taizhang.people.rules import kpi as rules
from taizhang.people.selectors_kpi import type_weights

GRADE_LABELS = dict(Grade.choices)
RESULT_FIELDS = ["post", "department", "kpi_score", "review_score", "final_score", "computed_grade", "grade"]


def _values(result: Result) -> tuple:
    return tuple(getattr(result, f"{name}_id" if name in ("post", "department") else name) for name in RESULT_FIELDS)


@dataclass
class Assessed:
    assessed: int = 0
    skipped: dict[int, str] = field(default_factory=dict)  # user id → why not assessed
    missing_actuals: int = 0


def indicator_rows(cycle: Cycle, user_ids=None):
    """(user id, weight, kind, target, actual, floor, cap, deduction) of the cycle's indicators, floor and cap in
    force (the indicator's own, else its method version's)."""
    queryset = Indicator.objects.filter(cycle=cycle)
    if user_ids is not None:
        queryset = queryset.filter(user_id__in=user_ids)
    for user_id, weight, kind, target, actual, floor, cap, m_floor, m_cap, deduction in queryset.values_list(
        "user_id",
        "weight",
        "method__kind",
        "target",
        "actual",
        "floor",
        "cap",
        "method__floor",
        "method__cap",
        "deduction",
    ).order_by("user_id", "position", "id"):
        yield (
            user_id,
            weight,
            kind,
            target,
            actual,
            m_floor if floor is None else floor,
            m_cap if cap is None else cap,
            deduction,
        )


def kpi_scores(cycle: Cycle, user_ids=None) -> tuple[dict[int, Decimal], dict[int, str], int]:
    """({user id: KPI score}, {user id: why the plan cannot be scored}, indicators without an actual)."""
    weights: dict[int, list[Decimal]] = defaultdict(list)
    scores: dict[int, list[Decimal]] = defaultdict(list)
    missing = 0
    for user_id, weight, kind, target, actual, floor, cap, deduction in indicator_rows(cycle, user_ids):
        weights[user_id].append(weight)
        missing += actual is None
        scores[user_id].append(
            rules.indicator_score(
                kind=kind, weight=weight, target=target, actual=actual, floor=floor, cap=cap, deduction=deduction
            )
        )
    problems = {u: p for u, w in weights.items() if (p := rules.weights_problem(w))}
    return {u: rules.kpi_score(s) for u, s in scores.items() if u not in problems}, problems, missing


def review_scores(cycle: Cycle, user_ids=None) -> dict[int, Decimal | None]:
    by_type: dict[int, dict[str, list[Decimal]]] = defaultdict(lambda: defaultdict(list))
    queryset = Review.objects.filter(cycle=cycle)
    if user_ids is not None:
        queryset = queryset.filter(subject_id__in=user_ids)
    for subject_id, kind, score in queryset.values_list("subject_id", "rater_type", "score"):
        by_type[subject_id][kind].append(score)
    weights = type_weights(cycle)
    return {
        subject: rules.review_score({kind: rules.mean(types.get(kind, ())) for kind in weights}, weights)
        for subject, types in by_type.items()
    }


@transaction.atomic
def cycle_assess(*, actor, cycle: Cycle) -> Assessed:
    """评定: a Result for everyone whose plan totals 100. A grade the committee calibrated stays as calibrated."""
    require_manager(actor, cycle.unit_id)
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != Cycle.Status.OPEN:
        raise ValidationError(f"周期 {cycle.code} 已评定或已锁定")
    kpis, problems, missing = kpi_scores(cycle)
    reviews = review_scores(cycle, None)
    finals = {
        user_id: rules.final_score(
            kpi=kpi, review=reviews.get(user_id), kpi_weight=cycle.kpi_weight, review_weight=cycle.review_weight
        )
        for user_id, kpi in kpis.items()
    }
    grades = rules.grades(
        finals,
        basic_line=cycle.basic_line,
        pass_line=cycle.pass_line,
        excellent_line=cycle.excellent_line,
        excellent_share=cycle.excellent_share,
    )
    posts = dict(
        (user_id, (post_id, department_id))
        for user_id, post_id, department_id in Contract.objects.filter(
            unit_id=cycle.unit_id, user_id__in=list(kpis), starts_on__lte=cycle.ends_on
        )
        .order_by("user_id", "starts_on")
        .values_list("user_id", "post_id", "department_id")
    )
    existing = {r.user_id: r for r in Result.objects.filter(cycle=cycle)}
    now = clock.now()
    new, changed = [], []
    for user_id, final in finals.items():
        result = existing.pop(user_id, None) or Result(unit_id=cycle.unit_id, cycle=cycle, user_id=user_id)
        before = _values(result)
        result.post_id, result.department_id = posts.get(user_id, (None, None))
        result.kpi_score, result.review_score, result.final_score = kpis[user_id], reviews.get(user_id), final
        result.computed_grade = grades[user_id]
        if not result.calibration_reason:
            result.grade = grades[user_id]
        if result.pk is None:
            result.assessed_at = now
            new.append(result)
        elif _values(result) != before:  # a re-assessment rewrites only what it changes
            result.assessed_at = now
            changed.append(result)
    Result.objects.bulk_create(new, batch_size=1000)
    # An upsert on the primary key: Django's bulk_update builds a CASE per row and field, seconds for 2,000 rows.
    Result.objects.bulk_create(
        changed,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=[*RESULT_FIELDS, "assessed_at"],
    )
    Result.objects.filter(pk__in=[r.pk for r in existing.values()]).delete()  # no longer assessed
    cycle.status = Cycle.Status.ASSESSED
    cycle.save(update_fields=["status"])
    counts = {label: sum(g == key for g in grades.values()) for key, label in Grade.choices}
    audit_append(
        [
            _cycle_draft(
                cycle,
                AuditEntry.Action.UPDATE,
                {"状态": ["考核中", "已评定"], "评定人数": [None, len(finals)], "等次分布": [None, counts]},
            )
        ],
        actor=actor,
    )
    return Assessed(len(finals), problems, missing)


def _cycle_draft(cycle: Cycle, action: str, changes: dict, reason: str = "") -> Draft:
    return Draft(
        action=action,
        object_type="people.cycle",
        object_id=str(cycle.pk),
        object_repr=f"考核周期 {cycle.code}",
        unit_id=cycle.unit_id,
        changes=changes,
        reason=reason,
    )


@transaction.atomic
def assessment_withdraw(*, actor, cycle: Cycle, reason: str) -> None:
    """Back to 考核中 (plans and reviews can change again); the results stay until the next 评定."""
    require_manager(actor, cycle.unit_id)
    reason = required_text(reason, "撤回理由")
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != Cycle.Status.ASSESSED:
        raise ValidationError("只有已评定、未锁定的周期可以撤回评定")
    cycle.status = Cycle.Status.OPEN
    cycle.save(update_fields=["status"])
    audit_append([_cycle_draft(cycle, AuditEntry.Action.UPDATE, {"状态": ["已评定", "考核中"]}, reason)], actor=actor)


@transaction.atomic
def grade_calibrate(*, actor, result: Result, grade: str, reason: str) -> Result:
    """The committee changes a grade before the cycle is locked; the reason is kept on the result and audited."""
    require_manager(actor, result.unit_id)
    reason = required_text(reason, "调整理由")
    result = Result.objects.select_for_update().select_related("cycle", "user").get(pk=result.pk)
    if result.cycle.status != Cycle.Status.ASSESSED:
        raise ValidationError("只能在评定后、锁定前调整等次")
    if grade not in GRADE_LABELS:
        raise ValidationError("等次只能是优秀、合格、基本合格或不合格")
    if grade == result.grade:
        raise ValidationError("等次没有变化")
    old = result.grade
    result.grade, result.calibration_reason = grade, reason
    result.calibrated_by, result.calibrated_at = actor, clock.now()
    result.save(update_fields=["grade", "calibration_reason", "calibrated_by", "calibrated_at"])
    audit_append(
        [result_draft(result, {"等次": [GRADE_LABELS.get(old, ""), GRADE_LABELS[grade]]}, reason)], actor=actor
    )
    return result


def result_draft(result: Result, changes: dict, reason: str) -> Draft:
    return Draft(
        action=AuditEntry.Action.UPDATE,
        object_type="people.result",
        object_id=str(result.pk),
        object_repr=f"{result.cycle.code} {result.user.full_name} 考核结果",
        unit_id=result.unit_id,
        changes=changes,
        reason=reason,
    )


@transaction.atomic
def cycle_lock(*, actor, cycle: Cycle) -> Cycle:
    """锁定: nothing of the cycle changes after (but an appeal upheld); each assessed person is told, with the
    appeal deadline."""
    require_manager(actor, cycle.unit_id)
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != Cycle.Status.ASSESSED:
        raise ValidationError("只有已评定的周期可以锁定")
    cycle.status, cycle.locked_at, cycle.locked_by = Cycle.Status.LOCKED, clock.now(), actor
    cycle.save(update_fields=["status", "locked_at", "locked_by"])
    audit_append([_cycle_draft(cycle, AuditEntry.Action.UPDATE, {"状态": ["已评定", "已锁定"]})], actor=actor)
    deadline = rules.appeal_deadline(clock.today(), cycle.appeal_days)
    people = User.objects.filter(pk__in=Result.objects.filter(cycle=cycle).values("user_id"), is_active=True)
    notify(
        people,
        f"{cycle.code} 考核结果已公布，如有异议请于 {deadline:%Y-%m-%d} 前申诉",
        reverse("people:my_result", args=[cycle.pk]),
        actor=actor,
    )
    recommendations_sync(cycle=cycle)
    return cycle
