"""The platform's own records. Tasks have no table: they are computed live from the modules' records (hub.tasks)."""

from django.conf import settings
from django.db import models

from taizhang.org.models import OrgNode


class MetricTarget(models.Model):
    """The district's target for a published figure (`module.metric`, e.g. "assistance.visit_compliance"): a figure
    behind it shows red on the cockpit. Ratios in percent; counts in the figure's own measure."""

    metric = models.CharField("指标", max_length=64, unique=True)
    value = models.DecimalField("目标值", max_digits=12, decimal_places=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "指标目标"

    def __str__(self) -> str:
        return f"{self.metric} {self.value}"


class Notification(models.Model):
    """An event told to one user ("问题已交办给镇建委"), read or not. Never a copy of a task's state: the task itself
    is in the inbox as long as its record says it is open, whether the notification was read or not."""

    # The recipient's unit, the distribution key (empty for district accounts).
    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        db_index=False,
        verbose_name="接收人",
    )
    text = models.CharField("内容", max_length=300)
    url = models.CharField("链接", max_length=300, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"]), models.Index(fields=["recipient", "-created_at"])]
        verbose_name = "通知"

    def __str__(self) -> str:
        return self.text
