"""刚性淘汰: a unit's elimination rules (versions effective from a cycle's start), and each recommendation the rules
make for a locked cycle with the committee's decision, the person's appeal and its answer."""

from django.db import models

from taizhang.org.scoping import ScopedQuerySet
from taizhang.people.models.fields import _department, _unit, _user


class EliminationRuleSet(models.Model):
    unit = _unit()
    effective_from = models.DateField("自该日开始的周期起施行")
    rules = models.JSONField("规则")
    appeal_days = models.PositiveSmallIntegerField("申诉期（天）", default=15)
    reason = models.CharField("修订说明", max_length=200, blank=True)
    created_by = _user("修订人")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "effective_from"], name="people_eliminationrules_one_per_day")
        ]
        ordering = ["unit", "-effective_from"]
        verbose_name = "淘汰规则"


class Recommendation(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "待决定"
        ACCEPTED = "accepted", "已决定采纳"
        REJECTED = "rejected", "已决定不采纳"

    class Decision(models.TextChoices):
        STANDBY = "standby", "待岗培训"
        DISMISS = "dismiss", "解聘"
        NO_RENEWAL = "no_renewal", "不续聘"

    class Appeal(models.TextChoices):
        NONE = "", "未申诉"
        PENDING = "pending", "申诉待答复"
        UPHELD = "upheld", "维持原决定"
        OVERTURNED = "overturned", "撤销原决定"

    unit = _unit()
    cycle = models.ForeignKey(
        "people.Cycle", on_delete=models.PROTECT, related_name="recommendations", verbose_name="周期"
    )
    user = _user("人员", null=False)
    department = _department(null=True)
    contract = models.ForeignKey(
        "people.Contract", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="合同"
    )
    rule_code = models.CharField("规则编号", max_length=8)
    rule_text = models.CharField("规则", max_length=200)
    action = models.CharField("建议", max_length=16)
    cycles = models.JSONField("依据周期", default=list)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.OPEN)
    decision = models.CharField("决定", max_length=16, choices=Decision.choices, blank=True)
    decision_reason = models.CharField("决定理由", max_length=500, blank=True)
    decided_by = _user("决定人")
    decided_at = models.DateTimeField("决定时间", null=True, blank=True)
    appeal_until = models.DateField("申诉截止日", null=True, blank=True)
    appeal = models.CharField("申诉", max_length=16, choices=Appeal.choices, blank=True, default="")
    appeal_text = models.CharField("申诉理由", max_length=1000, blank=True)
    appealed_at = models.DateTimeField("申诉时间", null=True, blank=True)
    answer = models.CharField("答复", max_length=500, blank=True)
    answered_by = _user("答复人")
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    enforced_at = models.DateTimeField("执行时间", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cycle", "user", "rule_code"], name="people_recommendation_unique")
        ]
        indexes = [models.Index(fields=["unit", "status"]), models.Index(fields=["unit", "user"])]
        ordering = ["cycle", "user_id", "rule_code"]
        verbose_name = "淘汰建议"
