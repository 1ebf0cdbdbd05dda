"""Compensation and resettlement: the policy versions and the households' agreements."""

from django.db import models
from django.db.models import FilteredRelation, Q

from taizhang.org.scoping import ScopedQuerySet
from taizhang.renewal.models.fields import _area, _community, _group, _unit, _user
from taizhang.renewal.models.projects import Project, ProjectHousehold


class CompensationPolicy(models.Model):
    """One published version of the compensation policy (rules.Policy as data), from its effective date."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        PUBLISHED = "published", "已公布"

    unit = _unit()
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="policies", db_index=False)
    name = models.CharField("政策名称", max_length=100)
    effective_from = models.DateField("生效日期")
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.DRAFT)
    data = models.JSONField("补偿标准", default=dict)
    note = models.TextField("说明", blank=True)
    created_by = _user()
    created_at = models.DateTimeField(auto_now_add=True)
    published_by = _user()
    published_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        ordering = ["-effective_from", "-id"]
        verbose_name = "补偿政策"


class Agreement(models.Model):
    class Option(models.TextChoices):
        MONETARY = "货币补偿", "货币补偿"
        EXCHANGE = "产权调换", "产权调换"

    class Status(models.TextChoices):
        UNSIGNED = "unsigned", "未签约"
        SIGNED = "signed", "已签约"
        VACATED = "vacated", "已腾空"
        DEMOLISHED = "demolished", "已拆除"
        VOIDED = "voided", "已作废"

    unit = _unit()
    community = _community()
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+", db_index=False)
    # A household has at most one agreement that is not voided (the constraint); voided ones stay as its history.
    entry = models.ForeignKey(ProjectHousehold, on_delete=models.PROTECT, related_name="agreements")
    group = _group()
    number = models.CharField("协议编号", max_length=32, blank=True)
    option = models.CharField("补偿方式", max_length=8, choices=Option.choices)
    chosen_area = _area("选房面积（m²）", null=True)
    months_until_handover = models.PositiveSmallIntegerField("过渡期（月）", default=0)
    policy = models.ForeignKey(
        CompensationPolicy, on_delete=models.PROTECT, related_name="+", null=True, blank=True, db_index=False
    )
    amount = models.DecimalField("补偿金额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    breakdown = models.JSONField("计算明细", default=list, blank=True)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.UNSIGNED)
    signed_on = models.DateField("签约日期", null=True, blank=True)
    vacated_on = models.DateField("腾空日期", null=True, blank=True)
    demolished_on = models.DateField("拆除日期", null=True, blank=True)
    # Voidable's fields: the workflow `status` above already carries 已作废, so Voidable itself cannot be mixed in.
    void_reason = models.CharField("作废原因", max_length=200, blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    voided_by = _user()
    updated_by = _user()
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        indexes = [models.Index(fields=["unit", "project", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["entry"], condition=~Q(status="voided"), name="renewal_one_live_agreement_per_household"
            )
        ]
        verbose_name = "协议"

    @property
    def is_voided(self) -> bool:
        return self.status == self.Status.VOIDED


def current_agreement() -> FilteredRelation:
    """Annotate households with `agreement=current_agreement()` for their agreement that is not voided (at most one),
    to select_related or filter on as `agreement__…`."""
    return FilteredRelation("agreements", condition=~Q(agreements__status=Agreement.Status.VOIDED))
