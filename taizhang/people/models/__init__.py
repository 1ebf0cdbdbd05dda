"""济北开发区's people reform (全员聘任制, 全员KPI绩效考核, 优绩优酬, 刚性淘汰) and the zone's own assessment: one
module an area; Django and the module's code import every model from here."""

from taizhang.people.models.cycles import Committee, Cycle, Grade, Result
from taizhang.people.models.elimination import EliminationRuleSet, Recommendation
from taizhang.people.models.kpi import Appeal, Indicator, KpiTarget, RatingInvitation, Review, ScoringMethod
from taizhang.people.models.pay import PayLine, PaySheet
from taizhang.people.models.posts import Contract, Post
from taizhang.people.models.rounds import Application, Round, RoundObjection, RoundPost
from taizhang.people.models.zone import ZoneFigure, ZoneIndicator

__all__ = ["Committee", "Contract", "Cycle", "Grade", "Post", "Result"]
__all__ += ["ZoneFigure", "ZoneIndicator"]
__all__ += ["Appeal", "Indicator", "KpiTarget", "RatingInvitation", "Review", "ScoringMethod"]
__all__ += ["EliminationRuleSet", "PayLine", "PaySheet", "Recommendation"]
__all__ += ["Application", "Round", "RoundObjection", "RoundPost"]
