"""优秀企业家奖励: a year's round (the pool, published criteria and tiers, the reviewers), the nominations with their
materials, each reviewer's scores, the 公示 objections and the payments the confirmation creates."""

from __future__ import annotations

from decimal import Decimal

from django.db import models

from taizhang.enterprise.models.fields import _import_batch, _unit, _user, _yuan
from taizhang.enterprise.models.registry import Enterprise
from taizhang.enterprise.rules import awards as rules
from taizhang.org.scoping import ScopedQuerySet


class AwardRound(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "提名中"
        SCORING = "scoring", "评审中"
        PUBLICITY = "publicity", "公示中"
        CONFIRMED = "confirmed", "已确定"

    unit = _unit()
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("名称", max_length=100)
    pool = models.DecimalField("奖励总额（元）", max_digits=14, decimal_places=2, default=rules.DEFAULT_POOL)
    criteria = models.JSONField("评审标准及权重", default=list)  # [[name, weight], …]
    tiers = models.JSONField("奖励等次", default=list)  # [[name, places, shares], …]
    reviewers = models.ManyToManyField("org.User", blank=True, related_name="+", verbose_name="评审人")
    nominations_until = models.DateField("提名截止")
    publicity_days = models.PositiveSmallIntegerField("公示天数", default=5)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.OPEN)
    publicity_from = models.DateField("公示开始", null=True, blank=True)
    publicity_until = models.DateField("公示截止", null=True, blank=True)
    confirmed_at = models.DateTimeField("确定时间", null=True, blank=True)
    created_by = _user("发起人")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="enterprise_awardround_one_a_year")]
        ordering = ["-year", "-id"]
        verbose_name = "优秀企业家奖励"

    def __str__(self) -> str:
        return self.title

    @property
    def criteria_list(self) -> list[rules.Criterion]:
        return [rules.Criterion(name, int(weight)) for name, weight in self.criteria]

    @property
    def weights(self) -> list[int]:
        return [int(weight) for _, weight in self.criteria]

    @property
    def tier_list(self) -> list[rules.Tier]:
        return [rules.Tier(name, int(n), int(shares)) for name, n, shares in self.tiers]


class Nomination(models.Model):
    """An entrepreneur nominated with the enterprise (name and post only: no ID number), by whom, with materials.
    `rank`, `score`, `tier` and `amount` are set when the allocation is confirmed for 公示."""

    unit = _unit()
    round = models.ForeignKey(AwardRound, on_delete=models.PROTECT, related_name="nominations", verbose_name="评选")
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="award_nominations", verbose_name="企业"
    )
    entrepreneur = models.CharField("企业家姓名", max_length=32)
    post = models.CharField("职务", max_length=32)
    nominated_by = models.CharField("推荐单位/推荐人", max_length=64)
    material = models.FileField("推荐材料", upload_to="enterprise/awards/%Y/", blank=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdraw_reason = models.CharField("撤回原因", max_length=200, blank=True)
    score = models.DecimalField("得分", max_digits=6, decimal_places=2, null=True, blank=True)
    rank = models.PositiveSmallIntegerField("名次", null=True, blank=True)
    tier = models.CharField("等次", max_length=20, blank=True)
    amount = _yuan("奖励金额（元）", null=True)
    created_by = _user("录入人")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        indexes = [models.Index(fields=["round", "enterprise"])]
        ordering = ["round_id", "id"]
        verbose_name = "企业家提名"

    def __str__(self) -> str:
        return f"{self.entrepreneur}（{self.enterprise.name}）"


class AwardScore(models.Model):
    """One reviewer's scores of one nomination, one per criterion in the round's order (text decimals, None blank)."""

    unit = _unit()
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="scores", verbose_name="提名")
    reviewer = _user("评审人", null=False)
    values = models.JSONField("各项评分", default=list)
    import_batch = _import_batch()
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["nomination", "reviewer"], name="enterprise_awardscore_one_a_reviewer")
        ]
        verbose_name = "企业家奖励评分"

    @property
    def decimals(self) -> list[Decimal | None]:
        return [None if v in (None, "") else Decimal(v) for v in self.values]


class AwardObjection(models.Model):
    """An objection to a round's 公示, filed during the window, answered by the zone."""

    class Status(models.TextChoices):
        OPEN = "open", "待答复"
        ANSWERED = "answered", "已答复"

    unit = _unit()
    round = models.ForeignKey(AwardRound, on_delete=models.PROTECT, related_name="objections", verbose_name="评选")
    nomination = models.ForeignKey(
        Nomination, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="针对的企业家"
    )
    filed_by = _user("提出人", null=False)
    text = models.CharField("异议内容", max_length=1000)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.OPEN)
    answer = models.CharField("答复", max_length=1000, blank=True)
    answered_by = _user("答复人")
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    created_at = models.DateTimeField("提出时间")

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "企业家奖励公示异议"


class AwardPayment(models.Model):
    """What a confirmed round pays an awardee; `paid_on` once the zone's finance has paid it."""

    unit = _unit()
    round = models.ForeignKey(AwardRound, on_delete=models.PROTECT, related_name="payments", verbose_name="评选")
    nomination = models.OneToOneField(Nomination, on_delete=models.PROTECT, related_name="payment")
    amount = _yuan("金额（元）")
    paid_on = models.DateField("支付日期", null=True, blank=True)
    paid_by = _user("支付登记人")

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        ordering = ["round_id", "nomination__rank", "id"]
        verbose_name = "企业家奖励支付"
