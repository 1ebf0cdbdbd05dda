from taizhang.enterprise.models.awards import AwardObjection, AwardPayment, AwardRound, AwardScore, Nomination
from taizhang.enterprise.models.pipeline import Project, Station
from taizhang.enterprise.models.registry import Chain, ChainLink, Enterprise, EnterpriseFigure, Park

__all__ = [
    "AwardObjection",
    "AwardPayment",
    "AwardRound",
    "AwardScore",
    "Chain",
    "ChainLink",
    "Enterprise",
    "EnterpriseFigure",
    "Nomination",
    "Park",
    "Project",
    "Station",
]
