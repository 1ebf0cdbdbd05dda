"""Population determination (人口界定), its publicity (公示) and the objections to it."""

from django.db import models

from taizhang.org.scoping import ScopedQuerySet
from taizhang.registry.models import Person
from taizhang.renewal import rules
from taizhang.renewal.models.fields import _area, _community, _group, _import_batch, _unit, _user
from taizhang.renewal.models.projects import Project, ProjectHousehold


class Verdict(models.TextChoices):
    COUNTED = rules.COUNTED, rules.COUNTED
    NOT_COUNTED = rules.NOT_COUNTED, rules.NOT_COUNTED
    PENDING = rules.PENDING, rules.PENDING


class Determination(models.Model):
    """One person's 认定/不认定/待定 with the facts it was judged on; a new decision supersedes, never deletes."""

    class Source(models.TextChoices):
        RULES = "rules", "按规则界定"
        IMPORT = "import", "导入"
        OVERRIDE = "override", "管理员人工界定"  # a unit admin's verdict against the rules, reason mandatory

    unit = _unit()
    community = _community()
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+", db_index=False)
    entry = models.ForeignKey(ProjectHousehold, on_delete=models.PROTECT, related_name="determinations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", db_index=False)
    group = _group()
    name = models.CharField("姓名", max_length=64)
    id_number = models.CharField("身份证号", max_length=18)
    verdict = models.CharField("界定结果", max_length=8, choices=Verdict.choices)
    reason = models.CharField("理由", max_length=200)
    # The facts (rules.PersonFacts) the verdict was reached on.
    registered_on = models.DateField("迁入日期", null=True, blank=True)
    left_on = models.DateField("迁出/注销日期", null=True, blank=True)
    left_for = models.CharField(
        "迁出原因", max_length=16, blank=True, choices=[("", "—"), *rules.SPECIAL_CASES.items()]
    )
    resident = models.BooleanField("实际居住", default=True)
    married_in_on = models.DateField("婚入日期", null=True, blank=True)
    decided_on = models.DateField("界定日期")
    decided_by = _user("界定人")
    source = models.CharField("来源", max_length=8, choices=Source.choices, default=Source.RULES)
    # The police extract the form offered its facts from, and whether the 迁入日期 judged on is the extract's.
    police_run = models.ForeignKey(
        "renewal.CrosscheckRun", on_delete=models.PROTECT, related_name="+", null=True, blank=True, db_index=False
    )
    registered_on_from_police = models.BooleanField("迁入日期来自公安比对", default=False)
    police_status = models.CharField("公安户籍状态", max_length=16, blank=True)
    is_current = models.BooleanField("当前有效", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    import_batch = _import_batch()

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        indexes = [models.Index(fields=["unit", "project", "is_current"])]
        ordering = ["entry_id", "person_id", "-id"]
        verbose_name = "人口界定"


class Publicity(models.Model):
    """公示: a community's measurement and determination results posted for an objection window."""

    unit = _unit()
    community = _community()
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="publicities", db_index=False)
    starts_on = models.DateField("公示开始日期")
    ends_on = models.DateField("公示截止日期")
    created_by = _user()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        indexes = [models.Index(fields=["unit", "project", "community"])]
        ordering = ["-starts_on", "-id"]
        verbose_name = "公示"


class PublicityLine(models.Model):
    """What was posted for one household (a snapshot: objections answer what the residents saw)."""

    unit = _unit()
    community = _community()
    publicity = models.ForeignKey(Publicity, on_delete=models.PROTECT, related_name="lines")
    entry = models.ForeignKey(
        ProjectHousehold, on_delete=models.PROTECT, related_name="publicity_lines", db_index=False
    )
    head_name = models.CharField("户主", max_length=64)
    sites = models.CharField("院落", max_length=200, blank=True)
    floor_area = _area("建筑面积（m²）")
    site_area = _area("占地面积（m²）")
    counted_persons = models.PositiveSmallIntegerField("认定人数")
    # set when a determination of the household changes after this was posted: what residents saw is out of date
    outdated_at = models.DateTimeField("公示后界定变更于", null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        ordering = ["id"]


class Objection(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "待答复"
        ANSWERED = "answered", "已答复"

    class Outcome(models.TextChoices):
        UPHELD = "维持原结果", "维持原结果"
        CORRECTED = "已更正", "已更正"

    unit = _unit()
    community = _community()
    publicity = models.ForeignKey(Publicity, on_delete=models.PROTECT, related_name="objections")
    entry = models.ForeignKey(ProjectHousehold, on_delete=models.PROTECT, related_name="objections", db_index=False)
    submitted_by = models.CharField("异议人", max_length=64)
    received_on = models.DateField("收到日期")
    content = models.TextField("异议内容")
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField("答复", blank=True)
    outcome = models.CharField("处理结果", max_length=8, choices=Outcome.choices, blank=True)
    answered_by = _user("答复人")
    answered_on = models.DateField("答复日期", null=True, blank=True)
    recorded_by = _user("登记人")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = "异议"
