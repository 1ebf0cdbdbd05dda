"""链长制 beyond the registry's chains and links: the companies the zone sets out to attract for a chain's gaps
(招商目标). Enterprises are placed on links through `Enterprise.links`."""

from __future__ import annotations

from django.db import models

from taizhang.enterprise.models.fields import _unit, _user
from taizhang.enterprise.models.registry import ChainLink
from taizhang.enterprise.rules import chains as rules
from taizhang.org.scoping import ScopedQuerySet


class ChainTarget(models.Model):
    """A company to attract for a link of a chain (usually a gap), who follows it and what comes next."""

    # Members named by their codes, valued (code, label): the functional API would take a bare pair as (name, value).
    Status = models.TextChoices("Status", [(code.upper(), (code, label)) for code, label in rules.TARGET_STATUSES])

    unit = _unit()
    link = models.ForeignKey(ChainLink, on_delete=models.PROTECT, related_name="targets", verbose_name="产业链环节")
    company = models.CharField("目标企业", max_length=100)
    region = models.CharField("所在地区", max_length=64, blank=True)
    reason = models.CharField("招引理由", max_length=300, blank=True)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default="new")
    officer = _user("责任人")
    next_on = models.DateField("下一步日期", null=True, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["link", "company"], name="enterprise_target_unique_company")]
        indexes = [models.Index(fields=["unit", "status"])]
        ordering = ["link_id", "company", "id"]
        verbose_name = "招商目标"

    def __str__(self) -> str:
        return self.company
