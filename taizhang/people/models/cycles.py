"""Assessment cycles (考核周期) with the parameters they were assessed by, the assessment committee, and each
person's result of a cycle."""

from decimal import Decimal

from django.db import models

from taizhang.org.scoping import ScopedQuerySet
from taizhang.people.models.fields import _department, _percent, _score, _unit, _user


class Grade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    PASS = "pass", "合格"
    BASIC = "basic", "基本合格"
    FAIL = "fail", "不合格"


class Committee(models.Model):
    """A member of the unit's assessment committee (考核委员会): calibrates grades, locks cycles, sets the pay pool,
    decides eliminations and appeals. The unit's admins act for the committee too."""

    unit = _unit()
    user = _user("委员", null=False)
    title = models.CharField("职务", max_length=32, blank=True)
    added_at = models.DateTimeField("加入时间", null=True, blank=True)
    # A member who leaves keeps the row (who sat on the committee when it decided is part of the record).
    ended_at = models.DateTimeField("离任时间", null=True, blank=True)
    end_reason = models.CharField("离任原因", max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "user"],
                condition=models.Q(ended_at__isnull=True),
                name="people_committee_unique_sitting_member",
            )
        ]
        verbose_name = "考核委员会委员"


class Cycle(models.Model):
    """One assessment period of a unit: `2020Q3`, `2020`, `2020-07`. Its parameters are copied from the unit's
    previous cycle when it is opened, so a change applies from the cycle it is made in and old cycles keep theirs."""

    class Kind(models.TextChoices):
        MONTH = "month", "月度"
        QUARTER = "quarter", "季度"
        YEAR = "year", "年度"

    class Status(models.TextChoices):
        OPEN = "open", "考核中"
        ASSESSED = "assessed", "已评定"
        LOCKED = "locked", "已锁定"

    unit = _unit()
    code = models.CharField("周期", max_length=16)
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.OPEN)
    kpi_weight = _percent("KPI得分权重（%）", Decimal(70))
    review_weight = _percent("评议得分权重（%）", Decimal(30))
    superior_weight = _percent("上级评价权重（%）", Decimal(50))
    peer_weight = _percent("同事评价权重（%）", Decimal(20))
    client_weight = _percent("服务对象评价权重（%）", Decimal(20))
    self_weight = _percent("本人评价权重（%）", Decimal(10))
    basic_line = _percent("基本合格分数线", Decimal(60))
    pass_line = _percent("合格分数线", Decimal(70))
    excellent_line = _percent("优秀分数线", Decimal(85))
    excellent_share = _percent("优秀比例上限（%）", Decimal(20))
    appeal_days = models.PositiveSmallIntegerField("申诉期（天）", default=7)
    locked_at = models.DateTimeField("锁定时间", null=True, blank=True)
    locked_by = _user("锁定人")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "code"], name="people_cycle_unique_code")]
        ordering = ["-starts_on", "id"]
        verbose_name = "考核周期"

    def __str__(self) -> str:
        return self.code

    @property
    def months(self) -> int:
        return (self.ends_on.year - self.starts_on.year) * 12 + self.ends_on.month - self.starts_on.month + 1


class Result(models.Model):
    """A person's assessment of a cycle. `computed_grade` is what the rules gave; `grade` is the grade in force
    (the committee may change it, with a reason, before the cycle is locked)."""

    unit = _unit()
    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="results", verbose_name="周期")
    user = _user("被考核人", null=False)
    department = _department(null=True)
    post = models.ForeignKey(
        "people.Post", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="岗位"
    )
    kpi_score = _score("KPI得分")
    review_score = _score("评议得分")
    final_score = _score("综合得分")
    computed_grade = models.CharField("评定等次", max_length=16, choices=Grade.choices, blank=True)
    grade = models.CharField("等次", max_length=16, choices=Grade.choices, blank=True)
    calibration_reason = models.CharField("调整理由", max_length=500, blank=True)
    calibrated_by = _user("调整人")
    calibrated_at = models.DateTimeField("调整时间", null=True, blank=True)
    assessed_at = models.DateTimeField("评定时间", null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cycle", "user"], name="people_result_unique_per_cycle")]
        indexes = [models.Index(fields=["unit", "user"])]
        ordering = ["cycle", "-final_score", "id"]
        verbose_name = "考核结果"
