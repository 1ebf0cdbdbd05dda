"""The cross-check with the police station's data (数据比对): each run and the tasks it leaves."""

from django.db import models

from taizhang.org.scoping import ScopedQuerySet
from taizhang.registry.models import Person
from taizhang.renewal import rules
from taizhang.renewal.models.fields import _choices, _community, _group, _unit, _user
from taizhang.renewal.models.projects import Project, ProjectHousehold


class CrosscheckRun(models.Model):
    unit = _unit()
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="crosschecks", db_index=False)
    filename = models.CharField("公安数据文件", max_length=200)
    rows = models.PositiveIntegerField("公安数据行数", default=0)
    counts = models.JSONField("各类人数", default=dict)
    details = models.FileField("比对明细", upload_to="renewal/crosschecks/%Y/%m/", blank=True)
    run_by = _user("比对人")
    created_at = models.DateTimeField(auto_now_add=True)
    # A withdrawn run stays (its tasks closed as 已撤回, the tasks it superseded open again), never deleted.
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdrawn_by = _user("撤回人")
    withdraw_reason = models.CharField("撤回原因", max_length=500, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "数据比对"


class CrosscheckTask(models.Model):
    """A discrepancy for the population group to look into, resolved with a note."""

    class Status(models.TextChoices):
        OPEN = "open", "待处理"
        RESOLVED = "resolved", "已处理"

    unit = _unit()
    community = _community(null=True)  # a person only the police know of has no 村居 in the ledger
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+", db_index=False)
    run = models.ForeignKey(CrosscheckRun, on_delete=models.PROTECT, related_name="tasks")
    entry = models.ForeignKey(
        ProjectHousehold, on_delete=models.PROTECT, related_name="+", null=True, blank=True, db_index=False
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", null=True, blank=True, db_index=False
    )
    group = _group()
    category = models.CharField("类别", max_length=16, choices=_choices(rules.CATEGORIES))
    id_number = models.CharField("身份证号", max_length=18)
    ledger_name = models.CharField("台账姓名", max_length=64, blank=True)
    police_name = models.CharField("公安姓名", max_length=64, blank=True)
    police_hukou_no = models.CharField("公安户号", max_length=32, blank=True)
    police_address = models.CharField("公安住址", max_length=200, blank=True)
    detail = models.CharField("说明", max_length=300, blank=True)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.OPEN)
    resolution = models.CharField("处理说明", max_length=500, blank=True)
    resolved_by = _user("处理人")
    resolved_at = models.DateTimeField("处理时间", null=True, blank=True)
    # The run that closed this task as 已由新一次比对取代: withdrawing that run opens the task again.
    superseded_by = models.ForeignKey(
        CrosscheckRun, on_delete=models.PROTECT, related_name="superseded_tasks", null=True, blank=True
    )

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        indexes = [models.Index(fields=["unit", "run", "status"])]
        ordering = ["status", "category", "id"]
        verbose_name = "比对任务"


class PoliceFact(models.Model):
    """What a run's extract says of a project person (matched by ID number): the moved-in date and the household-
    registration status, offered on the person's determination form."""

    unit = _unit()
    run = models.ForeignKey(CrosscheckRun, on_delete=models.PROTECT, related_name="facts")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", db_index=False)
    row = models.PositiveIntegerField("公安数据行号")
    moved_in_on = models.DateField("迁入日期", null=True, blank=True)
    status = models.CharField("户籍状态", max_length=16, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        indexes = [models.Index(fields=["person", "run"])]
        verbose_name = "公安比对事实"
