"""The investment pipeline: where leads come from (外派招商站, 链长, 以商招商, …) and the projects they become."""

from __future__ import annotations

from django.db import models

from taizhang.enterprise.models.fields import _unit, _user, _wan
from taizhang.enterprise.models.registry import Chain, Enterprise
from taizhang.enterprise.rules import stages
from taizhang.org.scoping import ScopedQuerySet


class Station(models.Model):
    """A lead source: an overseas or Taiwan investment station (外派招商站) with its country/region, or another
    channel the zone counts leads by."""

    class Kind(models.TextChoices):
        STATION = "station", "外派招商站"
        CHAIN = "chain", "链长招商"
        REFERRAL = "referral", "以商招商"
        FAIR = "fair", "展会推介"
        OTHER = "other", "其他"

    unit = _unit()
    name = models.CharField("名称", max_length=64)
    kind = models.CharField("类型", max_length=16, choices=Kind.choices, default=Kind.STATION)
    region = models.CharField("国家/地区", max_length=64, blank=True)
    is_active = models.BooleanField("在用", default=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="enterprise_station_unique_name")]
        ordering = ["kind", "name"]
        verbose_name = "招商渠道"

    def __str__(self) -> str:
        return self.name


class Project(models.Model):
    """An investment project from its lead to 达效. `stage` is where it stands, reached on `stage_on`; the path it
    took, with dates, evidence and owners, is in its stage events."""

    Stage = models.TextChoices("Stage", [(code, label) for code, label in stages.STAGES])

    unit = _unit()
    name = models.CharField("项目名称", max_length=100)
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, null=True, blank=True, related_name="projects", verbose_name="落地企业"
    )
    investor = models.CharField("投资方", max_length=100, blank=True)
    chain = models.ForeignKey(
        Chain, on_delete=models.PROTECT, null=True, blank=True, related_name="projects", verbose_name="产业链"
    )
    source = models.ForeignKey(
        Station, on_delete=models.PROTECT, null=True, blank=True, related_name="projects", verbose_name="线索来源"
    )
    stage = models.CharField("阶段", max_length=16, choices=Stage.choices, default="lead")
    stage_on = models.DateField("进入本阶段日期")
    officer = _user("招商责任人")
    planned_investment = _wan("计划投资（万元）")
    dropped_on = models.DateField("终止日期", null=True, blank=True)
    drop_reason = models.CharField("终止原因", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        indexes = [models.Index(fields=["unit", "stage"]), models.Index(fields=["unit", "source"])]
        ordering = ["-stage_on", "id"]
        verbose_name = "招商项目"

    def __str__(self) -> str:
        return self.name
