"""Approval accompaniment (一网通办 + 全程帮办): the zone's service rule and list of approval kinds, and per project its
帮办 officer, the private status link the enterprise opens, and the approval items with their clocks."""

from __future__ import annotations

from django.db import models

from taizhang.enterprise.models.fields import _unit, _user
from taizhang.enterprise.models.pipeline import Project
from taizhang.enterprise.rules import approvals as rules
from taizhang.org.scoping import ScopedQuerySet


class ServiceRule(models.Model):
    """The 帮办 service rule in force from a day on (default "1515")."""

    unit = _unit()
    effective_on = models.DateField("生效日期")
    first_contact_days = models.PositiveSmallIntegerField("首次联系（工作日）", default=1)
    simple_days = models.PositiveSmallIntegerField("简单事项办结（工作日）", default=5)
    complex_days = models.PositiveSmallIntegerField("复杂事项办结（工作日）", default=15)
    note = models.CharField("依据", max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "effective_on"], name="enterprise_service_rule_day")]
        ordering = ["-effective_on"]
        verbose_name = "帮办服务规则"

    def as_rule(self) -> rules.ServiceRule:
        return rules.ServiceRule(self.first_contact_days, self.simple_days, self.complex_days)


class ApprovalKind(models.Model):
    """A kind of approval item the zone accompanies, with its usual department and statutory limit."""

    unit = _unit()
    name = models.CharField("审批事项", max_length=64)
    department = models.CharField("办理部门", max_length=64)
    statutory_days = models.PositiveSmallIntegerField("法定时限（工作日）")
    track = models.CharField("并联审批线", max_length=32, blank=True)
    complexity = models.CharField(
        "通常难度", max_length=8, choices=list(rules.COMPLEXITY.items()), default=rules.SIMPLE
    )
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="enterprise_approval_kind_name")]
        ordering = ["sort_order", "name"]
        verbose_name = "审批事项类型"

    def __str__(self) -> str:
        return self.name


class Accompaniment(models.Model):
    """A project's 全程帮办: its officer and the private link through which the enterprise follows its items."""

    unit = _unit()
    project = models.OneToOneField(Project, on_delete=models.PROTECT, related_name="accompaniment")
    officer = _user("帮办专员")
    office_phone = models.CharField("办公电话", max_length=32, blank=True)  # shown to the enterprise, not a mobile
    status_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    token_created_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        verbose_name = "全程帮办"


class ApprovalItem(models.Model):
    """One approval a project needs, on its track (items of different tracks run at once; `after` is the item of
    the same track it waits for), with its clocks computed on submission (stored, so that the inbox and the overdue
    list count them in one query)."""

    unit = _unit()
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="approval_items")
    kind = models.ForeignKey(ApprovalKind, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    name = models.CharField("审批事项", max_length=64)
    department = models.CharField("办理部门", max_length=64)
    track = models.CharField("并联审批线", max_length=32, blank=True)
    after = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="前置事项"
    )
    complexity = models.CharField("难度", max_length=8, choices=list(rules.COMPLEXITY.items()), default=rules.SIMPLE)
    statutory_days = models.PositiveSmallIntegerField("法定时限（工作日）")
    status = models.CharField("状态", max_length=12, choices=list(rules.STATUSES.items()), default=rules.PENDING)
    submitted_on = models.DateField("申报日期", null=True, blank=True)
    first_contact_on = models.DateField("首次联系日期", null=True, blank=True)
    contact_due = models.DateField("首次联系期限", null=True, blank=True)
    service_due = models.DateField("帮办承诺期限", null=True, blank=True)
    statutory_due = models.DateField("法定期限", null=True, blank=True)
    due_on = models.DateField("办结期限", null=True, blank=True)
    watch_on = models.DateField(null=True, blank=True)  # rules.watch_on: overdue when today is after it
    done_on = models.DateField("办结日期", null=True, blank=True)
    returned_reason = models.CharField("退回原因", max_length=200, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        indexes = [models.Index(fields=["unit", "watch_on"]), models.Index(fields=["unit", "done_on"])]
        ordering = ["project_id", "track", "id"]
        verbose_name = "审批事项"

    def __str__(self) -> str:
        return f"{self.project.name}·{self.name}"

    def overdue(self, today) -> bool:
        return rules.is_overdue(self.watch_on, today)

    @property
    def on_time(self) -> bool | None:
        return rules.on_time(self.done_on, self.due_on)
