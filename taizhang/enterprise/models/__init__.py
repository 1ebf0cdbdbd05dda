from taizhang.enterprise.models.pipeline import FollowUp, Project, ProjectCredit, StageEvent, StageNorm, Station
from taizhang.enterprise.models.registry import Chain, ChainLink, Enterprise, EnterpriseFigure, Park

__all__ = [
    "Chain",
    "ChainLink",
    "Enterprise",
    "EnterpriseFigure",
    "FollowUp",
    "Park",
    "Project",
    "ProjectCredit",
    "StageEvent",
    "StageNorm",
    "Station",
]
