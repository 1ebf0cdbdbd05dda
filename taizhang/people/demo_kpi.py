"""The demo's assessment (KPI考核) of 济北开发区: the two quarters before the current one assessed, locked and paid,
the current one open with its plans, the first reviews and enterprises' rating links. Plans and reviews go in as
the committee imports them (the KPI and 360° ledgers); each step happens on the day it would have, so the pages
read like a zone half a year into the scheme. A quarter already there is left alone."""

from __future__ import annotations

import io
import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from taizhang.core import clock
from taizhang.documents.tabular import write_csv
from taizhang.imports.ledgers import declared
from taizhang.imports.services import import_run
from taizhang.people import appeals, assessment, elimination, kpi, kpi_import, pay, reviews
from taizhang.people.ledgers_kpi import cycle_target
from taizhang.people.models import Cycle, Grade, Recommendation, Result
from taizhang.people.rules import kpi as rules

# department → (indicator, weight, method, target, deduction per occurrence)
INDICATORS = {
    "党政办公室": [
        ("公文办理及时率（%）", 30, "线性", "100", None),
        ("信息报送采用数（篇）", 25, "线性", "12", None),
        ("督办事项按期办结率（%）", 25, "达标", "95", None),
        ("公文差错次数（次）", 20, "扣分", None, "5"),
    ],
    "经济发展部": [
        ("规上工业增加值增速（%）", 30, "线性", "8", None),
        ("新增规上企业（家）", 25, "线性", "3", None),
        ("单位增加值能耗（吨标准煤/万元）", 20, "反向", "0.52", None),
        ("企业服务满意度（%）", 25, "线性", "95", None),
    ],
    "投资促进部": [
        ("招商引资签约额（亿元）", 40, "线性", "2", None),
        ("项目落地数（个）", 30, "线性", "3", None),
        ("在谈项目储备（个）", 15, "线性", "5", None),
        ("企业服务满意度（%）", 15, "线性", "95", None),
    ],
    "规划建设部": [
        ("重点项目开工率（%）", 35, "线性", "100", None),
        ("规划许可办结数（件）", 25, "线性", "8", None),
        ("工程质量抽检合格率（%）", 20, "达标", "98", None),
        ("安全生产事故（起）", 20, "扣分", None, "10"),
    ],
    "财政金融部": [
        ("一般公共预算收入（亿元）", 35, "线性", "6.5", None),
        ("企业融资对接额（亿元）", 25, "线性", "2", None),
        ("预算支出执行率（%）", 20, "线性", "95", None),
        ("审计问题整改率（%）", 20, "达标", "100", None),
    ],
    "行政审批部": [
        ("审批办结时限达标率（%）", 35, "达标", "98", None),
        ("企业服务满意度（%）", 25, "线性", "95", None),
        ("即办件占比（%）", 20, "线性", "60", None),
        ("群众投诉次数（次）", 20, "扣分", None, "5"),
    ],
}
COUNTED = ("（篇）", "（家）", "（个）", "（件）", "（次）", "（起）")  # whole numbers
SERVED = ("经济发展部", "投资促进部", "行政审批部")  # rated by the enterprises they serve too
ENTERPRISES = [
    "济北智能装备有限公司",
    "山东鑫源新材料有限公司",
    "济南华辰生物科技有限公司",
    "齐鲁汽车零部件有限公司",
    "济阳恒通物流有限公司",
    "山东澳亚纺织有限公司",
]
KPI_HEADER = kpi_import.KPI_COLUMNS + kpi_import.KPI_OPTIONAL
REVIEW_HEADER = kpi_import.REVIEW_COLUMNS + kpi_import.REVIEW_OPTIONAL


def quarter_codes(today: date) -> list[str]:
    """The two quarters before today's and today's, oldest first ("2026Q2", "2026Q3", "2026Q4")."""
    index = today.year * 4 + (today.month - 1) // 3
    return [f"{i // 4}Q{i % 4 + 1}" for i in (index - 2, index - 1, index)]


def _csv(columns, rows) -> bytes:
    stream = io.BytesIO()
    write_csv(stream, columns, rows)
    return stream.getvalue()


def run_import(key: str, target, actor, columns, rows, filename: str):
    """The rows imported as a committee member uploads them on the import pages (a numbered batch)."""
    report, _ = import_run(
        ledger=declared(key), actor=actor, target=target, data=_csv(columns, rows), filename=filename
    )
    if not report.ok:
        raise RuntimeError(f"演示{filename}导入失败：" + "；".join(e.as_text() for e in report.errors[:3]))
    return report


def _import(key: str, cycle: Cycle, actor, columns, rows, filename: str) -> None:
    run_import(key, cycle_target(cycle), actor, columns, rows, filename)


class Cast:
    """Who plays which part: the people the story is about, found by their department and post."""

    def __init__(self, staff):
        self.staff = staff
        self.jb_staff = next(s for s in staff if s.user.username == "jb_staff")
        self.retrained = self._seat("规划建设部", "工程管理岗", 1)  # 不合格 two quarters ago → 待岗培训, then 合格
        self.failing = self._seat("财政金融部", "金融服务岗", 1)  # 不合格 last quarter: a recommendation to decide
        self.appellant = self._seat("投资促进部", "招商专员", 4)  # 基本合格 last quarter: appeals the result, rejected
        weak = [("经济发展部", "企业服务岗", 2), ("投资促进部", "项目服务岗", 2), ("经济发展部", "统计分析岗", 1)]
        weak += [("投资促进部", "招商专员", 3)]
        self.weak = [self._seat(*seat) for seat in weak]  # 基本合格 in one or both quarters

    def _seat(self, department: str, post: str, n: int):
        return [s for s in self.staff if (s.department, s.post) == (department, post)][n]

    def level(self, seed: int, person, quarter: int) -> float:
        """How well the person did in the quarter (1.0: every target met); quarter 0, 1 are the past two."""
        special = {
            (self.jb_staff.user.pk, 0): 0.7,
            (self.jb_staff.user.pk, 1): 0.56,
            (self.retrained.user.pk, 0): 0.6,
            (self.retrained.user.pk, 1): 0.88,
            (self.failing.user.pk, 1): 0.6,
            (self.appellant.user.pk, 1): 0.68,
        }.get((person.user.pk, quarter))
        if person in self.weak[quarter : quarter + 3]:
            special = 0.67
        if special is not None:
            return special
        base = random.Random(f"{seed}:{person.user.username}").triangular(0.64, 1.08, 0.9)
        lowest = 0.85 if person.post in ("部长", "主任") else 0.64
        return max(base + random.Random(f"{seed}:{person.user.username}:{quarter}").uniform(-0.05, 0.05), lowest)


def _actual(rng: random.Random, name: str, method: str, target: str | None, deduction: str | None, level: float):
    """The figure someone working at `level` (1.0: on target) reports for the indicator."""
    f = level * rng.uniform(0.95, 1.05)
    if method == "扣分":
        return str(max(0, round((0.92 - f) * 25 / float(deduction))))
    goal = Decimal(target)
    if method == "反向":
        return f"{goal / Decimal(str(f)):.3f}"
    if method == "达标":
        value = goal + Decimal(str(rng.uniform(0, float(100 - goal)))) if level >= 0.62 else goal - rng.randint(2, 9)
        return f"{min(value, Decimal(100)):.1f}"
    if "%" in name and goal >= 90:  # a rate near 100 %: a weak quarter lowers it by a fraction of the shortfall
        f = 1 - (1 - f) * 0.4
    value = goal * Decimal(str(f))
    if name.endswith(COUNTED):
        return str(int(value + Decimal("0.5")))
    if "%" in name:
        return f"{min(value, Decimal(100)):.1f}"
    return f"{value:.2f}"


def _plan_rows(staff, levels: dict[int, float | None], rng: random.Random) -> list[list]:
    rows = []
    for person in staff:
        level = levels.get(person.user.pk)
        for name, weight, method, target, deduction in INDICATORS[person.department]:
            actual = _actual(rng, name, method, target, deduction, level) if level is not None else ""
            evidence = "办公系统统计" if person.department == "党政办公室" else "部门台账"
            rows.append(
                [person.user.username, name, weight, method, target or "", actual, "", "", deduction or "", evidence]
            )
    return rows


def _score(rng: random.Random, base: float, spread: float) -> str:
    return f"{min(max(base + rng.uniform(-spread, spread), 0), 100):.0f}"


def _review_rows(staff, levels: dict[int, float], rng: random.Random, admin) -> list[list]:
    heads = {s.department: s for s in staff if s.post in ("部长", "主任")}
    rows = []
    for person in staff:
        level = levels[person.user.pk]
        base = min(max(58 + 45 * (level - 0.6), 45), 97)
        head = heads[person.department]
        superior = admin.username if head.user == person.user else head.user.username
        colleagues = [s for s in staff if s.department == person.department and s.user != person.user]
        rows.append([person.user.username, "上级", superior, _score(rng, base, 4), ""])
        for peer in rng.sample(colleagues, 2):
            rows.append([person.user.username, "同事", peer.user.username, _score(rng, base, 6), ""])
        if person.department in SERVED:
            rows.append([person.user.username, "服务对象", rng.choice(ENTERPRISES), _score(rng, base, 8), ""])
        rows.append([person.user.username, "本人", person.user.username, f"{min(base + 10, 98):.0f}", ""])
    return rows


def _day(day: date, today: date) -> date:
    return min(day, today)


def build(*, unit, staff, committee, admin, seed: int, write) -> None:
    today = clock.today()
    cast = Cast(staff)
    codes = quarter_codes(today)
    for quarter, code in enumerate(codes[:2]):
        if not Cycle.objects.filter(unit=unit, code=code).exists():
            with transaction.atomic():
                _past_quarter(unit, code, quarter, cast, committee, admin, seed, today, write)
    if not Cycle.objects.filter(unit=unit, code=codes[2]).exists():
        with transaction.atomic():
            _current_quarter(unit, codes[2], cast, committee, seed, today, write)


def _past_quarter(unit, code: str, quarter: int, cast: Cast, committee, admin, seed: int, today: date, write) -> None:
    rng = random.Random(f"{seed}:{code}")
    _, _, starts_on, ends_on = rules.parse_cycle(code)
    with clock.frozen(starts_on + timedelta(days=1)):
        cycle = kpi.cycle_open(actor=committee, unit_id=unit.pk, code=code)
    levels = {s.user.pk: cast.level(seed, s, quarter) for s in cast.staff}
    with clock.frozen(ends_on + timedelta(days=3)):
        _import("people.kpi", cycle, committee, KPI_HEADER, _plan_rows(cast.staff, levels, rng), f"{code}考核指标.csv")
    with clock.frozen(ends_on + timedelta(days=5)):
        _import(
            "people.reviews",
            cycle,
            committee,
            REVIEW_HEADER,
            _review_rows(cast.staff, levels, rng, admin),
            f"{code}评议.csv",
        )
    with clock.frozen(ends_on + timedelta(days=7)):
        assessment.cycle_assess(actor=committee, cycle=cycle)
    if quarter == 1:
        _calibrate(cycle, cast, committee, ends_on + timedelta(days=8))
    locked_on = _day(ends_on + timedelta(days=10), today)
    with clock.frozen(locked_on):
        assessment.cycle_lock(actor=committee, cycle=cycle)
    if quarter == 1:
        result = Result.objects.get(cycle=cycle, user=cast.appellant.user)
        with clock.frozen(_day(locked_on + timedelta(days=2), today)):
            appeal = appeals.appeal_file(
                actor=cast.appellant.user,
                result=result,
                reason="本季度抽调参加省重点项目专班两个月，部门指标按整季度考核不合理，请求按实际在岗时间核定后重新评定。",
            )
        with clock.frozen(_day(locked_on + timedelta(days=6), today)):
            appeals.appeal_answer(
                actor=committee,
                appeal=appeal,
                upheld=False,
                answer="经核实，专班抽调为一个月，其间的招商任务已按在岗时间折算，维持基本合格。",
            )
    paid_on = _day(locked_on + timedelta(days=5), today)
    with clock.frozen(paid_on):
        sheet = pay.sheet_prepare(actor=committee, cycle=cycle)
        pay.sheet_confirm(actor=admin, sheet=sheet)
    _decide(cycle, cast, committee, quarter, paid_on, today)
    grades = [Grade(g).label for g in Result.objects.filter(cycle=cycle).values_list("grade", flat=True)]
    summary = "、".join(f"{label} {grades.count(label)} 人" for _, label in Grade.choices)
    write(f"{unit.name} {code} 考核：已评定、锁定，绩效薪酬已发放（{summary}）")


def _calibrate(cycle: Cycle, cast: Cast, committee, day: date) -> None:
    """The committee raises the best 基本合格 (not one the story needs) to 合格, with its reason."""
    story = {cast.jb_staff.user.pk, cast.failing.user.pk, cast.appellant.user.pk, cast.retrained.user.pk}
    result = (
        Result.objects.filter(cycle=cycle, grade=Grade.BASIC)
        .exclude(user_id__in=story)
        .order_by("-final_score", "id")
        .first()
    )
    if result is not None:
        with clock.frozen(day):
            assessment.grade_calibrate(
                actor=committee,
                result=result,
                grade=Grade.PASS,
                reason="本季度承担驻企服务专项任务，相关工作未计入岗位指标，经考核委员会研究调整为合格。",
            )


def _decide(cycle: Cycle, cast: Cast, committee, quarter: int, paid_on: date, today: date) -> None:
    """Two quarters ago: 待岗培训 decided and in force. Last quarter: jb_staff's 待岗培训 decided and appealed by him
    (still to be answered); the other recommendation waits for the committee."""
    person = cast.retrained if quarter == 0 else cast.jb_staff
    rec = Recommendation.objects.filter(cycle=cycle, user=person.user, rule_code="R1").first()
    if rec is None:
        return
    decided_on = paid_on + timedelta(days=3) if quarter == 0 else max(paid_on, today - timedelta(days=5))
    with clock.frozen(_day(decided_on, today)):
        rec = elimination.recommendation_decide(
            actor=committee,
            recommendation=rec,
            decision=Recommendation.Decision.STANDBY,
            reason=f"{cycle.code} 考核不合格，按淘汰规则安排待岗培训一个月，培训期满经考核合格后重新上岗。",
        )
    if quarter == 1:
        with clock.frozen(_day(decided_on + timedelta(days=2), today)):
            elimination.appeal_file(
                actor=person.user,
                recommendation=rec,
                text="本季度两个签约项目因企业总部审批延后至下季度，签约额未能计入；请求考虑项目实际进展，撤销待岗培训决定。",
            )


def _current_quarter(unit, code: str, cast: Cast, committee, seed: int, today: date, write) -> None:
    """Open since its first days, the plans imported (actuals come at the quarter's end), some self-reviews, and
    three enterprises invited to rate the staff who serve them, one of whom has."""
    rng = random.Random(f"{seed}:{code}")
    _, _, starts_on, _ = rules.parse_cycle(code)
    with clock.frozen(_day(starts_on + timedelta(days=1), today)):
        cycle = kpi.cycle_open(actor=committee, unit_id=unit.pk, code=code)
    with clock.frozen(_day(starts_on + timedelta(days=8), today)):
        _import("people.kpi", cycle, committee, KPI_HEADER, _plan_rows(cast.staff, {}, rng), f"{code}考核指标.csv")
    selves = [s for s in cast.staff if s.department in ("党政办公室", "行政审批部")]
    rows = [[s.user.username, "本人", s.user.username, rng.randint(86, 96), ""] for s in selves]
    _import("people.reviews", cycle, committee, REVIEW_HEADER, rows, f"{code}自评.csv")
    served = [s for s in cast.staff if s.post in ("招商专员", "审批服务岗")][:3]
    for n, person in enumerate(served):
        invitation = reviews.invitation_create(
            actor=committee, cycle=cycle, subject=person.user, enterprise=ENTERPRISES[n]
        )
        if n == 0:
            reviews.invitation_rate(token=invitation.token, score=Decimal(92), comment="对接及时，帮办手续很专业。")
    write(
        f"{unit.name} {code} 考核中：{len(cast.staff)} 人的考核指标已导入，自评 {len(rows)} 条，服务对象评价邀请 3 个"
    )
