"""The module's tables, one file per area."""

from taizhang.events.models.events import Event, Session, StaffAssignment
from taizhang.events.models.plan import BudgetLine, PrepTask, Spending
from taizhang.events.models.report import Closing, EventPhoto, GameResult
from taizhang.events.models.signups import SignUp
from taizhang.events.models.vendors import Stall, VendorApplication

__all__ = [
    "BudgetLine",
    "Closing",
    "Event",
    "EventPhoto",
    "GameResult",
    "PrepTask",
    "Session",
    "SignUp",
    "Spending",
    "StaffAssignment",
    "Stall",
    "VendorApplication",
]
