"""刚性淘汰: which grades over which cycles lead to which recommendation. The rules are data (a unit's versions are
stored as JSON, `EliminationRuleSet`); these functions apply them to a person's grades by cycle.

A rule fires for the cycle being decided (the last of the history) only when that cycle's grade is the rule's
grade: an old 不合格 is not recommended on again in every later cycle. `within` counts the cycles looked at (the
current one and those before it, including cycles the person was not assessed in); `in_a_row` asks that the last
`count` cycles all have the grade (a cycle without a grade breaks the row).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

STANDBY = "standby"  # 待岗培训
DISMISS = "dismiss"  # 解聘/不续聘 (the committee decides which)
ACTIONS = {STANDBY: "待岗培训", DISMISS: "解聘/不续聘"}
GRADES = {"excellent": "优秀", "pass": "合格", "basic": "基本合格", "fail": "不合格"}


class RuleRefused(ValueError):
    pass


@dataclass(frozen=True)
class Rule:
    code: str
    grade: str
    count: int
    within: int
    in_a_row: bool
    action: str

    @property
    def text(self) -> str:
        grade = GRADES[self.grade]
        if self.in_a_row:
            condition = f"连续 {self.count} 个周期{grade}"
        elif self.count == 1 and self.within == 1:
            condition = f"本周期{grade}"
        else:
            condition = f"最近 {self.within} 个周期内{grade} {self.count} 次"
        return f"{condition} → {ACTIONS[self.action]}"


DEFAULT_RULES = (
    Rule("R1", "fail", 1, 1, False, STANDBY),
    Rule("R2", "fail", 2, 4, False, DISMISS),
    Rule("R3", "basic", 3, 3, True, DISMISS),
)


@dataclass(frozen=True)
class Recommendation:
    rule: Rule
    cycles: tuple[str, ...]  # the cycles behind it, oldest first

    @property
    def reason(self) -> str:
        return f"{self.rule.text}（{'、'.join(self.cycles)}）"


def recommend(history: Sequence[tuple[str, str | None]], rules: Sequence[Rule] = DEFAULT_RULES) -> list[Recommendation]:
    """The recommendations for the last cycle of `history` ((cycle code, grade or None), oldest first), in the
    order of the rules."""
    if not history or history[-1][1] is None:
        return []
    found = []
    for rule in rules:
        if history[-1][1] != rule.grade:
            continue
        if rule.in_a_row:
            tail = history[-rule.count :]
            hit = len(tail) == rule.count and all(grade == rule.grade for _, grade in tail)
            cycles = tuple(code for code, _ in tail)
        else:
            cycles = tuple(code for code, grade in history[-rule.within :] if grade == rule.grade)
            hit = len(cycles) >= rule.count
        if hit:
            found.append(Recommendation(rule, cycles))
    return found


def rules_to_json(rules: Sequence[Rule]) -> list[dict]:
    return [asdict(rule) for rule in rules]


def rules_from_json(data) -> tuple[Rule, ...]:
    """Rules from stored or submitted JSON; anything malformed is refused with the rule's number and the reason."""
    if not isinstance(data, list) or not data:
        raise RuleRefused("淘汰规则应至少有一条")
    rules = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise RuleRefused(f"第 {number} 条规则格式不对")
        try:
            rule = Rule(
                code=str(item["code"])[:8],
                grade=str(item["grade"]),
                count=int(item["count"]),
                within=int(item["within"]),
                in_a_row=bool(item["in_a_row"]),
                action=str(item["action"]),
            )
        except (KeyError, TypeError, ValueError):
            raise RuleRefused(f"第 {number} 条规则缺少或写错了项目（等次、次数、周期数、处理）")
        if rule.grade not in ("basic", "fail"):
            raise RuleRefused(f"第 {number} 条规则的等次应为“基本合格”或“不合格”")
        if rule.action not in ACTIONS:
            raise RuleRefused(f"第 {number} 条规则的处理应为“待岗培训”或“解聘/不续聘”")
        if not 1 <= rule.count <= 12 or not 1 <= rule.within <= 12:
            raise RuleRefused(f"第 {number} 条规则的次数和周期数应在 1 到 12 之间")
        if rule.count > rule.within and not rule.in_a_row:
            raise RuleRefused(f"第 {number} 条规则的次数不能多于周期数")
        rules.append(rule)
    return tuple(rules)
