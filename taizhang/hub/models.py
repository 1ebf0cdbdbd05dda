from django.conf import settings
from django.db import models


class MetricTarget(models.Model):
    """The district's target for a published figure (`module.metric`, e.g. "assistance.visit_compliance"): a figure
    behind it shows red on the cockpit. Ratios in percent; counts in the figure's own measure."""

    metric = models.CharField("指标", max_length=64, unique=True)
    value = models.DecimalField("目标值", max_digits=12, decimal_places=1)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", db_index=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "指标目标"

    def __str__(self) -> str:
        return f"{self.metric} {self.value}"
