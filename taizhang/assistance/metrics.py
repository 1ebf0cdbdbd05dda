"""The figures 帮扶 publishes to the cockpit and to staff scoring (declared in apps.py; contract in hub.metrics).

Each reuses the module's own selectors and rules: 走访达标率 is `selectors.compliance_cells`, the same households,
valid visits and rule versions `month_compliance` (the compliance page and `taizhang visit-compliance`) judges by."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.urls import reverse

from taizhang.assistance import rules, selectors
from taizhang.assistance.models import AssistedHousehold, Problem
from taizhang.core.manifest import Value
from taizhang.core.models import RecordStatus
from taizhang.hub.cockpit import WorkCard, WorkItem
from taizhang.hub.metrics import end_of_day
from taizhang.org.scoping import command_line_viewer


def visit_compliance(*, unit_ids: list[int], as_of: date, month: date) -> dict:
    """Households 达标 ÷ households assisted in the month."""
    cells = selectors.compliance_cells(unit_ids, rules.Month.of(month))
    return {key: Value(met, households) for key, (met, households) in cells.items()}


def overdue_problems(*, unit_ids: list[int], as_of: date, month: date) -> dict:
    """Problems found by the day, past their deadline on it and not solved by its end (the overdue list's rule)."""
    rows = (
        Problem.objects.filter(
            unit_id__in=unit_ids, status=RecordStatus.ACTIVE, found_on__lte=as_of, due_date__lt=as_of
        )
        .filter(Q(resolved_at__isnull=True) | Q(resolved_at__gte=end_of_day(as_of)))
        .values_list("unit_id", "community_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {(unit_id, community_id): Value(n) for unit_id, community_id, n in rows}


def assisted_households(*, unit_ids: list[int], as_of: date, month: date) -> dict:
    """Households under assistance on the day."""
    rows = (
        selectors.covering(AssistedHousehold.objects.filter(unit_id__in=unit_ids), as_of, as_of)
        .values_list("unit_id", "community_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {(unit_id, community_id): Value(n) for unit_id, community_id, n in rows}


def helper_compliance(user, *, as_of: date, month: date) -> Value | None:
    """A helper's households 达标 ÷ their households in the month (None for someone who helps no household)."""
    if not user.unit_id:
        return None
    total = selectors.month_compliance(command_line_viewer(user.unit), rules.Month.of(month), helper_id=user.pk).total
    return Value(total.met, total.households) if total.households else None


WORK_LIMIT = 8  # the furthest behind first; the rest on the module's own page


def worker_home(user, today: date) -> WorkCard | None:
    """A helper's households still short of this month's visits, with the days left."""
    month = rules.Month.of(today)
    mine = selectors.month_compliance(user, month, helper_id=user.pk, today=today)
    if not mine.households:
        return None
    due = mine.due
    items = [
        WorkItem(
            f"{h.household_no} {h.head}".strip(),
            f"还差 {h.result.missing} 次走访",
            reverse("assistance:household_detail", args=[h.assisted_id]),
        )
        for h in due[:WORK_LIMIT]
    ]
    return WorkCard(
        title=f"本月还需走访（{len(due)} 户）" if due else "本月走访",
        note=f"{month.year}年{month.month}月还剩 {mine.days_left} 天" if mine.days_left else "",
        items=items,
        empty="本月帮扶户已全部达标",
        more_url=reverse("assistance:index"),
        more_label="我的帮扶户",
        more_count=len(due) - len(items),
    )
