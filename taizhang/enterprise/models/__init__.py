"""The module's tables, one file per area."""

from taizhang.enterprise.models.chains import ChainTarget
from taizhang.enterprise.models.functions import FunctionNote, HandedFunction
from taizhang.enterprise.models.pipeline import Project, Station
from taizhang.enterprise.models.registry import Chain, ChainLink, Enterprise, EnterpriseFigure, Park

__all__ = [
    "Chain",
    "ChainLink",
    "ChainTarget",
    "Enterprise",
    "EnterpriseFigure",
    "FunctionNote",
    "HandedFunction",
    "Park",
    "Project",
    "Station",
]
