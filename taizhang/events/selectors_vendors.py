"""Scoped reads of the exhibition-sale: an event's vendors, one vendor, the stall plan as a grid per area, the
figures of the event page's card; and a vendor's own application through their private link."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from taizhang.events.models import Event, Stall, VendorApplication
from taizhang.events.rules import vendors as rules
from taizhang.org.scoping import get_visible_or_404

FEN = Decimal("0.01")


def vendor_list(event: Event, *, q: str = "", state: str = "") -> QuerySet[VendorApplication]:
    found = event.vendors.select_related("stall")
    if q:
        found = found.filter(
            Q(holder__icontains=q) | Q(village__icontains=q) | Q(produce__icontains=q) | Q(stall__number__iexact=q)
        )
    if state:
        found = found.filter(state=state)
    return found.order_by("submitted_at", "id")


def vendor_or_404(user, vendor_id: int) -> VendorApplication:
    return get_visible_or_404(
        VendorApplication.objects.select_related("event", "event__unit", "stall", "reviewed_by"), user, pk=vendor_id
    )


def stall_or_404(user, stall_id: int) -> Stall:
    return get_visible_or_404(Stall.objects.select_related("event", "event__unit"), user, pk=stall_id)


def vendor_by_token_or_404(token: str) -> VendorApplication:
    """A vendor's own application, through the private link they were given; nothing else."""
    vendor = (
        VendorApplication.objects.select_related("event", "event__unit", "stall").filter(token=token).first()
        if token
        else None
    )
    if vendor is None:
        raise Http404("没有这份摊主申请")
    return vendor


def approved_waiting(event: Event) -> QuerySet[VendorApplication]:
    """Approved vendors without a stall, to choose from on a free stall."""
    return event.vendors.filter(state=rules.APPROVED).order_by("submitted_at", "id")


def free_stalls(event: Event) -> QuerySet[Stall]:
    return event.stalls.filter(vendor__isnull=True).order_by("area", "row", "column", "number")


@dataclass
class Cell:
    stall: Stall
    status: str
    vendor: VendorApplication | None

    @property
    def label(self) -> str:
        return rules.PLAN_LABELS[self.status]


@dataclass
class Area:
    name: str
    rows: list[list[Cell | None]] = field(default_factory=list)


def stall_plan(event: Event) -> list[Area]:
    """The plan, area by area, as rows of cells on the stalls' grid (None where the grid has no stall)."""
    stalls = list(event.stalls.select_related("vendor").order_by("area", "row", "column", "number"))
    areas: dict[str, dict[tuple[int, int], Cell]] = {}
    for stall in stalls:
        vendor = getattr(stall, "vendor", None)
        status = rules.stall_status(vendor.state if vendor else None, bool(vendor and vendor.checked_in_at))
        areas.setdefault(stall.area, {})[(stall.row, stall.column)] = Cell(stall, status, vendor)
    plan = []
    for name, cells in areas.items():
        n_rows = max(r for r, _ in cells)
        n_cols = max(c for _, c in cells)
        rows = [[cells.get((r, c)) for c in range(1, n_cols + 1)] for r in range(1, n_rows + 1)]
        plan.append(Area(name or "未分区", [row for row in rows if any(row)]))
    return plan


def vendor_figures(event: Event) -> dict:
    """The card's figures: applications by state, stalls allocated / confirmed / total, the sales reported."""
    by_state = dict(event.vendors.values_list("state").annotate(n=Count("id")).values_list("state", "n"))
    stalls = event.stalls.aggregate(
        total=Count("id"),
        allocated=Count("id", filter=Q(vendor__state__in=rules.HOLDS_STALL)),
        confirmed=Count("id", filter=Q(vendor__state=rules.CONFIRMED)),
    )
    sales = event.vendors.aggregate(total=Sum("sales"), n=Count("id", filter=Q(sales__isnull=False)))
    return {
        "states": [(label, by_state.get(state, 0), state) for state, label in rules.STATE_LABELS.items()],
        "applications": sum(by_state.values()),
        "stalls": stalls,
        # SQLite sums decimals as floats: back to the fen.
        "sales": None if sales["total"] is None else Decimal(sales["total"]).quantize(FEN, rounding=ROUND_HALF_UP),
        "sales_reported": sales["n"],
    }


def stall_rows(event: Event) -> list[list]:
    """The Excel export: 摊位号, 区域, 摊主, 村居, 产品, 状态, 销售额."""
    rows = []
    for stall in event.stalls.select_related("vendor").order_by("area", "row", "column", "number"):
        vendor = getattr(stall, "vendor", None)
        status = rules.stall_status(vendor.state if vendor else None, bool(vendor and vendor.checked_in_at))
        rows.append(
            [
                stall.number,
                stall.area,
                vendor.holder if vendor else "",
                vendor.village if vendor else "",
                vendor.produce if vendor else "",
                rules.PLAN_LABELS[status],
                vendor.sales if vendor and vendor.sales is not None else None,
            ]
        )
    return rows
