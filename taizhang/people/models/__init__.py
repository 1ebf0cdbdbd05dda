"""济北开发区's people reform (全员聘任制, 全员KPI绩效考核, 优绩优酬, 刚性淘汰) and the zone's own assessment: one
module an area; Django and the module's code import every model from here."""

from taizhang.people.models.cycles import Committee, Cycle, Grade, Result
from taizhang.people.models.posts import Contract, Post
from taizhang.people.models.rounds import Application, Round, RoundObjection, RoundPost

__all__ = ["Committee", "Contract", "Cycle", "Grade", "Post", "Result"]
__all__ += ["Application", "Round", "RoundObjection", "RoundPost"]
