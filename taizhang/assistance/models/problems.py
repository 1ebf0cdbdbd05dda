"""Problems (问题): found on a visit or entered directly → 上报 → 交办 → 解决 → 核实."""

from django.conf import settings
from django.db import models

from taizhang.assistance.models.households import AssistedHousehold
from taizhang.assistance.models.visits import Visit
from taizhang.core.models import Voidable
from taizhang.org.models import OrgNode
from taizhang.org.scoping import ScopedQuerySet

DEFAULT_DEPARTMENTS = ["镇扶贫办", "镇建委", "卫生院", "教育党总支"]


class Department(models.Model):
    """A department problems are handed to; the seed's four by default, the unit admin adds more."""

    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    name = models.CharField("部门", max_length=64)
    is_active = models.BooleanField(default=True)
    # The work group whose staff are the department's people: they see its problems in their inbox and record the fix.
    node = models.ForeignKey(
        OrgNode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name="工作组",
    )

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="department_name_unique_in_unit")]
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class ProblemDeadline(models.Model):
    """The unit's own deadline for a category (days from the handover), instead of rules.DEFAULT_DEADLINE_DAYS."""

    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    category = models.CharField(max_length=16)
    days = models.PositiveSmallIntegerField()

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "category"], name="one_deadline_per_category")]


class Problem(Voidable):
    class Stage(models.TextChoices):
        FOUND = "found", "已发现"
        REPORTED = "reported", "已上报"
        ASSIGNED = "assigned", "已交办"
        RESOLVED = "resolved", "已解决"
        VERIFIED = "verified", "已核实"

    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    community = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    assisted = models.ForeignKey(AssistedHousehold, on_delete=models.PROTECT, related_name="problems", db_index=False)
    visit = models.ForeignKey(
        Visit, on_delete=models.PROTECT, null=True, blank=True, related_name="problems", verbose_name="发现于走访"
    )
    category = models.CharField("类别", max_length=16)
    description = models.TextField("问题描述")
    stage = models.CharField("进度", max_length=12, choices=Stage.choices, default=Stage.FOUND)
    found_on = models.DateField("发现日期")
    found_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False)
    reported_at = models.DateTimeField("上报时间", null=True, blank=True)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="problems", verbose_name="责任部门"
    )
    assigned_at = models.DateTimeField("交办时间", null=True, blank=True)
    due_date = models.DateField("办结期限", null=True, blank=True)
    resolved_at = models.DateTimeField("解决时间", null=True, blank=True)
    resolution = models.TextField("解决情况", blank=True)
    verified_at = models.DateTimeField("核实时间", null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    verify_visit = models.ForeignKey(
        Visit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="核实走访"
    )
    verify_note = models.CharField("核实情况", max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        ordering = ["-found_on", "-id"]
        indexes = [models.Index(fields=["unit", "stage"]), models.Index(fields=["assisted", "found_on"])]
        verbose_name = "问题"

    def __str__(self) -> str:
        return f"{self.category}：{self.description[:20]}"


class ProblemPhoto(models.Model):
    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    community = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    problem = models.ForeignKey(Problem, on_delete=models.PROTECT, related_name="photos")
    image = models.ImageField("照片", upload_to="assistance/problems/%Y/%m/")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")
