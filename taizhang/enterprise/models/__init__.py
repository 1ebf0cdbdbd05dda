from taizhang.enterprise.models.pipeline import Project, Station
from taizhang.enterprise.models.registry import Chain, ChainLink, Enterprise, EnterpriseFigure, Park
from taizhang.enterprise.models.registry_history import ImportedChange, StatusChange

__all__ = [
    "Chain",
    "ChainLink",
    "Enterprise",
    "EnterpriseFigure",
    "ImportedChange",
    "Park",
    "Project",
    "Station",
    "StatusChange",
]
