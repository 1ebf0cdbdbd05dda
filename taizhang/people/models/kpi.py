"""KPI plans and results: scoring methods (versioned per unit), targets cascading zone → department → post →
person, each person's indicators of a cycle, 360° reviews, enterprises' rating invitations, and appeals."""

from decimal import Decimal

from django.db import models

from taizhang.org.scoping import ScopedQuerySet
from taizhang.people.models.fields import _department, _import_batch, _unit, _user
from taizhang.people.rules import kpi as rules


def _ratio(verbose_name: str, default=None, null: bool = False):
    return models.DecimalField(verbose_name, max_digits=6, decimal_places=3, default=default, null=null, blank=null)


def _figure(verbose_name: str, null: bool = True):
    return models.DecimalField(verbose_name, max_digits=16, decimal_places=4, null=null, blank=null)


class ScoringMethod(models.Model):
    """A version of a unit's scoring method (线性, 反向, 达标, 扣分, or the unit's own name over one of the four
    formulas). A change is a new version effective from a cycle's start; a cycle uses the versions in force on its
    first day, so old cycles keep theirs."""

    class Kind(models.TextChoices):
        LINEAR = rules.LINEAR, "线性"
        REVERSE = rules.REVERSE, "反向"
        THRESHOLD = rules.THRESHOLD, "达标"
        DEDUCT = rules.DEDUCT, "扣分"

    unit = _unit()
    name = models.CharField("计分方式", max_length=32)
    kind = models.CharField("公式", max_length=16, choices=Kind.choices)
    floor = _ratio("下限", rules.DEFAULT_FLOOR)
    cap = _ratio("上限", rules.DEFAULT_CAP)
    effective_from = models.DateField("生效日期")
    effective_cycle = models.CharField("自周期起生效", max_length=16, blank=True)
    reason = models.CharField("变更理由", max_length=500, blank=True)
    changed_by = _user("变更人")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "name", "effective_from"], name="people_method_unique_version")
        ]
        ordering = ["name", "-effective_from"]
        verbose_name = "计分方式"

    def __str__(self) -> str:
        return self.name


class KpiTarget(models.Model):
    """A target of a cycle at one level, cascading from its parent: the zone's (经济总量 …) into a department's,
    a post's and a person's."""

    class Level(models.TextChoices):
        ZONE = "zone", "开发区"
        DEPARTMENT = "department", "部门"
        POST = "post", "岗位"
        PERSON = "person", "个人"

    unit = _unit()
    cycle = models.ForeignKey("people.Cycle", on_delete=models.PROTECT, related_name="+", verbose_name="周期")
    level = models.CharField("层级", max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name="上级目标"
    )
    department = _department(null=True)
    post = models.ForeignKey(
        "people.Post", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="岗位"
    )
    user = _user("责任人")
    name = models.CharField("目标", max_length=64)
    value = _figure("目标值", null=False)
    measure = models.CharField("计量单位", max_length=16, blank=True)
    created_by = _user("登记人")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        indexes = [models.Index(fields=["cycle", "level"])]
        ordering = ["level", "id"]
        verbose_name = "考核目标"

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    """One KPI indicator of a person's plan for a cycle. Its score is the rule applied to it (the method version is
    fixed for the cycle, and nothing changes once the cycle is assessed), so it is computed, not stored."""

    unit = _unit()
    cycle = models.ForeignKey("people.Cycle", on_delete=models.PROTECT, related_name="indicators", verbose_name="周期")
    user = _user("被考核人", null=False)
    department = _department(null=True)
    position = models.PositiveSmallIntegerField("序号", default=0)
    name = models.CharField("指标", max_length=64)
    weight = models.DecimalField("权重", max_digits=5, decimal_places=2)
    method = models.ForeignKey(ScoringMethod, on_delete=models.PROTECT, related_name="+", verbose_name="计分方式")
    target = _figure("目标值")
    actual = _figure("实际值")
    floor = _ratio("下限", null=True)
    cap = _ratio("上限", null=True)
    deduction = _figure("扣分标准")
    evidence = models.CharField("佐证", max_length=500, blank=True)
    metric_key = models.CharField("取数指标", max_length=64, blank=True)
    kpi_target = models.ForeignKey(
        KpiTarget, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="对应目标"
    )
    import_batch = _import_batch()
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        indexes = [models.Index(fields=["cycle", "user"])]
        ordering = ["cycle", "user", "position", "id"]
        verbose_name = "KPI指标"

    def __str__(self) -> str:
        return self.name

    @property
    def floor_in_force(self) -> Decimal:
        return self.method.floor if self.floor is None else self.floor

    @property
    def cap_in_force(self) -> Decimal:
        return self.method.cap if self.cap is None else self.cap


class Review(models.Model):
    """A 0–100 rating of a staff member in a cycle by one rater: 上级, 同事, 服务对象 (an enterprise, through its
    invitation link, or entered for it), 本人."""

    class RaterType(models.TextChoices):
        SUPERIOR = rules.SUPERIOR, "上级"
        PEER = rules.PEER, "同事"
        CLIENT = rules.CLIENT, "服务对象"
        SELF = rules.SELF, "本人"

    unit = _unit()
    cycle = models.ForeignKey("people.Cycle", on_delete=models.PROTECT, related_name="reviews", verbose_name="周期")
    subject = _user("被考核人", null=False)
    rater_type = models.CharField("评价人类型", max_length=16, choices=RaterType.choices)
    rater = _user("评价人")
    rater_name = models.CharField("评价人", max_length=64)
    score = models.DecimalField("得分", max_digits=5, decimal_places=2)
    comment = models.CharField("意见", max_length=500, blank=True)
    import_batch = _import_batch()
    entered_by = _user("录入人")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        indexes = [models.Index(fields=["cycle", "subject"])]
        ordering = ["cycle", "subject", "rater_type", "id"]
        verbose_name = "评议"


class RatingInvitation(models.Model):
    """A single-use link an enterprise served rates a staff member through, without an account; it expires 15 days
    after the cycle ends."""

    unit = _unit()
    cycle = models.ForeignKey("people.Cycle", on_delete=models.PROTECT, related_name="+", verbose_name="周期")
    subject = _user("被评价人", null=False)
    enterprise = models.CharField("服务对象（企业）", max_length=64)
    token = models.CharField(max_length=64, unique=True)
    expires_on = models.DateField("有效期至")
    used_at = models.DateTimeField("评价时间", null=True, blank=True)
    review = models.OneToOneField(Review, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_by = _user("发出人")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = "服务对象评价邀请"


class Appeal(models.Model):
    """A staff member's appeal (申诉) against their locked result, answered by the committee."""

    class Status(models.TextChoices):
        OPEN = "open", "待处理"
        UPHELD = "upheld", "申诉成立"
        REJECTED = "rejected", "驳回"

    unit = _unit()
    result = models.ForeignKey("people.Result", on_delete=models.PROTECT, related_name="appeals", verbose_name="结果")
    user = _user("申诉人", null=False)
    reason = models.CharField("申诉理由", max_length=1000)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.OPEN)
    new_grade = models.CharField("改定等次", max_length=16, blank=True)
    answer = models.CharField("答复", max_length=1000, blank=True)
    answered_by = _user("答复人")
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    filed_at = models.DateTimeField("申诉时间")

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        indexes = [models.Index(fields=["unit", "status"])]
        ordering = ["-filed_at", "id"]
        verbose_name = "考核申诉"
