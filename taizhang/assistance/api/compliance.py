"""/api/assistance/mine and /compliance: the month's valid visits per household, scoped like the pages."""

from __future__ import annotations

from ninja import Router, Schema
from ninja.errors import HttpError

from taizhang.assistance import rules, selectors
from taizhang.core import clock

router = Router(tags=["帮扶"])


def month_param(text: str | None) -> rules.Month:
    try:
        return rules.Month.parse(text) if text else rules.Month.of(clock.today())
    except ValueError as exc:
        raise HttpError(400, str(exc))


class HouseholdComplianceOut(Schema):
    assisted_id: int
    household_id: int
    household_no: str
    head: str
    community: str
    helpers: list[str]
    valid_visits: int
    required_visits: int
    met: bool


class MonthOut(Schema):
    month: str
    days_left: int
    households: int
    met: int
    missing_visits: int
    rows: list[HouseholdComplianceOut]


def _month_out(report: selectors.MonthCompliance) -> dict:
    return {
        "month": str(report.month),
        "days_left": report.days_left,
        "households": report.total.households,
        "met": report.total.met,
        "missing_visits": report.total.missing_visits,
        "rows": [
            {
                "assisted_id": h.assisted_id,
                "household_id": h.household_id,
                "household_no": h.household_no,
                "head": h.head,
                "community": h.community,
                "helpers": h.helpers,
                "valid_visits": h.valid,
                "required_visits": h.required,
                "met": h.result.met,
            }
            for h in report.households
        ],
    }


@router.get("/mine", response=MonthOut)
def my_households(request, month: str | None = None):
    """The caller's own assisted households and this month's valid visits."""
    return _month_out(selectors.my_households(request.user, month_param(month)))


@router.get("/compliance", response=MonthOut)
def compliance(request, month: str | None = None, community: int | None = None):
    return _month_out(selectors.month_compliance(request.user, month_param(month), community_id=community))
