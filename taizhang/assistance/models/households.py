"""Assisted households (帮扶户) and their helpers (帮扶责任人).

Every table carries its unit (and the 村居 of its household) so that scoping, and a later sharding
by unit, need no joins."""

from django.conf import settings
from django.db import models

from taizhang.org.models import OrgNode
from taizhang.org.scoping import ScopedQuerySet
from taizhang.registry.models import Household


class Category(models.TextChoices):
    REGISTERED = "registered", "建档立卡户"
    MONITORED = "monitored", "监测户"


class AssistedHousehold(models.Model):
    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", verbose_name="单位", db_index=False)
    community = models.ForeignKey(
        OrgNode, on_delete=models.PROTECT, related_name="+", verbose_name="村居", db_index=False
    )
    household = models.OneToOneField(Household, on_delete=models.PROTECT, related_name="assistance", verbose_name="户")
    category = models.CharField("帮扶类别", max_length=16, choices=Category.choices)
    start_date = models.DateField("帮扶开始日期")
    end_date = models.DateField("帮扶结束日期", null=True, blank=True)
    # Where the household is, as recorded by the town (for the distance signal); optional.
    measures = models.TextField("帮扶措施", blank=True)
    benefits = models.TextField(
        "享受政策", blank=True, help_text="由台账推算的（教育资助、残疾人补贴、低保等）之外的政策"
    )
    latitude = models.DecimalField("纬度", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("经度", max_digits=9, decimal_places=6, null=True, blank=True)
    import_batch = models.ForeignKey(
        "imports.ImportBatch", on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        indexes = [models.Index(fields=["unit", "community"])]
        verbose_name = "帮扶户"

    def __str__(self) -> str:
        return self.household.household_no

    @property
    def location(self) -> tuple[float, float] | None:
        if self.latitude is None or self.longitude is None:
            return None
        return float(self.latitude), float(self.longitude)


class HelperAssignment(models.Model):
    """A helper (帮扶责任人) assigned to a household for a period; reassignment ends it, never deletes it."""

    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    community = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    assisted = models.ForeignKey(AssistedHousehold, on_delete=models.PROTECT, related_name="assignments")
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="帮扶责任人"
    )
    start_date = models.DateField("起")
    end_date = models.DateField("止", null=True, blank=True)
    import_batch = models.ForeignKey(
        "imports.ImportBatch", on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        indexes = [models.Index(fields=["unit", "helper"])]
        verbose_name = "帮扶责任人分配"

    def active_on(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)
