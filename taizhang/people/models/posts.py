"""Posts (岗位) of a unit's departments and the contracts (聘任合同) that appoint staff to them."""

from datetime import date
from decimal import Decimal

from django.db import models
from django.db.models import Q

from taizhang.core import clock
from taizhang.org.scoping import ScopedQuerySet
from taizhang.people.models.fields import _department, _import_batch, _money, _unit, _user


class Post(models.Model):
    unit = _unit()
    department = _department()
    name = models.CharField("岗位名称", max_length=64)
    grade = models.CharField("岗位等级", max_length=32, blank=True)
    monthly_pay = _money("岗位工资（元/月）")
    headcount = models.PositiveSmallIntegerField("职数", default=1)
    is_active = models.BooleanField("在用", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "department", "name"], name="people_post_unique_in_department")
        ]
        indexes = [models.Index(fields=["unit", "department"])]
        ordering = ["department__sort_order", "department_id", "name"]
        verbose_name = "岗位"

    def __str__(self) -> str:
        return self.name


def in_force_q(today: date, prefix: str = "") -> Q:
    """Contracts in force on `today`: 在聘 and not past their end. `prefix` reaches them across a relation
    ("contracts__"). Contract.state_on is the same rule for one contract in hand."""
    return Q(**{f"{prefix}status": Contract.Status.ACTIVE, f"{prefix}ends_on__gte": today})


def expired_q(today: date, prefix: str = "") -> Q:
    """Contracts that read 期满 on `today`: marked so, or 在聘 with their end day behind them (nothing marks them)."""
    marked = Q(**{f"{prefix}status": Contract.Status.EXPIRED})
    return marked | Q(**{f"{prefix}status": Contract.Status.ACTIVE, f"{prefix}ends_on__lt": today})


class ContractQuerySet(ScopedQuerySet):
    def in_force(self, today: date):
        return self.filter(in_force_q(today))

    def in_state(self, state: str, today: date):
        """The contracts whose state (Contract.state_on) on `today` is `state`."""
        if state == Contract.Status.ACTIVE:
            return self.in_force(today)
        if state == Contract.Status.EXPIRED:
            return self.filter(expired_q(today))
        return self.filter(status=state)


class Contract(models.Model):
    """A staff member's appointment to a post for a term. The performance-pay share may rise with each year of the
    term (30 % → 35 % → 40 %): `performance_shares` holds one percentage per year, as strings ("30", "35.5")."""

    class Status(models.TextChoices):
        ACTIVE = "active", "在聘"
        EXPIRED = "expired", "期满"
        RENEWED = "renewed", "已续聘"
        ENDED = "ended", "已解聘"

    unit = _unit()
    department = _department()
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="contracts", verbose_name="岗位")
    user = _user("受聘人", null=False)
    starts_on = models.DateField("聘期开始")
    ends_on = models.DateField("聘期结束")
    probation_months = models.PositiveSmallIntegerField("试用期（月）", default=0)
    monthly_pay = _money("岗位工资（元/月）")
    performance_shares = models.JSONField("各聘期年度绩效薪酬占比（%）", default=list)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.ACTIVE)
    ended_on = models.DateField("终止日期", null=True, blank=True)
    end_reason = models.CharField("终止原因", max_length=200, blank=True)
    ended_at = models.DateTimeField("解聘登记时间", null=True, blank=True)
    ended_by = _user("解聘登记人")
    renewal_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="续聘自"
    )
    import_batch = _import_batch()
    created_by = _user("登记人")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContractQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        indexes = [
            models.Index(fields=["unit", "status", "ends_on"]),
            models.Index(fields=["user", "starts_on"]),
            models.Index(fields=["post", "status"]),
        ]
        ordering = ["-starts_on", "id"]
        verbose_name = "聘任合同"

    def __str__(self) -> str:
        return f"{self.post} {self.starts_on:%Y-%m-%d}—{self.ends_on:%Y-%m-%d}"

    def state_on(self, day: date) -> str:
        """The status as read on `day`: a 在聘 contract whose end day has passed is 期满 (in_force_q, expired_q)."""
        if self.status == self.Status.ACTIVE and self.ends_on < day:
            return self.Status.EXPIRED
        return self.status

    @property
    def state(self) -> str:
        return self.state_on(clock.today())

    def get_state_display(self) -> str:
        return self.Status(self.state).label

    def share_on(self, day: date) -> Decimal:
        """The performance-pay share (in %) of the term's year `day` falls in; the last year's after the term."""
        shares = [Decimal(str(share)) for share in self.performance_shares] or [Decimal(0)]
        years = day.year - self.starts_on.year - ((day.month, day.day) < (self.starts_on.month, self.starts_on.day))
        return shares[min(max(years, 0), len(shares) - 1)]
