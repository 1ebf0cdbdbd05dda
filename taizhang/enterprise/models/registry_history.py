"""What the registry keeps besides the records themselves: an enterprise's status changes (迁出/注销, withdrawable)
and what each import batch changed (the values before and after), so that a batch can be undone exactly."""

from __future__ import annotations

from django.db import models

from taizhang.enterprise.models.fields import _unit, _user
from taizhang.enterprise.models.registry import Enterprise
from taizhang.org.scoping import ScopedQuerySet


class StatusChange(models.Model):
    """An enterprise left the zone (已迁出) or was deregistered (已注销) on a day; withdrawn when recorded in error,
    which makes it active again. Subsidy clawback reads the enterprise's `status` and `left_on`."""

    unit = _unit()
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="status_changes", verbose_name="企业"
    )
    status = models.CharField("状态", max_length=8, choices=Enterprise.Status.choices)
    on = models.DateField("日期")
    reason = models.CharField("原因", max_length=200)
    recorded_by = _user("登记人")
    recorded_at = models.DateTimeField("登记时间")
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdrawn_by = _user("撤回人")
    withdraw_reason = models.CharField("撤回原因", max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = "企业状态变更"

    def __str__(self) -> str:
        return f"{self.enterprise} {self.get_status_display()} {self.on}"


class ImportedChange(models.Model):
    """One record an import batch created (`before` is None) or changed: the imported fields before and after, as
    JSON. Undoing the batch restores `before` (or removes the record it created), refused when the record no longer
    holds `after` (changed by hand or by a later import since)."""

    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", "企业"
        FIGURE = "figure", "企业年度数据"

    unit = _unit()
    import_batch = models.ForeignKey("imports.ImportBatch", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    enterprise = models.ForeignKey(Enterprise, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField()

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        ordering = ["id"]
        verbose_name = "企业导入记录"
