from taizhang.enterprise.models.pipeline import Project, Station
from taizhang.enterprise.models.registry import Chain, ChainLink, Enterprise, EnterpriseFigure, Park

__all__ = ["Chain", "ChainLink", "Enterprise", "EnterpriseFigure", "Park", "Project", "Station"]
