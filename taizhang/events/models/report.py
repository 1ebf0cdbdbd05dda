"""After the event: its closing (the crowd estimate the office reports, who finished it, the brief as edited), the
games' results, and its photos (a few picked for the report)."""

from __future__ import annotations

from django.db import models

from taizhang.events.models.events import Event, Session
from taizhang.events.models.fields import _unit, _user
from taizhang.events.models.signups import SignUp
from taizhang.org.scoping import ScopedQuerySet

REPORT_PHOTOS = 6  # photos the report and its PDF show


class Closing(models.Model):
    """The event as the office reports it once it is over. Reopening the event keeps this row (the figures come
    back prefilled when it is finished again)."""

    unit = _unit()
    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="closing", verbose_name="活动")
    crowd = models.PositiveIntegerField("参与群众（人次）")
    finished_at = models.DateTimeField("结束时间")
    finished_by = _user("结束人")
    brief = models.TextField("简报", blank=True)  # as a planner edited it; blank: the generated one

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        verbose_name = "活动总结"

    def __str__(self) -> str:
        return str(self.event)


class GameResult(models.Model):
    """A place of a game (1 = the winner): the team or person, their score or time, and the prize."""

    unit = _unit()
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="results", verbose_name="活动")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="results", verbose_name="场次")
    place = models.PositiveSmallIntegerField("名次")
    entrant = models.CharField("队名/姓名", max_length=64)
    signup = models.ForeignKey(
        SignUp, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="报名"
    )
    score = models.CharField("成绩", max_length=64, blank=True)
    prize = models.CharField("奖品", max_length=100, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "place"], name="events_result_unique_place")]
        indexes = [models.Index(fields=["unit", "event"])]
        ordering = ["session_id", "place"]
        verbose_name = "比赛成绩"

    def __str__(self) -> str:
        return f"第{self.place}名 {self.entrant}"


def photo_path(photo: EventPhoto, filename: str) -> str:
    return f"events/{photo.event_id}/photos/{filename[-60:]}"


def thumb_path(photo: EventPhoto, filename: str) -> str:
    return f"events/{photo.event_id}/photos/thumbs/{filename[-60:]}"


class EventPhoto(models.Model):
    """A photo of the event with its caption; up to REPORT_PHOTOS are `in_report`. Removing one voids it (with a
    reason): the file stays, the pages and the report no longer show it."""

    unit = _unit()
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos", verbose_name="活动")
    image = models.ImageField("照片", upload_to=photo_path, max_length=200)
    thumb = models.ImageField("缩略图", upload_to=thumb_path, max_length=200)
    caption = models.CharField("说明", max_length=100, blank=True)
    in_report = models.BooleanField("用于报告", default=False)
    uploaded_by = _user("上传人")
    uploaded_at = models.DateTimeField("上传时间")
    voided_at = models.DateTimeField("作废时间", null=True, blank=True)
    voided_by = _user("作废人")
    void_reason = models.CharField("作废原因", max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        indexes = [models.Index(fields=["unit", "event"])]
        ordering = ["uploaded_at", "id"]
        verbose_name = "活动照片"

    def __str__(self) -> str:
        return self.caption or f"照片{self.pk}"
