"""The zone's parks, industry chains (链长制) and the enterprises on them, with their yearly figures."""

from __future__ import annotations

from decimal import Decimal

from django.db import models

from taizhang.enterprise.models.fields import _import_batch, _mu, _unit, _user, _wan
from taizhang.enterprise.rules import figures as figure_rules
from taizhang.enterprise.rules import tags as tag_rules
from taizhang.org.scoping import ScopedQuerySet


class Park(models.Model):
    """An industry park of the zone (食品饮料城, 智能制造城, …)."""

    unit = _unit()
    name = models.CharField("园区名称", max_length=64)
    area_mu = _mu("规划面积（亩）")
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="enterprise_park_unique_name")]
        ordering = ["sort_order", "name"]
        verbose_name = "园区"

    def __str__(self) -> str:
        return self.name


class Chain(models.Model):
    """An industry chain under the 链长制: its leader (链长, a district or zone leader) and its links."""

    unit = _unit()
    name = models.CharField("产业链", max_length=64)
    leader_name = models.CharField("链长", max_length=64, blank=True)
    leader = _user("链长账号")
    description = models.CharField("说明", max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="enterprise_chain_unique_name")]
        ordering = ["sort_order", "name"]
        verbose_name = "产业链"

    def __str__(self) -> str:
        return self.name


class ChainLink(models.Model):
    """A link (环节) of a chain, upstream, midstream or downstream."""

    class Position(models.TextChoices):
        UPSTREAM = "up", "上游"
        MIDSTREAM = "mid", "中游"
        DOWNSTREAM = "down", "下游"

    unit = _unit()
    chain = models.ForeignKey(Chain, on_delete=models.PROTECT, related_name="links", verbose_name="产业链")
    name = models.CharField("环节", max_length=64)
    position = models.CharField("位置", max_length=8, choices=Position.choices)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["chain", "name"], name="enterprise_link_unique_name")]
        ordering = ["chain_id", "sort_order", "name"]
        verbose_name = "产业链环节"

    def __str__(self) -> str:
        return f"{self.chain.name}·{self.name}"


class Enterprise(models.Model):
    """An enterprise of the zone, known by its 统一社会信用代码 (unique within the unit)."""

    class Status(models.TextChoices):
        ACTIVE = "active", "在园"
        LEFT = "left", "已迁出"
        CLOSED = "closed", "已注销"

    unit = _unit()
    uscc = models.CharField("统一社会信用代码", max_length=18)
    name = models.CharField("企业名称", max_length=100)
    park = models.ForeignKey(
        Park, on_delete=models.PROTECT, null=True, blank=True, related_name="enterprises", verbose_name="园区"
    )
    chain = models.ForeignKey(
        Chain, on_delete=models.PROTECT, null=True, blank=True, related_name="enterprises", verbose_name="产业链"
    )
    links = models.ManyToManyField(ChainLink, blank=True, related_name="enterprises", verbose_name="产业链环节")
    tag_new_technology = models.BooleanField("新技术", default=False)
    tag_new_industry = models.BooleanField("新产业", default=False)
    tag_new_format = models.BooleanField("新业态", default=False)
    tag_new_model = models.BooleanField("新模式", default=False)
    tag_high_tech = models.BooleanField("高新技术企业", default=False)
    tag_above_scale = models.BooleanField("规上", default=False)
    tag_specialized = models.BooleanField("专精特新", default=False)
    land_mu = _mu()
    registered_on = models.DateField("成立日期", null=True, blank=True)
    settled_on = models.DateField("入园日期", null=True, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    contact_name = models.CharField("联系人", max_length=32, blank=True)
    contact_phone = models.CharField("联系电话", max_length=32, blank=True)
    status = models.CharField("状态", max_length=8, choices=Status.choices, default=Status.ACTIVE)
    left_on = models.DateField("迁出/注销日期", null=True, blank=True)
    import_batch = _import_batch()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "uscc"], name="enterprise_unique_uscc")]
        indexes = [models.Index(fields=["unit", "park"]), models.Index(fields=["unit", "chain"])]
        ordering = ["name", "id"]
        verbose_name = "企业"

    def __str__(self) -> str:
        return self.name

    @property
    def tag_fields(self) -> frozenset[str]:
        return frozenset(field for field, _ in tag_rules.TAGS if getattr(self, field))

    @property
    def tag_labels(self) -> list[str]:
        return tag_rules.labels(self.tag_fields)

    @property
    def is_four_new(self) -> bool:
        return tag_rules.is_four_new(self.tag_fields)


class EnterpriseFigure(models.Model):
    """An enterprise's figures of one year, as the statistics office reports them (amounts in 万元, energy in 吨标准煤)."""

    unit = _unit()
    enterprise = models.ForeignKey(Enterprise, on_delete=models.PROTECT, related_name="figures", verbose_name="企业")
    year = models.PositiveSmallIntegerField("年度")
    revenue = _wan("营业收入（万元）")
    tax = _wan("税收（万元）")
    output = _wan("工业总产值（万元）")
    rd = _wan("研发投入（万元）")
    energy = models.DecimalField("综合能耗（吨标准煤）", max_digits=14, decimal_places=2, null=True, blank=True)
    import_batch = _import_batch()

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enterprise", "year"], name="enterprise_figure_one_a_year")]
        indexes = [models.Index(fields=["unit", "year"])]
        ordering = ["enterprise_id", "-year"]
        verbose_name = "企业年度数据"

    def __str__(self) -> str:
        return f"{self.enterprise} {self.year}"

    def tax_per_mu(self, land_mu: Decimal | None) -> Decimal | None:
        return figure_rules.tax_per_mu(self.tax, land_mu)

    @property
    def rd_intensity(self) -> Decimal | None:
        return figure_rules.rd_intensity(self.rd, self.revenue)

    @property
    def energy_per_output(self) -> Decimal | None:
        return figure_rules.energy_per_output(self.energy, self.output)
