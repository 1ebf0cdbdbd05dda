from taizhang.enterprise.models.fiscal import (
    EquityExit,
    EquityStake,
    InfraSpending,
    Revenue,
    RevenueSource,
    SharingRule,
    Valuation,
)
from taizhang.enterprise.models.pipeline import Project, Station
from taizhang.enterprise.models.registry import Chain, ChainLink, Enterprise, EnterpriseFigure, Park

__all__ = [
    "Chain",
    "ChainLink",
    "Enterprise",
    "EnterpriseFigure",
    "EquityExit",
    "EquityStake",
    "InfraSpending",
    "Park",
    "Project",
    "Revenue",
    "RevenueSource",
    "SharingRule",
    "Station",
    "Valuation",
]
