"""Integrity signals (疑点) found by the modules' detectors, their reviews, and the units' parameters."""

from django.conf import settings
from django.db import models

from taizhang.org.models import OrgNode
from taizhang.org.scoping import ScopedQuerySet


class Verdict(models.TextChoices):
    NORMAL = "normal", "已核实正常"
    PROBLEM = "problem", "确认问题"
    RECTIFY = "rectify", "需整改"


# The verdicts that say the signal was worth the look: they make a kind's precision.
TRUE_VERDICTS = (Verdict.PROBLEM, Verdict.RECTIFY)


class Signal(models.Model):
    """One finding of a kind about some records, kept from the run that found it first. A later run that no longer
    finds it marks it gone (the records changed); its review stays."""

    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    community = models.ForeignKey(OrgNode, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    module = models.CharField("模块", max_length=32)
    kind = models.CharField("疑点类型", max_length=64)
    fingerprint = models.CharField(max_length=64)
    day = models.DateField("日期")
    detail = models.TextField("说明")
    records = models.JSONField("涉及记录", default=list)  # [{ref, label, url, columns}]
    found_at = models.DateTimeField("发现时间")
    seen_at = models.DateTimeField("最近核查")
    gone_at = models.DateTimeField("消失时间", null=True, blank=True)
    verdict = models.CharField("核实结论", max_length=8, choices=Verdict.choices, blank=True)
    review_note = models.TextField("核实说明", blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    reviewed_by_name = models.CharField("核实人", max_length=150, blank=True)
    reviewed_at = models.DateTimeField("核实时间", null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "fingerprint"], name="one_signal_per_finding")]
        indexes = [models.Index(fields=["unit", "day"]), models.Index(fields=["unit", "kind", "verdict"])]
        ordering = ["-day", "-id"]
        verbose_name = "疑点"

    @property
    def is_open(self) -> bool:
        return not self.verdict and self.gone_at is None


class SignalSetting(models.Model):
    """A unit's value of one parameter of a signal kind from a date on; the past keeps the values of its time."""

    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    kind = models.CharField("疑点类型", max_length=64)
    param = models.CharField("参数", max_length=32)
    value = models.CharField("取值", max_length=400)
    effective_from = models.DateField("生效日期")
    note = models.CharField("说明", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", db_index=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind", "param", "effective_from"], name="one_setting_per_day")
        ]
        ordering = ["kind", "param", "-effective_from"]
        verbose_name = "疑点参数"


class SignalRun(models.Model):
    """One run of the unit's detectors over a period: when, by whom, what it found."""

    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    start = models.DateField("起")
    end = models.DateField("止")
    ran_at = models.DateTimeField("核查时间")
    ran_by_name = models.CharField("核查人", max_length=150)
    found = models.PositiveIntegerField("疑点数", default=0)
    new = models.PositiveIntegerField("新发现", default=0)
    gone = models.PositiveIntegerField("已消失", default=0)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        indexes = [models.Index(fields=["unit", "-ran_at"])]
        ordering = ["-ran_at"]
        verbose_name = "疑点核查"
