"""The module's tables, one file per area."""

from taizhang.enterprise.models.approvals import Accompaniment, ApprovalItem, ApprovalKind, ServiceRule
from taizhang.enterprise.models.awards import AwardObjection, AwardPayment, AwardRound, AwardScore, Nomination
from taizhang.enterprise.models.chains import ChainTarget
from taizhang.enterprise.models.fiscal import (
    EquityExit,
    EquityStake,
    InfraSpending,
    Revenue,
    RevenueSource,
    SharingRule,
    Valuation,
)
from taizhang.enterprise.models.functions import FunctionNote, HandedFunction
from taizhang.enterprise.models.pipeline import FollowUp, Project, ProjectCredit, StageEvent, StageNorm, Station
from taizhang.enterprise.models.registry import Chain, ChainLink, Enterprise, EnterpriseFigure, Park
from taizhang.enterprise.models.registry_history import ImportedChange, StatusChange
from taizhang.enterprise.models.subsidies import CitySubsidy, Clause, Grant, Policy, SubsidyBudget

__all__ = [
    "Accompaniment",
    "ApprovalItem",
    "ApprovalKind",
    "AwardObjection",
    "AwardPayment",
    "AwardRound",
    "AwardScore",
    "Chain",
    "ChainLink",
    "ChainTarget",
    "CitySubsidy",
    "Clause",
    "Enterprise",
    "EnterpriseFigure",
    "EquityExit",
    "EquityStake",
    "FollowUp",
    "FunctionNote",
    "Grant",
    "HandedFunction",
    "ImportedChange",
    "InfraSpending",
    "Nomination",
    "Park",
    "Policy",
    "Project",
    "ProjectCredit",
    "Revenue",
    "RevenueSource",
    "ServiceRule",
    "SharingRule",
    "StageEvent",
    "StageNorm",
    "Station",
    "StatusChange",
    "SubsidyBudget",
    "Valuation",
]
