"""The exhibition-sale (农产品展销): its stalls laid out on a plan, and the vendors who apply for one with their
produce and food-safety certificate, are reviewed, given a stall and confirm it."""

from __future__ import annotations

from django.db import models

from taizhang.events.models.events import Event
from taizhang.events.models.fields import _unit, _user, _yuan, checkin_code, private_token
from taizhang.org.scoping import ScopedQuerySet


class Stall(models.Model):
    """A stall of the plan: its number, the area it is in, and its place on the plan's grid (row, column)."""

    unit = _unit()
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="stalls", verbose_name="活动")
    number = models.CharField("摊位号", max_length=16)
    area = models.CharField("区域", max_length=64, blank=True)
    row = models.PositiveSmallIntegerField("行", default=1)
    column = models.PositiveSmallIntegerField("列", default=1)
    note = models.CharField("说明", max_length=200, blank=True)  # 带电源, 靠近入口, …

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "number"], name="events_stall_unique_number")]
        indexes = [models.Index(fields=["unit", "event"])]
        ordering = ["row", "column", "number"]
        verbose_name = "摊位"

    def __str__(self) -> str:
        return self.number


def certificate_path(application: VendorApplication, filename: str) -> str:
    return f"events/{application.event_id}/certificates/{application.token[:12]}-{filename[-60:]}"


class VendorApplication(models.Model):
    class State(models.TextChoices):
        SUBMITTED = "submitted", "待审核"
        APPROVED = "approved", "已通过，待分配摊位"
        ALLOCATED = "allocated", "已分配摊位，待确认"
        CONFIRMED = "confirmed", "已确认"
        REJECTED = "rejected", "未通过"
        WITHDRAWN = "withdrawn", "已撤回"

    unit = _unit()
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="vendors", verbose_name="活动")
    holder = models.CharField("摊主", max_length=64)
    phone = models.CharField("手机号", max_length=20)
    village = models.CharField("村居/合作社", max_length=100, blank=True)
    produce = models.CharField("展销产品", max_length=300)
    certificate = models.FileField("食品安全证明", upload_to=certificate_path, max_length=200, blank=True)
    stall_wish = models.CharField("摊位意向", max_length=200, blank=True)
    submitted_at = models.DateTimeField("申请时间")
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.SUBMITTED)
    review_note = models.CharField("审核意见", max_length=300, blank=True)
    reviewed_by = _user("审核人")
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    stall = models.OneToOneField(
        Stall, on_delete=models.SET_NULL, null=True, blank=True, related_name="vendor", verbose_name="摊位"
    )
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)
    token = private_token()
    code = checkin_code()
    checked_in_at = models.DateTimeField("签到时间", null=True, blank=True)
    checked_in_by = _user("签到人")
    sales = _yuan("销售额（元）", null=True)  # reported by the vendor after the event
    sales_reported_at = models.DateTimeField("销售额填报时间", null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "code"], name="events_vendor_unique_code")]
        indexes = [models.Index(fields=["unit", "event", "state"])]
        ordering = ["submitted_at", "id"]
        verbose_name = "展销摊主"

    def __str__(self) -> str:
        return self.holder
