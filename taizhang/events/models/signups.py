"""Residents' sign-ups for a session (a picking slot, a game): one person, or a team with its members. Each holds a
place or waits (rules.places), keeps a private link to see or cancel it and a check-in code for the day."""

from __future__ import annotations

from django.db import models

from taizhang.events.models.events import Event, Session
from taizhang.events.models.fields import _unit, _user, checkin_code, private_token
from taizhang.events.rules import places
from taizhang.org.scoping import ScopedQuerySet


class SignUp(models.Model):
    class Source(models.TextChoices):
        PUBLIC = "public", "公开报名页"
        IMPORT = "import", "导入"
        STAFF = "staff", "工作人员代报"
        WALK_IN = "walk_in", "现场登记"

    unit = _unit()
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="signups", verbose_name="活动")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="signups", verbose_name="场次")
    name = models.CharField("姓名", max_length=64)  # the person, or the team's contact
    phone = models.CharField("手机号", max_length=20)
    team_name = models.CharField("队名", max_length=64, blank=True)
    members = models.TextField("队员", blank=True)  # one name a line
    people = models.PositiveSmallIntegerField("人数", default=1)  # the person, or the team with its contact
    village = models.CharField("村居", max_length=64, blank=True)
    signed_at = models.DateTimeField("报名时间")  # the order of places and of the waiting list
    state = models.CharField("状态", max_length=16, choices=places.STATES, default=places.CONFIRMED)
    promoted_at = models.DateTimeField("候补转正时间", null=True, blank=True)
    cancelled_at = models.DateTimeField("取消时间", null=True, blank=True)
    cancel_reason = models.CharField("取消原因", max_length=200, blank=True)
    source = models.CharField("来源", max_length=16, choices=Source.choices, default=Source.PUBLIC)
    token = private_token()
    code = checkin_code()
    checked_in_at = models.DateTimeField("签到时间", null=True, blank=True)
    checked_in_by = _user("签到人")
    created_by = _user("登记人")
    import_batch = models.ForeignKey(
        "imports.ImportBatch", on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "code"], name="events_signup_unique_code")]
        indexes = [
            models.Index(fields=["unit", "event"]),
            models.Index(fields=["session", "state", "signed_at"]),
        ]
        ordering = ["signed_at", "id"]
        verbose_name = "报名"

    def __str__(self) -> str:
        return self.team_name or self.name

    def as_entry(self) -> places.Entry:
        return places.Entry(self.pk, self.signed_at)
