"""Preparing an event: the checklist of tasks with their owners and deadlines, and the budget with its lines and the
spending recorded against them (voided with a reason, never deleted)."""

from __future__ import annotations

from django.db import models

from taizhang.events.models.events import Event
from taizhang.events.models.fields import _unit, _user, _yuan
from taizhang.org.scoping import ScopedQuerySet


class PrepTask(models.Model):
    """A preparation task (搭建舞台, 印制宣传单, 联系安保): its owner sees it in the inbox from three days before its
    deadline until it is done."""

    unit = _unit()
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="prep_tasks", verbose_name="活动")
    title = models.CharField("事项", max_length=200)
    owner = _user("负责人", null=False)
    due_on = models.DateField("完成期限")
    done_on = models.DateField("完成日期", null=True, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)
    created_by = _user("登记人")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        indexes = [models.Index(fields=["unit", "event"]), models.Index(fields=["unit", "owner", "done_on"])]
        ordering = ["due_on", "id"]
        verbose_name = "筹备任务"

    def __str__(self) -> str:
        return self.title


class BudgetLine(models.Model):
    """A line of the event's budget: its 科目 (舞台音响, 奖品, 宣传物料, …) and the amount budgeted."""

    unit = _unit()
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="budget_lines", verbose_name="活动")
    item = models.CharField("科目", max_length=64)
    budgeted = _yuan("预算金额（元）")
    note = models.CharField("说明", max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "item"], name="events_budgetline_unique_item")]
        indexes = [models.Index(fields=["unit", "event"])]
        ordering = ["sort_order", "id"]
        verbose_name = "预算科目"

    def __str__(self) -> str:
        return self.item


class Spending(models.Model):
    """Money actually spent against a budget line, with its voucher. A wrong record is voided with a reason."""

    unit = _unit()
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="spendings", verbose_name="活动")
    line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="spendings", verbose_name="科目")
    spent_on = models.DateField("支出日期")
    amount = _yuan("金额（元）")
    payee = models.CharField("收款方", max_length=200)
    voucher = models.CharField("凭证号", max_length=64, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)
    created_by = _user("登记人")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    voided_at = models.DateTimeField("作废时间", null=True, blank=True)
    voided_by = _user("作废人")
    void_reason = models.CharField("作废原因", max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        indexes = [models.Index(fields=["unit", "event"]), models.Index(fields=["line", "voided_at"])]
        ordering = ["spent_on", "id"]
        verbose_name = "活动支出"

    def __str__(self) -> str:
        return f"{self.line.item} {self.amount} 元"

    @property
    def is_voided(self) -> bool:
        return self.voided_at is not None
