"""Abstract bases the apps' models share; core itself has no tables."""

from django.conf import settings
from django.db import models


class RecordStatus(models.TextChoices):
    ACTIVE = "active", "有效"
    VOIDED = "voided", "已作废"


class Voidable(models.Model):
    """Records are voided with a reason, never deleted."""

    status = models.CharField("状态", max_length=16, choices=RecordStatus.choices, default=RecordStatus.ACTIVE)
    void_reason = models.CharField("作废原因", max_length=200, blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_voided(self) -> bool:
        return self.status == RecordStatus.VOIDED
