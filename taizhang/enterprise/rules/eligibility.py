"""惠企政策 as data: a clause's conditions over an enterprise's facts and its amount formula, checked when saved and
evaluated for 免申即享 without anyone applying.

A condition is {"field", "op", "value"}. Fields: the tags (四新 is any of 新技术/新产业/新业态/新模式), a figure of the
policy year or of the year before (amounts in 万元, 研发投入强度 and 营业收入增长率 in %, 亩均税收 in 万元/亩), the land
in 亩, whole years since settling in the zone, the park, the chain, the year's city subsidy in 元. Ops: ≥ ≤ > < = ≠ and
"in" (one of several values, separated by 、).

A formula is one of:
- {"kind": "fixed", "amount": 元}
- {"kind": "rate", "of": a figure field, "rate": %, "cap": 元 or ""}: the figure (万元 × 10000) × rate, capped
- {"kind": "topup", "rate": %}: the year's city subsidy × rate (the zone's 四新 +30 %)
- {"kind": "tiers", "of": a figure field, "tiers": [{"from": threshold, "amount": 元}, …]}: the highest tier reached
Every amount is in 元, rounded half up to the fen. An enterprise no longer in the zone qualifies for nothing."""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from taizhang.enterprise.rules import figures as figure_rules

FEN = Decimal("0.01")
ZERO = Decimal(0)
WAN = Decimal(10000)
HUNDRED = Decimal(100)
LARGEST = Decimal("1e11")

TAG_FIELDS = {
    "four_new": "四新",
    "tag_new_technology": "新技术",
    "tag_new_industry": "新产业",
    "tag_new_format": "新业态",
    "tag_new_model": "新模式",
    "tag_high_tech": "高新技术企业",
    "tag_above_scale": "规上",
    "tag_specialized": "专精特新",
}
FIGURES = {
    "revenue": "营业收入",
    "tax": "税收",
    "output": "工业总产值",
    "rd": "研发投入",
    "rd_intensity": "研发投入强度",
    "tax_per_mu": "亩均税收",
    "revenue_growth": "营业收入增长率",
}
# A figure of the policy year is its code; of the year before, "prev_" + its code (no growth before the year before).
FIGURE_FIELDS = {code: f"本年{label}" for code, label in FIGURES.items()} | {
    f"prev_{code}": f"上年{label}" for code, label in FIGURES.items() if code != "revenue_growth"
}
NUMBER_FIELDS = FIGURE_FIELDS | {
    "land_mu": "用地面积（亩）",
    "years_settled": "入园年数",
    "city_subsidy": "市级补贴（元）",
}
TEXT_FIELDS = {"park": "园区", "chain": "产业链"}
FIELDS = {**TAG_FIELDS, **NUMBER_FIELDS, **TEXT_FIELDS}
# A figure named without 本年/上年 is of the policy year.
BY_LABEL = {label: code for code, label in FIGURES.items()} | {label: code for code, label in FIELDS.items()}

NUMBER_OPS = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
    "=": operator.eq,
    "!=": operator.ne,
}
OP_LABELS = {">=": "≥", "<=": "≤", ">": "＞", "<": "＜", "=": "＝", "!=": "≠", "in": "属于"}
OP_BY_TEXT = (
    {label: op for op, label in OP_LABELS.items()}
    | {op: op for op in OP_LABELS}
    | {
        "≥": ">=",
        "≤": "<=",
        ">": ">",
        "<": "<",
        "=": "=",
        "==": "=",
        "≠": "!=",
        "＝": "=",
        "＞": ">",
        "＜": "<",
    }
)
YES = {"是", "有", "true", "1"}
NO = {"否", "无", "false", "0"}

FIXED, RATE, TOPUP, TIERS = "fixed", "rate", "topup", "tiers"
FORMULA_KINDS = {FIXED: "定额", RATE: "按比例（可封顶）", TOPUP: "市级补贴配套（四新 +30%）", TIERS: "分档"}


class RuleError(ValueError):
    """A clause that cannot be saved; the message names the clause and the bad part, in Chinese."""


@dataclass(frozen=True)
class Facts:
    """What the rules know of one enterprise for one policy year."""

    tags: frozenset[str] = frozenset()
    numbers: Mapping[str, Decimal | None] = field(default_factory=dict)
    park: str = ""
    chain: str = ""
    active: bool = True


@dataclass(frozen=True)
class Outcome:
    eligible: bool
    amount: Decimal  # 元 to the fen; 0 when not eligible
    reasons: tuple[str, ...]  # why (met conditions and how the amount came) or why not (the first unmet condition)


# ---- reading conditions and formulas as data ----


def _decimal(text, what: str) -> Decimal:
    try:
        value = Decimal(str(text).strip().replace(",", "").replace("，", ""))
    except InvalidOperation:
        raise RuleError(f"{what}“{str(text)[:20]}”不是数字")
    if not value.is_finite() or abs(value) >= LARGEST:
        raise RuleError(f"{what}“{str(text)[:20]}”不是有效的数字")
    return value


def parse_money(text, what: str) -> Decimal:
    value = _decimal(text, what)
    if value < 0:
        raise RuleError(f"{what}不能为负数")
    if value != value.quantize(FEN):
        raise RuleError(f"{what}最多精确到分（两位小数）")
    return value


def check_condition(condition: Mapping) -> dict:
    """The condition in its stored form, or RuleError naming what is wrong."""
    if not isinstance(condition, Mapping):
        raise RuleError("条件应包含字段、比较和数值")
    code = condition.get("field", "")
    code = BY_LABEL.get(code, code)
    if code not in FIELDS:
        raise RuleError(f"字段“{str(code)[:20]}”不认识；可用的字段：{'、'.join(FIELDS.values())}")
    label = FIELDS[code]
    op = OP_BY_TEXT.get(str(condition.get("op", "")).strip())
    value = str(condition.get("value", "")).strip()
    if op is None:
        raise RuleError(f"“{label}”的比较“{condition.get('op', '')}”不认识；可用：≥ ≤ ＞ ＜ ＝ ≠ 属于")
    if code in TAG_FIELDS:
        if op != "=" or value not in YES | NO:
            raise RuleError(f"标签“{label}”只能写“{label} = 是”或“{label} = 否”")
        return {"field": code, "op": "=", "value": "是" if value in YES else "否"}
    if code in TEXT_FIELDS:
        if op not in ("=", "!=", "in") or not value:
            raise RuleError(f"“{label}”只能用 ＝、≠ 或 属于，并写上名称")
        return {"field": code, "op": op, "value": value}
    if op == "in":
        raise RuleError(f"数值字段“{label}”不能用“属于”")
    if not value:
        raise RuleError(f"“{label}”缺少比较的数值")
    return {"field": code, "op": op, "value": str(_decimal(value, f"“{label}”的数值"))}


def _figure(code, what: str) -> str:
    code = BY_LABEL.get(code, code)
    if code not in NUMBER_FIELDS or code in ("years_settled",):
        raise RuleError(
            f"{what}“{str(code)[:20]}”不认识；可用：{'、'.join(FIGURE_FIELDS.values())}、用地面积（亩）、市级补贴（元）"
        )
    return code


def check_formula(formula: Mapping) -> dict:
    """The formula in its stored form, or RuleError naming what is wrong."""
    if not isinstance(formula, Mapping) or formula.get("kind") not in FORMULA_KINDS:
        raise RuleError(f"金额计算方式应为：{'、'.join(FORMULA_KINDS.values())}")
    kind = formula["kind"]
    if kind == FIXED:
        amount = parse_money(formula.get("amount", ""), "定额金额")
        if not amount:
            raise RuleError("定额金额应大于 0")
        return {"kind": kind, "amount": str(amount)}
    if kind == TOPUP:
        rate = _decimal(formula.get("rate", ""), "配套比例")
        if not 0 < rate <= 100:
            raise RuleError("配套比例应在 0—100% 之间")
        return {"kind": kind, "rate": str(rate)}
    of = _figure(formula.get("of", ""), "计算依据")
    if kind == RATE:
        rate = _decimal(formula.get("rate", ""), "比例")
        if not 0 < rate <= 100:
            raise RuleError("比例应在 0—100% 之间")
        cap = str(formula.get("cap", "") or "").strip()
        return {"kind": kind, "of": of, "rate": str(rate), "cap": str(parse_money(cap, "封顶金额")) if cap else ""}
    tiers = formula.get("tiers") or []
    if not tiers:
        raise RuleError("分档至少要有一档（起点和金额）")
    checked, last = [], None
    for n, tier in enumerate(tiers, start=1):
        start = _decimal(tier.get("from", ""), f"第{n}档的起点")
        amount = parse_money(tier.get("amount", ""), f"第{n}档的金额")
        if last is not None and start <= last:
            raise RuleError(f"第{n}档的起点应大于上一档（{last}）")
        checked.append({"from": str(start), "amount": str(amount)})
        last = start
    return {"kind": kind, "of": of, "tiers": checked}


def check_clause(code: str, conditions: Sequence[Mapping], formula: Mapping) -> tuple[list[dict], dict]:
    """A clause's conditions and formula in stored form; RuleError naming the clause and the bad part."""
    name = code or "该条款"
    checked = []
    for n, condition in enumerate(conditions, start=1):
        try:
            checked.append(check_condition(condition))
        except RuleError as exc:
            raise RuleError(f"{name}第{n}个条件：{exc}") from None
    try:
        formula = check_formula(formula)
    except RuleError as exc:
        raise RuleError(f"{name}的金额计算：{exc}") from None
    if formula["kind"] == TOPUP and not any(c["field"] == "four_new" and c["value"] == "是" for c in checked):
        raise RuleError(f"{name}：市级补贴配套只给四新企业，请加上条件“四新 = 是”")
    return checked, formula


def parse_conditions(text: str) -> list[dict]:
    """Conditions as an office types them, one a line: "上年研发投入 ≥ 500", "四新 = 是", "园区 属于 食品饮料城、智能制造城"."""
    found = []
    for n, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        parts = line.split(None, 2)
        if len(parts) != 3:
            for op in sorted(OP_BY_TEXT, key=len, reverse=True):
                if op in line and op != "in":
                    left, right = line.split(op, 1)
                    parts = [left.strip(), op, right.strip()]
                    break
        if len(parts) != 3:
            raise RuleError(f"第{n}行“{line[:30]}”应写成“字段 比较 数值”，如“上年研发投入 ≥ 500”")
        found.append({"field": parts[0], "op": parts[1], "value": parts[2]})
    return found


def condition_text(condition: Mapping) -> str:
    return f"{FIELDS[condition['field']]} {OP_LABELS[condition['op']]} {condition['value']}"


def formula_text(formula: Mapping) -> str:
    kind = formula["kind"]
    if kind == FIXED:
        return f"定额 {Decimal(formula['amount']):,} 元"
    if kind == TOPUP:
        return f"市级补贴 × {formula['rate']}%"
    if kind == RATE:
        cap = f"，最高 {Decimal(formula['cap']):,} 元" if formula.get("cap") else ""
        return f"{NUMBER_FIELDS[formula['of']]} × {formula['rate']}%{cap}"
    steps = "；".join(f"≥{t['from']}：{Decimal(t['amount']):,} 元" for t in formula["tiers"])
    return f"按{NUMBER_FIELDS[formula['of']]}分档（{steps}）"


# ---- evaluating ----


def plain(value: Decimal) -> str:
    """A figure as a reason shows it: 600.0000 → 600, 12.50 → 12.5."""
    return f"{value.normalize():f}"


def _in_yuan(code: str, value: Decimal) -> Decimal:
    """A figure as the rate formula multiplies it: amounts in 万元 become 元; the city subsidy is already in 元."""
    if code == "city_subsidy" or code in ("land_mu",):
        return value
    base = code.removeprefix("prev_")
    return value if base in ("rd_intensity", "tax_per_mu", "revenue_growth") else value * WAN


def _condition_test(condition: Mapping) -> tuple[Callable[[Facts], bool], Callable[[Facts], str]]:
    """The condition as a test (cheap: run for every enterprise) and an explanation (only for the reasons shown)."""
    code, op, value = condition["field"], condition["op"], condition["value"]
    text = condition_text(condition)
    if code in TAG_FIELDS:
        want = value == "是"
        if code == "four_new":
            return (lambda facts: facts.tags.isdisjoint(FOUR_NEW_TAGS) is not want), (lambda facts: text)
        return (lambda facts: (code in facts.tags) is want), (lambda facts: text)
    if code in TEXT_FIELDS:
        choices = {v.strip() for v in value.split("、")} if op == "in" else {value}
        negate = op == "!="
        return (lambda facts: (getattr(facts, code) in choices) is not negate), (lambda facts: text)
    compare, limit = NUMBER_OPS[op], Decimal(value)

    def test(facts: Facts) -> bool:
        actual = facts.numbers.get(code)
        return actual is not None and compare(actual, limit)

    def explain(facts: Facts) -> str:
        actual = facts.numbers.get(code)
        return f"{FIELDS[code]}：无数据" if actual is None else f"{text}（实际 {plain(actual)}）"

    return test, explain


FOUR_NEW_TAGS = frozenset(code for code in TAG_FIELDS if code.startswith("tag_new_"))


def amount(formula: Mapping, facts: Facts) -> tuple[Decimal | None, str]:
    """The formula's amount in 元 to the fen (None when the data it needs is missing) and how it came."""
    kind = formula["kind"]
    if kind == FIXED:
        value = Decimal(formula["amount"])
        return value, f"定额 {value:,} 元"
    if kind == TOPUP:
        city = facts.numbers.get("city_subsidy")
        if not city:
            return None, "本年度没有市级补贴"
        value = (city * Decimal(formula["rate"]) / HUNDRED).quantize(FEN, rounding=ROUND_HALF_UP)
        return value, f"市级补贴 {city:,} 元 × {formula['rate']}% = {value:,} 元"
    of = formula["of"]
    base = facts.numbers.get(of)
    if base is None:
        return None, f"{NUMBER_FIELDS[of]}：无数据"
    if kind == RATE:
        exact = _in_yuan(of, base) * Decimal(formula["rate"]) / HUNDRED
        value = exact.quantize(FEN, rounding=ROUND_HALF_UP)
        how = f"{NUMBER_FIELDS[of]} {plain(base)} × {formula['rate']}% = {value:,} 元"
        if formula.get("cap") and value > Decimal(formula["cap"]):
            value = Decimal(formula["cap"])
            how += f"，封顶 {value:,} 元"
        return max(value, Decimal(0)), how
    reached = [t for t in formula["tiers"] if base >= Decimal(t["from"])]
    if not reached:
        return Decimal(0), f"{NUMBER_FIELDS[of]} {base} 未达最低档 {formula['tiers'][0]['from']}"
    tier = reached[-1]
    return Decimal(tier["amount"]), f"{NUMBER_FIELDS[of]} {base} ≥ {tier['from']}：{Decimal(tier['amount']):,} 元"


@dataclass(frozen=True)
class Compiled:
    """A clause made ready to evaluate many enterprises (the conditions' tests built once)."""

    tests: tuple[Callable[[Facts], bool], ...]
    explanations: tuple[Callable[[Facts], str], ...]
    formula: Mapping


def compile_clause(conditions: Sequence[Mapping], formula: Mapping) -> Compiled:
    built = [_condition_test(c) for c in conditions]
    return Compiled(tuple(t for t, _ in built), tuple(e for _, e in built), formula)


def evaluate(clause: Compiled | tuple[Sequence[Mapping], Mapping], facts: Facts) -> Outcome:
    """Whether the enterprise qualifies, the amount in 元 to the fen, and the reasons (or the first reason why not)."""
    if not isinstance(clause, Compiled):
        clause = compile_clause(*clause)
    if not facts.active:
        return Outcome(False, ZERO, ("企业已不在园区",))
    for n, test in enumerate(clause.tests):
        if not test(facts):
            return Outcome(False, ZERO, (f"不符合：{clause.explanations[n](facts)}",))
    value, how = amount(clause.formula, facts)
    if not value:
        return Outcome(False, ZERO, (f"金额为零：{how}",))
    return Outcome(True, value, (*(explain(facts) for explain in clause.explanations), how))


def facts_of(
    *,
    tags: frozenset[str],
    year: Mapping[str, Decimal | None],
    prev: Mapping[str, Decimal | None],
    land_mu: Decimal | None,
    settled_on: date | None,
    policy_year: int,
    park: str = "",
    chain: str = "",
    city_subsidy: Decimal | None = None,
    active: bool = True,
) -> Facts:
    """The facts from an enterprise's figures of the policy year and the year before (each {revenue, tax, output,
    rd} in 万元), its land and settling date."""
    numbers: dict[str, Decimal | None] = {"land_mu": land_mu, "city_subsidy": city_subsidy}
    numbers["years_settled"] = Decimal(policy_year - settled_on.year) if settled_on else None
    for prefix, figures in (("", year), ("prev_", prev)):
        for code in ("revenue", "tax", "output", "rd"):
            numbers[prefix + code] = figures.get(code)
        numbers[prefix + "rd_intensity"] = figure_rules.rd_intensity(figures.get("rd"), figures.get("revenue"))
        numbers[prefix + "tax_per_mu"] = figure_rules.tax_per_mu(figures.get("tax"), land_mu)
    numbers["revenue_growth"] = growth(year.get("revenue"), prev.get("revenue"))
    return Facts(tags=frozenset(tags), numbers=numbers, park=park or "", chain=chain or "", active=active)


def growth(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    """营业收入增长率 in %, to 0.01, half up; None without a base."""
    if now is None or not before:
        return None
    return ((now - before) * HUNDRED / before).quantize(FEN, rounding=ROUND_HALF_UP)


def clawback_due(*, paid_on: date | None, left_on: date | None, years: int | None) -> bool:
    """A paid grant is to be recovered when the enterprise left the zone within `years` of the payment."""
    if not years or paid_on is None or left_on is None or left_on < paid_on:
        return False
    try:
        limit = paid_on.replace(year=paid_on.year + years)
    except ValueError:  # paid on 29 February
        limit = date(paid_on.year + years, 3, 1)
    return left_on < limit
