"""The module's tables, one file per area."""

from taizhang.events.models.events import Event, Session, StaffAssignment
from taizhang.events.models.report import Closing, EventPhoto, GameResult
from taizhang.events.models.signups import SignUp
from taizhang.events.models.vendors import Stall, VendorApplication

__all__ = [
    "Closing",
    "Event",
    "EventPhoto",
    "GameResult",
    "Session",
    "SignUp",
    "Stall",
    "StaffAssignment",
    "VendorApplication",
]
