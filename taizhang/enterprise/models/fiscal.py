"""The zone's own books (独立核算): revenue by year and source, the 增量分享 rule with the district, infrastructure
spending the district bears, and the 产业投资公司's equity stakes with their valuations and exits."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from taizhang.core.models import RecordStatus, Voidable
from taizhang.enterprise.models.fields import _import_batch, _unit, _user, _wan
from taizhang.enterprise.models.pipeline import Project
from taizhang.enterprise.models.registry import Enterprise
from taizhang.org.scoping import ScopedQuerySet

ACTIVE = Q(status=RecordStatus.ACTIVE)


class RevenueSource(models.Model):
    """A line of the zone's revenue (税收 by tax kind, 非税收入, 土地出让收入, 上级转移支付, …)."""

    class Kind(models.TextChoices):
        TAX = "tax", "税收收入"
        NON_TAX = "non_tax", "非税收入"
        LAND = "land", "土地出让收入"
        TRANSFER = "transfer", "上级转移支付"
        OTHER = "other", "其他收入"

    unit = _unit()
    name = models.CharField("收入来源", max_length=32)
    kind = models.CharField("类别", max_length=16, choices=Kind.choices, default=Kind.TAX)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("在用", default=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="enterprise_revenue_source_unique")]
        ordering = ["sort_order", "name"]
        verbose_name = "收入来源"

    def __str__(self) -> str:
        return self.name


class Revenue(Voidable):
    """The zone's revenue of one source in one year (万元); one active record per year and source."""

    unit = _unit()
    year = models.PositiveSmallIntegerField("年度")
    source = models.ForeignKey(RevenueSource, on_delete=models.PROTECT, related_name="revenues", verbose_name="来源")
    amount = _wan("金额（万元）", null=False)
    note = models.CharField("备注", max_length=200, blank=True)
    import_batch = _import_batch()

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "source"], condition=ACTIVE, name="enterprise_revenue_one_a_year"
            )
        ]
        indexes = [models.Index(fields=["unit", "year"])]
        ordering = ["-year", "source__sort_order", "id"]
        verbose_name = "财政收入"

    def __str__(self) -> str:
        return f"{self.year} 年 {self.source}"


class SharingRule(models.Model):
    """增量分享 with the district from `effective_year` on (until a later rule): the base (an amount, or the base
    year's revenue of the counted sources), the zone's share of the increment, the sources that count."""

    unit = _unit()
    effective_year = models.PositiveSmallIntegerField("起始年度")
    base_year = models.PositiveSmallIntegerField("基数年度")
    base_amount = _wan("基数（万元）")
    zone_share = models.DecimalField("开发区分成比例（%）", max_digits=5, decimal_places=2)
    sources = models.ManyToManyField(RevenueSource, related_name="+", verbose_name="计入分享的收入来源")
    note = models.CharField("依据", max_length=200, blank=True)
    created_by = _user("登记人")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "effective_year"], name="enterprise_sharing_rule_one_a_year")
        ]
        ordering = ["-effective_year"]
        verbose_name = "增量分享规则"

    def __str__(self) -> str:
        return f"{self.effective_year} 年起增量分享规则"


class InfraSpending(Voidable):
    """Infrastructure spending of the zone borne by the district (区级承担), kept apart from the zone's books."""

    unit = _unit()
    project = models.CharField("项目", max_length=100)
    year = models.PositiveSmallIntegerField("年度")
    amount = _wan("金额（万元）", null=False)
    department = models.CharField("承担的区级部门", max_length=64)
    note = models.CharField("备注", max_length=200, blank=True)
    created_by = _user("登记人")

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        indexes = [models.Index(fields=["unit", "year"])]
        ordering = ["-year", "project", "id"]
        verbose_name = "区级承担基础设施支出"

    def __str__(self) -> str:
        return f"{self.year} 年 {self.project}"


class EquityStake(Voidable):
    """A stake the 产业投资公司 took in an enterprise of the zone or in a project (万元, share in %)."""

    unit = _unit()
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, null=True, blank=True, related_name="stakes", verbose_name="被投企业"
    )
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, null=True, blank=True, related_name="stakes", verbose_name="被投项目"
    )
    invested = _wan("投资金额（万元）", null=False)
    share = models.DecimalField("持股比例（%）", max_digits=7, decimal_places=4)
    invested_on = models.DateField("投资日期")
    agreement = models.FileField("投资协议", upload_to="enterprise/equity/%Y/", blank=True)
    note = models.CharField("备注", max_length=200, blank=True)
    created_by = _user("登记人")

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(enterprise__isnull=False) | Q(project__isnull=False), name="enterprise_stake_has_investee"
            )
        ]
        indexes = [models.Index(fields=["unit", "invested_on"])]
        ordering = ["-invested_on", "-id"]
        verbose_name = "股权投资"

    def __str__(self) -> str:
        return f"股权投资 {self.investee}"

    @property
    def investee(self) -> str:
        if self.enterprise_id:
            return self.enterprise.name
        return self.project.name if self.project_id else "—"

    @property
    def chain(self):
        if self.enterprise_id and self.enterprise.chain_id:
            return self.enterprise.chain
        return self.project.chain if self.project_id and self.project.chain_id else None


class Valuation(Voidable):
    """A stake's value on a day (万元) and what it rests on (评估报告, 新一轮融资, 净资产, …)."""

    unit = _unit()
    stake = models.ForeignKey(EquityStake, on_delete=models.PROTECT, related_name="valuations", verbose_name="股权")
    valued_on = models.DateField("估值日期")
    value = _wan("估值（万元）", null=False)
    basis = models.CharField("估值依据", max_length=100)
    created_by = _user("登记人")

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        ordering = ["-valued_on", "-id"]
        verbose_name = "股权估值"

    def __str__(self) -> str:
        return f"{self.stake.investee} {self.valued_on} 估值"


class EquityExit(models.Model):
    """The stake's exit (回购, 转让, 上市): it ends the holding; withdrawn with a reason when registered in error."""

    class Kind(models.TextChoices):
        BUYBACK = "buyback", "回购"
        TRANSFER = "transfer", "转让"
        IPO = "ipo", "上市"

    unit = _unit()
    stake = models.ForeignKey(EquityStake, on_delete=models.PROTECT, related_name="exits", verbose_name="股权")
    exited_on = models.DateField("退出日期")
    proceeds = _wan("退出所得（万元）", null=False)
    kind = models.CharField("退出方式", max_length=16, choices=Kind.choices)
    note = models.CharField("说明", max_length=200, blank=True)
    created_by = _user("登记人")
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdrawn_by = _user("撤回人")
    withdraw_reason = models.CharField("撤回原因", max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["stake"], condition=Q(withdrawn_at__isnull=True), name="enterprise_stake_one_exit"
            )
        ]
        ordering = ["-exited_on", "-id"]
        verbose_name = "股权退出"

    def __str__(self) -> str:
        return f"{self.stake.investee} {self.get_kind_display()}退出"
