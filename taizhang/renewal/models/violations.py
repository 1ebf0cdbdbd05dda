"""控违拆违: illegal buildings found, with their photos."""

from django.db import models

from taizhang.core.models import Voidable
from taizhang.org.scoping import ScopedQuerySet
from taizhang.renewal.models.fields import _area, _community, _group, _unit, _user
from taizhang.renewal.models.projects import Project, ProjectHousehold


class Violation(Voidable):
    """Illegal construction after the freeze, from the report to its demolition."""

    class Kind(models.TextChoices):
        NEW = "新建", "新建"
        EXTENSION = "扩建", "扩建"
        RENOVATION = "改建装修", "改建装修"

    class Progress(models.TextChoices):
        REPORTED = "reported", "已发现"
        STOPPED = "stopped", "已制止"
        DEMOLISHED = "demolished", "已拆除"

    unit = _unit()
    community = _community()
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="violations", db_index=False)
    entry = models.ForeignKey(
        ProjectHousehold, on_delete=models.PROTECT, related_name="violations", null=True, blank=True, db_index=False
    )
    group = _group()
    kind = models.CharField("类型", max_length=8, choices=Kind.choices, default=Kind.NEW)
    location = models.CharField("位置", max_length=200)
    description = models.TextField("情况")
    area = _area("面积（m²）", null=True)
    found_on = models.DateField("发现日期")
    progress = models.CharField("进展", max_length=16, choices=Progress.choices, default=Progress.REPORTED)
    demolished_on = models.DateField("拆除日期", null=True, blank=True)
    reported_by = _user("报告人")

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        indexes = [models.Index(fields=["unit", "project", "progress"])]
        ordering = ["-found_on", "-id"]
        verbose_name = "违法建设"


class ViolationPhoto(models.Model):
    class Stage(models.TextChoices):
        FOUND = "found", "发现时"
        DEMOLISHED = "demolished", "拆除后"

    unit = _unit()
    community = _community()
    violation = models.ForeignKey(Violation, on_delete=models.PROTECT, related_name="photos")
    stage = models.CharField("阶段", max_length=16, choices=Stage.choices, default=Stage.FOUND)
    image = models.ImageField("照片", upload_to="renewal/violations/%Y/%m/")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")
