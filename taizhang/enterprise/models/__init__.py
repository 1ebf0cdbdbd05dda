from taizhang.enterprise.models.pipeline import Project, Station
from taizhang.enterprise.models.registry import Chain, ChainLink, Enterprise, EnterpriseFigure, Park
from taizhang.enterprise.models.subsidies import CitySubsidy, Clause, Grant, Policy, SubsidyBudget

__all__ = [
    "Chain",
    "ChainLink",
    "CitySubsidy",
    "Clause",
    "Enterprise",
    "EnterpriseFigure",
    "Grant",
    "Park",
    "Policy",
    "Project",
    "Station",
    "SubsidyBudget",
]
