"""优绩优酬: a cycle's pay sheet (绩效薪酬发放表) — the pool, the grade coefficients and every person's line. A draft is
recomputed whenever the committee changes the pool or a coefficient; a confirmed sheet binds the money and is only
withdrawn with a reason, after which a new sheet may be issued."""

from django.db import models

from taizhang.org.scoping import ScopedQuerySet
from taizhang.people.models.cycles import Grade
from taizhang.people.models.fields import _department, _money, _unit, _user


class PaySheet(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        CONFIRMED = "confirmed", "已确认"
        WITHDRAWN = "withdrawn", "已撤回"

    unit = _unit()
    cycle = models.ForeignKey("people.Cycle", on_delete=models.PROTECT, related_name="pay_sheets", verbose_name="周期")
    number = models.PositiveSmallIntegerField("版次", default=1)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.DRAFT)
    pool_set = _money("委员会确定的绩效薪酬总额", null=True)
    pool = _money("绩效薪酬总额")
    coefficients = models.JSONField("等次绩效系数", default=dict)
    created_by = _user("编制人")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = _user("确认人")
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)
    withdrawn_by = _user("撤回人")
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdraw_reason = models.CharField("撤回原因", max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cycle"], condition=~models.Q(status="withdrawn"), name="people_paysheet_one_in_force"
            ),
            models.UniqueConstraint(fields=["cycle", "number"], name="people_paysheet_unique_number"),
        ]
        ordering = ["cycle", "-number"]
        verbose_name = "绩效薪酬发放表"

    def __str__(self) -> str:
        return f"{self.cycle.code} 绩效薪酬发放表（第 {self.number} 版）"


class PayLine(models.Model):
    unit = _unit()
    sheet = models.ForeignKey(PaySheet, on_delete=models.CASCADE, related_name="lines", verbose_name="发放表")
    user = _user("人员", null=False)
    department = _department(null=True)
    post_name = models.CharField("岗位", max_length=64, blank=True)
    monthly_pay = _money("岗位工资（元/月）")
    months = models.PositiveSmallIntegerField("月数")
    share = models.DecimalField("绩效薪酬占比（%）", max_digits=5, decimal_places=2)
    base = _money("绩效基数")
    grade = models.CharField("等次", max_length=16, choices=Grade.choices, blank=True)
    coefficient = models.DecimalField("绩效系数", max_digits=5, decimal_places=2)
    amount = _money("绩效薪酬")

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sheet", "user"], name="people_payline_unique_user")]
        indexes = [models.Index(fields=["unit", "user"])]
        ordering = ["sheet", "id"]
        verbose_name = "绩效薪酬明细"
