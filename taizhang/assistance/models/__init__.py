"""Household assistance (帮扶): one module per area. Django finds the models here, and the module's code imports
them from here (`from taizhang.assistance.models import Visit`)."""

from taizhang.assistance.models.archives import (
    ArchiveDocument,
    ArchiveFinding,
    ArchiveItem,
    ArchiveRecord,
    RosterEntry,
)
from taizhang.assistance.models.environment import CleaningRecord, FurnitureNeed, PurchaseBatch, PurchaseLine
from taizhang.assistance.models.households import AssistedHousehold, Category, HelperAssignment
from taizhang.assistance.models.problems import (
    DEFAULT_DEPARTMENTS,
    Department,
    Problem,
    ProblemDeadline,
    ProblemPhoto,
)
from taizhang.assistance.models.trainings import TrainingAttendance, TrainingSession
from taizhang.assistance.models.visits import CHECKLIST, FINDINGS, CheckResult, Visit, VisitPhoto, VisitRuleVersion

__all__ = [
    "CHECKLIST",
    "DEFAULT_DEPARTMENTS",
    "FINDINGS",
    "ArchiveDocument",
    "ArchiveFinding",
    "ArchiveItem",
    "ArchiveRecord",
    "AssistedHousehold",
    "Category",
    "CheckResult",
    "CleaningRecord",
    "Department",
    "FurnitureNeed",
    "HelperAssignment",
    "Problem",
    "ProblemDeadline",
    "ProblemPhoto",
    "PurchaseBatch",
    "PurchaseLine",
    "RosterEntry",
    "TrainingAttendance",
    "TrainingSession",
    "Visit",
    "VisitPhoto",
    "VisitRuleVersion",
]
