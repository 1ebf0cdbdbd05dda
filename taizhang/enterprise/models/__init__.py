from taizhang.enterprise.models.approvals import Accompaniment, ApprovalItem, ApprovalKind, ServiceRule
from taizhang.enterprise.models.pipeline import Project, Station
from taizhang.enterprise.models.registry import Chain, ChainLink, Enterprise, EnterpriseFigure, Park

__all__ = [
    "Accompaniment",
    "ApprovalItem",
    "ApprovalKind",
    "Chain",
    "ChainLink",
    "Enterprise",
    "EnterpriseFigure",
    "Park",
    "Project",
    "ServiceRule",
    "Station",
]
