"""惠企政策: policies and their clauses as data, the year's budget, the city's subsidies (for the 四新 top-up), and the
grants from 免申即享 through review, approval and payment to a clawback."""

from __future__ import annotations

from django.db import models

from taizhang.enterprise.models.fields import _import_batch, _unit, _user, _yuan
from taizhang.enterprise.models.registry import Enterprise
from taizhang.enterprise.rules import eligibility
from taizhang.org.scoping import ScopedQuerySet


class Policy(models.Model):
    """A policy set (科技创新十条, 人才驱动十条, 工业经济发展17条) in force over a range of years."""

    unit = _unit()
    name = models.CharField("政策名称", max_length=64)
    first_year = models.PositiveSmallIntegerField("起始年度")
    last_year = models.PositiveSmallIntegerField("截止年度", null=True, blank=True)
    note = models.CharField("文号/说明", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="enterprise_policy_unique_name")]
        ordering = ["first_year", "name"]
        verbose_name = "惠企政策"

    def __str__(self) -> str:
        return self.name

    def in_force(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


class Clause(models.Model):
    """A clause of a policy: its conditions and amount formula as data (rules/eligibility.py) and its clawback."""

    unit = _unit()
    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, related_name="clauses", verbose_name="政策")
    code = models.CharField("条款", max_length=16)
    title = models.CharField("标题", max_length=100)
    conditions = models.JSONField("条件", default=list)
    formula = models.JSONField("金额计算", default=dict)
    clawback_years = models.PositiveSmallIntegerField("迁出追回年限", null=True, blank=True)
    is_active = models.BooleanField("在用", default=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["policy", "code"], name="enterprise_clause_unique_code")]
        ordering = ["policy_id", "sort_order", "id"]
        verbose_name = "政策条款"

    def __str__(self) -> str:
        return f"{self.policy.name}{self.code}"

    @property
    def condition_texts(self) -> list[str]:
        return [eligibility.condition_text(c) for c in self.conditions]

    @property
    def formula_text(self) -> str:
        return eligibility.formula_text(self.formula)

    def compiled(self) -> eligibility.Compiled:
        return eligibility.compile_clause(self.conditions, self.formula)


class SubsidyBudget(models.Model):
    """The zone's budget for the policies' payments of a year, in 元."""

    unit = _unit()
    year = models.PositiveSmallIntegerField("年度")
    amount = _yuan("预算（元）")

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="enterprise_budget_one_a_year")]
        ordering = ["-year"]
        verbose_name = "惠企资金年度预算"


class CitySubsidy(models.Model):
    """A city subsidy an enterprise received for an item in a year (imported), the base of the 四新 top-up."""

    unit = _unit()
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="city_subsidies", verbose_name="企业"
    )
    year = models.PositiveSmallIntegerField("年度")
    item = models.CharField("项目", max_length=100)
    amount = _yuan("市级补贴金额（元）")
    import_batch = _import_batch()

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year", "item"], name="enterprise_city_subsidy_unique")
        ]
        indexes = [models.Index(fields=["unit", "year"])]
        ordering = ["enterprise_id", "item"]
        verbose_name = "市级补贴"


class Grant(models.Model):
    """What the zone pays an enterprise under a clause for a year: created from the 免申即享 list (or by hand), then
    reviewed, approved against the year's budget and paid; each step withdrawable with a reason. Only one grant in
    force per enterprise, clause and year."""

    class State(models.TextChoices):
        PROPOSED = "proposed", "待审核"
        REVIEWED = "reviewed", "待审批"
        APPROVED = "approved", "待支付"
        PAID = "paid", "已支付"
        WITHDRAWN = "withdrawn", "已撤销"

    unit = _unit()
    enterprise = models.ForeignKey(Enterprise, on_delete=models.PROTECT, related_name="grants", verbose_name="企业")
    clause = models.ForeignKey(Clause, on_delete=models.PROTECT, related_name="grants", verbose_name="条款")
    year = models.PositiveSmallIntegerField("年度")
    amount = _yuan("金额（元）")
    reasons = models.JSONField("依据", default=list)
    automatic = models.BooleanField("免申即享", default=True)
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.PROPOSED)
    created_by = _user("生成人")
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = _user("审核人")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    approved_by = _user("审批人")
    approved_at = models.DateTimeField(null=True, blank=True)
    paid_on = models.DateField("支付日期", null=True, blank=True)
    voucher = models.CharField("凭证号", max_length=40, blank=True)
    withdraw_reason = models.CharField("撤销原因", max_length=200, blank=True)
    recovered_on = models.DateField("追回日期", null=True, blank=True)
    recovered_amount = _yuan("追回金额（元）", null=True)
    recovery_note = models.CharField("追回说明", max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "clause", "year"],
                condition=~models.Q(state="withdrawn"),
                name="enterprise_grant_once_a_year",
            )
        ]
        indexes = [models.Index(fields=["unit", "year", "state"])]
        ordering = ["-year", "enterprise__name", "id"]
        verbose_name = "惠企资金兑现"

    def __str__(self) -> str:
        return f"{self.enterprise.name} {self.year} {self.clause}"
