"""Trainings (调度培训) and their attendance."""

from django.conf import settings
from django.db import models

from taizhang.core.models import Voidable
from taizhang.org.models import OrgNode
from taizhang.org.scoping import ScopedQuerySet


class TrainingSession(Voidable):
    """One biweekly dispatch meeting and training; attendance is recorded for every helper of the day."""

    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    date = models.DateField("日期")
    topics = models.CharField("培训内容", max_length=200, blank=True)
    materials = models.TextField("材料与要求", blank=True)
    material_file = models.FileField("材料文件", upload_to="assistance/trainings/%Y/", blank=True)
    held = models.BooleanField("已召开", default=False)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["unit", "date"], name="one_training_a_day")]
        verbose_name = "调度培训"


class TrainingAttendance(models.Model):
    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    session = models.ForeignKey(TrainingSession, on_delete=models.PROTECT, related_name="attendance")
    helper = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField("出席")
    note = models.CharField("说明", max_length=100, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "helper"], name="one_attendance_per_helper")]
