"""The investment pipeline: where leads come from (外派招商站, 链长, 以商招商, …) and the projects they become."""

from __future__ import annotations

from django.db import models

from taizhang.enterprise.models.fields import _mu, _unit, _user, _wan
from taizhang.enterprise.models.registry import Chain, Enterprise
from taizhang.enterprise.rules import stages
from taizhang.org.scoping import ScopedQuerySet


class Station(models.Model):
    """A lead source: an overseas or Taiwan investment station (外派招商站) with its country/region, or another
    channel the zone counts leads by."""

    class Kind(models.TextChoices):
        STATION = "station", "外派招商站"
        CHAIN = "chain", "链长招商"
        REFERRAL = "referral", "以商招商"
        FAIR = "fair", "展会推介"
        OTHER = "other", "其他"

    unit = _unit()
    name = models.CharField("名称", max_length=64)
    kind = models.CharField("类型", max_length=16, choices=Kind.choices, default=Kind.STATION)
    region = models.CharField("国家/地区", max_length=64, blank=True)
    is_active = models.BooleanField("在用", default=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="enterprise_station_unique_name")]
        ordering = ["kind", "name"]
        verbose_name = "招商渠道"

    def __str__(self) -> str:
        return self.name


class Project(models.Model):
    """An investment project from its lead to 达效. `stage` is where it stands, reached on `stage_on`; the path it
    took, with dates, evidence and owners, is in its stage events."""

    unit = _unit()
    name = models.CharField("项目名称", max_length=100)
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, null=True, blank=True, related_name="projects", verbose_name="落地企业"
    )
    investor = models.CharField("投资方", max_length=100, blank=True)
    chain = models.ForeignKey(
        Chain, on_delete=models.PROTECT, null=True, blank=True, related_name="projects", verbose_name="产业链"
    )
    source = models.ForeignKey(
        Station, on_delete=models.PROTECT, null=True, blank=True, related_name="projects", verbose_name="线索来源"
    )
    stage = models.CharField("阶段", max_length=16, choices=stages.STAGES, default="lead")
    stage_on = models.DateField("进入本阶段日期")
    officer = _user("招商责任人")
    planned_investment = _wan("计划投资（万元）")
    actual_investment = _wan("实际投资（万元）")
    registered_capital = _wan("注册资本（万元）")
    paid_in_capital = _wan("实缴资本（万元）")
    land_mu = _mu("供地面积（亩）")
    promised_output_per_mu = _wan("承诺亩均产值（万元/亩）")
    promised_tax_per_mu = _wan("承诺亩均税收（万元/亩）")
    promise_year = models.PositiveSmallIntegerField("承诺达效年度", null=True, blank=True)
    dropped_on = models.DateField("终止日期", null=True, blank=True)
    drop_reason = models.CharField("终止原因", max_length=200, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        indexes = [models.Index(fields=["unit", "stage"]), models.Index(fields=["unit", "source"])]
        ordering = ["-stage_on", "id"]
        verbose_name = "招商项目"

    def __str__(self) -> str:
        return self.name


def _evidence_path(event, filename: str) -> str:
    return f"enterprise/stages/{event.unit_id}/{filename}"


class StageEvent(models.Model):
    """A stage a project reached, on a day, by one move. A move to a later stage records the stages it skips as
    reached the same day (`skipped`); a move withdrawn by mistake keeps its rows, marked withdrawn with the reason,
    and puts the project back where it stood (`from_stage`, `from_on`)."""

    unit = _unit()
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="events", verbose_name="项目")
    move = models.PositiveIntegerField("第几次推进")
    stage = models.CharField("阶段", max_length=16, choices=stages.STAGES)
    reached_on = models.DateField("到达日期")
    skipped = models.BooleanField("随后续阶段一并到达", default=False)
    from_stage = models.CharField("推进前阶段", max_length=16, blank=True)
    from_on = models.DateField("推进前阶段日期", null=True, blank=True)
    evidence = models.FileField("佐证材料", upload_to=_evidence_path, blank=True)
    owner = _user("阶段责任人")
    note = models.CharField("说明", max_length=300, blank=True)
    recorded_by = _user("记录人")
    recorded_at = models.DateTimeField("记录时间")
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdraw_reason = models.CharField("撤回原因", max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        indexes = [models.Index(fields=["unit", "stage", "reached_on"]), models.Index(fields=["project", "move"])]
        ordering = ["project_id", "move", "id"]
        verbose_name = "阶段记录"

    def __str__(self) -> str:
        return f"{self.project} {self.get_stage_display()} {self.reached_on}"

    @property
    def from_stage_label(self) -> str:
        return stages.LABELS.get(self.from_stage, "")


class FollowUp(models.Model):
    """跟进记录: what happened on a day, and the next action with its date (the officer's inbox asks for it when
    that date comes without a newer follow-up)."""

    unit = _unit()
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="follow_ups", verbose_name="项目")
    happened_on = models.DateField("跟进日期")
    summary = models.CharField("跟进情况", max_length=500)
    next_action = models.CharField("下一步工作", max_length=200, blank=True)
    next_on = models.DateField("下一步日期", null=True, blank=True)
    recorded_by = _user("记录人")
    recorded_at = models.DateTimeField("记录时间")

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        indexes = [models.Index(fields=["project", "happened_on"]), models.Index(fields=["unit", "next_on"])]
        ordering = ["-happened_on", "-id"]
        verbose_name = "跟进记录"

    def __str__(self) -> str:
        return f"{self.project} {self.happened_on}"


class ProjectCredit(models.Model):
    """An officer's share of a project's credit, in %; a project's shares total 100. A project without shares
    credits its officer with 100 %."""

    unit = _unit()
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="credits", verbose_name="项目")
    user = _user("招商人员", null=False)
    share = models.DecimalField("占比（%）", max_digits=5, decimal_places=2)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "user"], name="enterprise_credit_one_per_user")]
        indexes = [models.Index(fields=["unit", "user"])]
        ordering = ["project_id", "-share", "id"]
        verbose_name = "招商业绩分配"


class StageNorm(models.Model):
    """A unit's yardsticks for a stage from a day on: the usual time a project stays in it (longer is 停滞) and the
    fixed probability that a project at it reaches 投产. The norm in force on a day is the latest one on or before it;
    without any, the defaults of rules.pipeline apply."""

    unit = _unit()
    stage = models.CharField("阶段", max_length=16, choices=stages.STAGES)
    effective_on = models.DateField("起用日期")
    usual_days = models.PositiveIntegerField("通常用时（天）", null=True, blank=True)
    probability = models.PositiveSmallIntegerField("成功概率（%）")
    set_by = _user("设置人")

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "stage", "effective_on"], name="enterprise_norm_one_a_day")
        ]
        ordering = ["stage", "-effective_on"]
        verbose_name = "阶段标准"
