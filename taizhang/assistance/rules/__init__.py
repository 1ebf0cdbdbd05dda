"""Pure rules of household assistance (帮扶), one module per topic; no Django here.

This package re-exports every public name (a facade), so `from taizhang.assistance import rules; rules.Month` reads
as it did when the rules were one file; new code may import the topic module.
"""

from taizhang.assistance.rules.archives import (
    DEFAULT_ARCHIVE_ITEMS,
    ROSTERS,
    ArchiveFacts,
    Finding,
    MemberFacts,
    archive_findings,
    derived_benefits,
    roster_differences,
)
from taizhang.assistance.rules.cards import card_matches
from taizhang.assistance.rules.environment import (
    FURNITURE,
    HYGIENE_RATINGS,
    FurnitureBalance,
    furniture_balance,
)
from taizhang.assistance.rules.problems import (
    DEFAULT_DEADLINE_DAYS,
    PROBLEM_CATEGORIES,
    ProblemTimes,
    Timeliness,
    category_of_topic,
    deadline_days,
    due_date,
    is_overdue,
    timeliness,
)
from taizhang.assistance.rules.signals import (
    Names,
    Signal,
    VisitFacts,
    VisitSignal,
    distance_metres,
)
from taizhang.assistance.rules.signals_entry import LATE_ENTRY_DAYS, late_entries
from taizhang.assistance.rules.signals_place import FAR_METRES, far_from_home
from taizhang.assistance.rules.signals_text import (
    similar_notes,
    uniform_notes,
    window_start,
)
from taizhang.assistance.rules.signals_timing import (
    Road,
    holiday_names,
    impossible_travel,
    minimum_cluster,
    odd_hours,
    overfull_day,
)
from taizhang.assistance.rules.trainings import (
    training_dates,
)
from taizhang.assistance.rules.visits import (
    DEFAULT_RULE,
    MAX_VISIT_HOURS,
    Compliance,
    InvalidVisit,
    Month,
    VisitRule,
    check_visit_times,
    days_left,
    duration_ranges,
    required_visits,
    rule_on,
    visit_minutes,
    visit_validity,
)

__all__ = [
    "ArchiveFacts",
    "COPIED_TEXT_MIN_LENGTH",
    "Compliance",
    "DEFAULT_ARCHIVE_ITEMS",
    "DEFAULT_DEADLINE_DAYS",
    "DEFAULT_RULE",
    "FAR_METRES",
    "FURNITURE",
    "Finding",
    "FurnitureBalance",
    "HYGIENE_RATINGS",
    "InvalidVisit",
    "LATE_ENTRY_DAYS",
    "MAX_VISIT_HOURS",
    "MIN_TRAVEL_MINUTES",
    "MemberFacts",
    "Month",
    "Names",
    "PROBLEM_CATEGORIES",
    "ProblemTimes",
    "ROSTERS",
    "Road",
    "Signal",
    "Timeliness",
    "VisitFacts",
    "VisitRule",
    "VisitSignal",
    "archive_findings",
    "back_to_back",
    "card_matches",
    "category_of_topic",
    "check_visit_times",
    "copied_texts",
    "days_left",
    "deadline_days",
    "derived_benefits",
    "distance_metres",
    "due_date",
    "duration_ranges",
    "far_from_home",
    "furniture_balance",
    "holiday_names",
    "impossible_travel",
    "is_overdue",
    "late_entries",
    "minimum_cluster",
    "odd_hours",
    "overfull_day",
    "required_visits",
    "roster_differences",
    "rule_on",
    "similar_notes",
    "timeliness",
    "training_dates",
    "uniform_notes",
    "visit_minutes",
    "visit_validity",
    "window_start",
]
