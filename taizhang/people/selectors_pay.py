"""Scoped reads of the pay sheets: a cycle's sheet in force and its lines (filtered by department and name), one
person's line, and the share of performance pay in what each department was paid, year by year."""

from __future__ import annotations

from decimal import Decimal

from django.core.management.base import CommandError
from django.db.models import F, Q, QuerySet, Sum

from taizhang.org.scoping import get_visible_or_404
from taizhang.org.selectors import unit_by_name
from taizhang.people.models import Cycle, PayLine, PaySheet
from taizhang.people.rules.pay import performance_share
from taizhang.people.selectors import own_or_everyone, personal_or_404


def cycle_or_404(user, cycle_id: int) -> Cycle:
    return get_visible_or_404(Cycle.objects.select_related("unit"), user, pk=cycle_id)


def cycle_named(unit_name: str, code: str) -> Cycle:
    """The cycle a command names (单位名 and 周期); a clear error lists the unit's cycles."""
    unit = unit_by_name(unit_name)
    cycle = Cycle.objects.filter(unit=unit, code=code.strip()).select_related("unit").first()
    if cycle is None:
        known = "、".join(Cycle.objects.filter(unit=unit).values_list("code", flat=True)) or "（还没有考核周期）"
        raise CommandError(f"{unit.name}没有考核周期“{code[:20]}”。现有周期：{known}")
    return cycle


def sheet_in_force(cycle: Cycle) -> PaySheet | None:
    return PaySheet.objects.filter(cycle=cycle).exclude(status=PaySheet.Status.WITHDRAWN).first()


def sheet_or_404(user, sheet_id: int) -> PaySheet:
    return get_visible_or_404(PaySheet.objects.select_related("cycle"), user, pk=sheet_id)


def of_people(user, queryset: QuerySet, *, department: int | None = None, q: str = "") -> QuerySet:
    """A cycle's personal records the user reads (everyone's or their own), in a department, by name or 用户名."""
    found = own_or_everyone(queryset, user)
    if department:
        found = found.filter(department_id=department)
    if q:
        found = found.filter(Q(user__full_name__contains=q) | Q(user__username__contains=q))
    return found


def lines(user, sheet: PaySheet, *, department: int | None = None, q: str = "") -> QuerySet[PayLine]:
    found = of_people(user, PayLine.objects.filter(sheet=sheet), department=department, q=q)
    return found.select_related("user", "department").order_by("user__username", "id")


def line_or_404(user, line_id: int) -> PayLine:
    queryset = PayLine.objects.select_related("sheet__cycle__unit", "user", "department")
    return personal_or_404(user, queryset, line_id, "您只能查看本人的绩效薪酬通知单")


def confirmed_lines(viewer, person_id: int) -> QuerySet[PayLine]:
    """A person's lines on confirmed sheets, newest cycle first, as the viewer reads them (none of another's to those
    who read only their own)."""
    found = PayLine.objects.filter(user_id=person_id, sheet__status=PaySheet.Status.CONFIRMED)
    return own_or_everyone(found, viewer).select_related("sheet__cycle").order_by("-sheet__cycle__starts_on", "-id")


def my_lines(user) -> QuerySet[PayLine]:
    return confirmed_lines(user, user.pk)


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
