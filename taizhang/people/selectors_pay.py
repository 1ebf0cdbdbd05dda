"""Scoped reads of the pay sheets: a cycle's sheet in force and its lines (filtered by department and name), one
person's line, and the share of performance pay in what each department was paid, year by year."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import F, Q, QuerySet, Sum
from django.http import Http404

from taizhang.org.scoping import get_visible_or_404
from taizhang.people import policies
from taizhang.people.models import Cycle, PayLine, PaySheet
from taizhang.people.rules.pay import performance_share
from taizhang.people.selectors import own_or_everyone


def cycle_or_404(user, cycle_id: int) -> Cycle:
    return get_visible_or_404(Cycle.objects.select_related("unit"), user, pk=cycle_id)


def sheet_in_force(cycle: Cycle) -> PaySheet | None:
    return PaySheet.objects.filter(cycle=cycle).exclude(status=PaySheet.Status.WITHDRAWN).first()


def sheet_or_404(user, sheet_id: int) -> PaySheet:
    return get_visible_or_404(PaySheet.objects.select_related("cycle"), user, pk=sheet_id)


def lines(user, sheet: PaySheet, *, department: int | None = None, q: str = "") -> QuerySet[PayLine]:
    found = own_or_everyone(PayLine.objects.filter(sheet=sheet), user)
    if department:
        found = found.filter(department_id=department)
    if q:
        found = found.filter(Q(user__full_name__contains=q) | Q(user__username__contains=q))
    return found.select_related("user", "department").order_by("user__username", "id")


def line_or_404(user, line_id: int) -> PayLine:
    line = get_visible_or_404(
        PayLine.objects.select_related("sheet__cycle__unit", "user", "department"), user, pk=line_id
    )
    if line.user_id != user.pk and not policies.reads_everyone(user):
        raise Http404("没有找到该记录，或您无权查看。")
    return line


def my_lines(user) -> QuerySet[PayLine]:
    return (
        PayLine.objects.visible_to(user)
        .filter(user_id=user.pk, sheet__status=PaySheet.Status.CONFIRMED)
        .select_related("sheet__cycle")
        .order_by("-sheet__cycle__starts_on")
    )


def share_by_department(user) -> dict:
    """{"years": [2019, 2020], "series": [{"name": 部门, "data": [share % or None, …]}]} from the confirmed sheets
    of everyone the user reads (one aggregate query)."""
    rows = (
        own_or_everyone(PayLine.objects.filter(sheet__status=PaySheet.Status.CONFIRMED), user)
        .values("sheet__cycle__ends_on__year", "department__name", "department__sort_order")
        .annotate(paid=Sum("amount"), fixed=Sum(F("monthly_pay") * F("months") - F("base")))
        .order_by("department__sort_order", "department__name", "sheet__cycle__ends_on__year")
    )
    years = sorted({row["sheet__cycle__ends_on__year"] for row in rows})
    series: dict[str, dict[int, Decimal | None]] = {}
    for row in rows:
        name = row["department__name"] or "未分部门"
        share = performance_share(row["paid"] or Decimal(0), row["fixed"] or Decimal(0))
        series.setdefault(name, {})[row["sheet__cycle__ends_on__year"]] = share
    return {
        "years": [str(y) for y in years],
        "series": [
            {"name": name, "data": [float(v) if (v := by_year.get(y)) is not None else None for y in years]}
            for name, by_year in series.items()
        ],
    }
