"""An event a unit holds (崔寨街道's 农民丰收节), its programme of sessions, and the staff who run it."""

from __future__ import annotations

from django.db import models

from taizhang.events.models.fields import _unit, _user, new_token
from taizhang.org.scoping import ScopedQuerySet


class Event(models.Model):
    """An event from plan to report. Its public page (programme, directions, sign-up forms) is reached through
    `public_key` while `published`; nothing of it is public otherwise."""

    unit = _unit()
    name = models.CharField("活动名称", max_length=100)
    starts_on = models.DateField("活动日期")
    ends_on = models.DateField("结束日期", null=True, blank=True)
    place = models.CharField("地点", max_length=200)
    directions = models.TextField("交通指引", blank=True)
    description = models.TextField("活动简介", blank=True)
    organiser = models.CharField("主办", max_length=200, blank=True)  # defaults to the unit's name on the pages
    public_key = models.CharField("公开页链接", max_length=64, unique=True, default=new_token, editable=False)
    published = models.BooleanField("公开报名页", default=False)
    signup_closes_at = models.DateTimeField("报名截止", null=True, blank=True)
    finished = models.BooleanField("已结束", default=False)
    created_by = _user("创建人")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="events_event_unique_name")]
        indexes = [models.Index(fields=["unit", "starts_on"])]
        ordering = ["-starts_on", "name"]
        verbose_name = "活动"

    def __str__(self) -> str:
        return self.name

    @property
    def last_day(self):
        return self.ends_on or self.starts_on


class Session(models.Model):
    """One item of the programme: the exhibition-sale, a performance, a picking slot, a game. Residents sign up for
    it when `signup` is not NONE; `capacity` (places, or teams for a team game) bounds the confirmed sign-ups and
    the rest wait. The exhibition-sale's places are its stalls (vendors apply separately)."""

    class Kind(models.TextChoices):
        EXPO = "expo", "展销"
        SHOW = "show", "演出"
        PICKING = "picking", "采摘"
        GAME = "game", "趣味运动会"
        OTHER = "other", "其他"

    class Signup(models.TextChoices):
        NONE = "none", "无需报名"
        PERSON = "person", "个人报名"
        TEAM = "team", "组队报名"

    unit = _unit()
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions", verbose_name="活动")
    name = models.CharField("场次", max_length=100)
    kind = models.CharField("类别", max_length=16, choices=Kind.choices, default=Kind.OTHER)
    day = models.DateField("日期", null=True, blank=True)  # None: the event's date
    starts_at = models.TimeField("开始时间", null=True, blank=True)
    ends_at = models.TimeField("结束时间", null=True, blank=True)
    place = models.CharField("地点", max_length=200, blank=True)
    description = models.CharField("说明", max_length=500, blank=True)
    signup = models.CharField("报名方式", max_length=16, choices=Signup.choices, default=Signup.NONE)
    capacity = models.PositiveIntegerField("容量", null=True, blank=True)  # None: no limit
    team_size_max = models.PositiveSmallIntegerField("每队人数上限", null=True, blank=True)
    lead = _user("负责人")
    lead_name = models.CharField("负责人姓名", max_length=64, blank=True)  # when the lead has no account
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "name"], name="events_session_unique_name")]
        indexes = [models.Index(fields=["unit", "event"])]
        ordering = ["sort_order", "starts_at", "id"]
        verbose_name = "场次"

    def __str__(self) -> str:
        return self.name

    @property
    def takes_signups(self) -> bool:
        return self.signup != self.Signup.NONE


class StaffAssignment(models.Model):
    """Who works the event: a duty (总协调, 签到, 展销区, 安保, …) on a session or on the whole event, in a time slot.
    Assigned staff read sign-ups' phone numbers whole and check people in."""

    unit = _unit()
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="assignments", verbose_name="活动")
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, null=True, blank=True, related_name="assignments", verbose_name="场次"
    )
    user = _user("工作人员", null=False)
    duty = models.CharField("职责", max_length=64)
    starts_at = models.DateTimeField("上岗时间", null=True, blank=True)
    ends_at = models.DateTimeField("离岗时间", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        indexes = [models.Index(fields=["unit", "event"]), models.Index(fields=["user", "event"])]
        ordering = ["starts_at", "id"]
        verbose_name = "工作人员安排"

    def __str__(self) -> str:
        return f"{self.duty}"
