from taizhang.enterprise.models.functions import FunctionNote, HandedFunction
from taizhang.enterprise.models.pipeline import Project, Station
from taizhang.enterprise.models.registry import Chain, ChainLink, Enterprise, EnterpriseFigure, Park

__all__ = [
    "Chain",
    "ChainLink",
    "Enterprise",
    "EnterpriseFigure",
    "FunctionNote",
    "HandedFunction",
    "Park",
    "Project",
    "Station",
]
