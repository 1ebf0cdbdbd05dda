"""One scoped table: like every module's, it carries its unit (the distribution key) and its 村居."""

from django.conf import settings
from django.db import models

from taizhang.org.models import OrgNode
from taizhang.org.scoping import ScopedQuerySet
from taizhang.registry.models import Household


class Note(models.Model):
    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", verbose_name="单位", db_index=False)
    community = models.ForeignKey(
        OrgNode, on_delete=models.PROTECT, related_name="+", verbose_name="村居", db_index=False
    )
    # related_name="+": the kernel's Household learns nothing about the module.
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+", verbose_name="户")
    title = models.CharField("民情", max_length=100)
    opened_on = models.DateField("登记日期")
    due_on = models.DateField("办结期限")
    closed_on = models.DateField("办结日期", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="登记人",
    )  # empty: the system (demo)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        indexes = [models.Index(fields=["unit", "community"])]
        verbose_name = "民情记录"

    def __str__(self) -> str:
        return self.title
