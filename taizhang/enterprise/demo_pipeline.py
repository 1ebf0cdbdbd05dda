"""The investment pipeline of the demo zone (济北开发区): four 外派招商站 plus 链长招商 and 以商招商, about forty projects
along the pipeline with their stage histories and evidence, follow-ups (some due), a few stuck, a few dropped, two
behind what their contracts promised, and credit splits — all through the services, as the zone's admin and its
investment officers would enter them. Idempotent: stations and projects already there (by name) are left alone."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from taizhang.core import clock
from taizhang.enterprise import pipeline
from taizhang.enterprise.models import Chain, Enterprise, Project, Station
from taizhang.enterprise.rules import pipeline as rules
from taizhang.enterprise.rules.stages import CODES, INDEX
from taizhang.org.models import Role, User

STATIONS = [
    ("美国招商站", Station.Kind.STATION, "美国"),
    ("日本招商站", Station.Kind.STATION, "日本"),
    ("台湾招商站", Station.Kind.STATION, "台湾"),
    ("香港招商站", Station.Kind.STATION, "中国香港"),
    ("链长招商", Station.Kind.CHAIN, ""),
    ("以商招商", Station.Kind.REFERRAL, ""),
]
INVESTORS = {  # neutral names: any of them may bring any of the products
    "美国招商站": ["美国某集团", "美国某科技公司", "美国某投资基金"],
    "日本招商站": ["日本某株式会社", "日本某商社", "日本某工业株式会社"],
    "台湾招商站": ["台湾某股份有限公司", "台商某集团", "台湾某实业"],
    "香港招商站": ["香港某投资控股", "香港某实业公司"],
    "链长招商": ["山东某集团", "某央企", "济南某实业集团"],
    "以商招商": ["园区企业引荐的客商", "园区企业的合作方", "园区企业的关联公司"],
}
PRODUCTS = [
    "特医食品生产线",
    "智能装备制造基地",
    "冷链物流中心",
    "精密零部件",
    "功能饮品",
    "工业机器人整机",
    "营养健康食品",
    "新能源电控",
    "食品包装材料",
    "数字化车间",
]
# Where the forty projects stand: (stage, how many).
SPREAD = [
    ("lead", 6),
    ("talks", 7),
    ("signed", 6),
    ("registered", 4),
    ("land", 4),
    ("started", 5),
    ("producing", 5),
    ("performing", 3),
]
EVIDENCE = {
    "signed": "投资合同.pdf",
    "registered": "营业执照.pdf",
    "land": "土地出让合同.pdf",
    "started": "施工许可证.pdf",
    "producing": "投产备案.pdf",
    "performing": "达效核验报告.pdf",
}
DROP_REASONS = ["投资方资金链紧张，暂缓投资", "选址转向外省园区", "环评条件不符合要求", "投资方战略调整"]
STUCK, DROPPED = {2, 9, 15, 21}, {1, 8, 14}  # by project number


def _pdf(name: str, project: str) -> SimpleUploadedFile:
    body = f"%PDF-1.4\n% {project} {name}\n".encode()
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def _actors(unit) -> tuple[User | None, list[User]]:
    staff = User.objects.filter(unit_id=unit.pk, is_active=True)
    admin = staff.filter(role=Role.UNIT_ADMIN).order_by("pk").first()
    officers = list(
        staff.filter(node__name="投资促进部", role__in=[Role.FIELD_WORKER, Role.GROUP_LEADER]).order_by("pk")
    )
    if not officers:
        officers = list(staff.filter(role__in=[Role.FIELD_WORKER, Role.GROUP_LEADER]).order_by("pk")) or [admin]
    return admin, [o for o in officers if o is not None]


def _stations(unit, admin) -> list[Station]:
    existing = {s.name: s for s in Station.objects.filter(unit_id=unit.pk)}
    for name, kind, region in STATIONS:
        if name not in existing:
            existing[name] = pipeline.station_save(actor=admin, unit_id=unit.pk, name=name, kind=kind, region=region)
    return [existing[name] for name, _, _ in STATIONS]


def _dates(rng: random.Random, target: str, today: date, stuck: bool) -> list[date]:
    """The day each stage up to `target` was reached, working back from today: the current stage for less than its
    usual time (more when stuck), each earlier one for a share of its own."""
    usual = rules.DEFAULT_USUAL_DAYS
    current = usual[target] or 400
    days_in = rng.randint(current + 20, current * 2) if stuck else rng.randint(5, max(6, current * 2 // 3))
    day = today - timedelta(days=days_in)
    days = [day]
    for code in reversed(CODES[: INDEX[target]]):
        day -= timedelta(days=rng.randint(max(1, usual[code] // 4), usual[code] * 3 // 4))
        days.append(day)
    return list(reversed(days))


def _wan(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _promise(project: Project, enterprise: Enterprise, behind: bool) -> dict:
    """A contract promise from the enterprise's latest figures: a little below them (kept), or well above (behind)."""
    latest = enterprise.figures.order_by("-year").first()
    land = enterprise.land_mu or Decimal(50)
    if latest is None or not latest.output or not latest.tax:
        return {"land_mu": land}
    factor = Decimal("1.4") if behind else Decimal("0.8")
    return {
        "land_mu": land,
        "promise_year": latest.year,
        "promised_output_per_mu": _wan(latest.output / land * factor),
        "promised_tax_per_mu": _wan(latest.tax / land * factor),
        "actual_investment": _wan((project.planned_investment or Decimal(0)) * Decimal("0.9")),
        "registered_capital": _wan((project.planned_investment or Decimal(0)) / 5),
        "paid_in_capital": _wan((project.planned_investment or Decimal(0)) / 6),
    }


def build(*, unit, seed: int, today: date) -> None:
    admin, officers = _actors(unit)
    if admin is None or not officers:
        return
    rng = random.Random(seed)
    with clock.frozen(today):
        stations = _stations(unit, admin)
        chains = list(Chain.objects.filter(unit_id=unit.pk).order_by("sort_order", "pk"))
        enterprises = list(Enterprise.objects.filter(unit_id=unit.pk, status=Enterprise.Status.ACTIVE).order_by("pk"))
        taken = set(Project.objects.filter(unit_id=unit.pk).values_list("name", flat=True))
        targets = [stage for stage, count in SPREAD for _ in range(count)]
        behind_left = 2
        for n, target in enumerate(targets):
            station = stations[n % len(stations)]
            investors = INVESTORS[station.name]
            investor = investors[(n // len(stations)) % len(investors)]
            name = f"{investor.removesuffix('公司')}{PRODUCTS[n % len(PRODUCTS)]}项目"  # unique for n < 60
            officer = officers[n % len(officers)]
            dates = _dates(rng, target, today, stuck=n in STUCK)
            if name in taken:
                continue
            taken.add(name)
            reached_producing = INDEX[target] >= INDEX["producing"]
            enterprise = enterprises[n % len(enterprises)] if enterprises and INDEX[target] >= 3 else None
            project = pipeline.project_create(
                actor=officer,
                unit_id=unit.pk,
                name=name,
                investor=investor,
                chain=chains[n % len(chains)] if chains else None,
                source=station,
                officer=officer,
                enterprise=enterprise,
                planned_investment=Decimal(rng.randrange(5, 120) * 1000),
                stage="lead",
                stage_on=dates[0],
            )
            for code, on in zip(CODES[1 : INDEX[target] + 1], dates[1:], strict=True):
                evidence = _pdf(EVIDENCE[code], name) if rules.evidence_required(code) else None
                pipeline.stage_move(
                    actor=officer, project=project, target=code, on=on, owner=officer, evidence=evidence
                )
            if enterprise is not None and reached_producing:
                behind = behind_left > 0 and target == "producing"
                behind_left -= behind
                pipeline.project_update(actor=officer, project=project, **_promise(project, enterprise, behind))
            if len(officers) > 1 and n % 5 == 0:
                partner = officers[(n + 1) % len(officers)]
                pipeline.credits_set(
                    actor=officer, project=project, shares=[(officer, Decimal(60)), (partner, Decimal(40))]
                )
            _follow_ups(rng, officer, project, dates[-1], today, due=n % 4 == 0)
            if n in DROPPED:
                reason = DROP_REASONS[n % len(DROP_REASONS)]
                on = min(today, dates[-1] + timedelta(days=rng.randint(10, 40)))
                pipeline.project_drop(actor=officer, project=project, on=on, reason=reason)


def _follow_ups(rng: random.Random, officer, project: Project, since: date, today: date, *, due: bool) -> None:
    """One or two follow-ups since the project's last stage; the last one's next action due already when `due`."""
    if project.stage == "performing":
        return
    span = max(1, (today - since).days)
    first = since + timedelta(days=rng.randint(0, span // 2))
    pipeline.follow_up_add(actor=officer, project=project, happened_on=first, summary="电话沟通项目进展，了解企业需求")
    last = min(today, first + timedelta(days=rng.randint(1, 20)))
    next_on = today - timedelta(days=rng.randint(1, 10)) if due else today + timedelta(days=rng.randint(5, 30))
    pipeline.follow_up_add(
        actor=officer,
        project=project,
        happened_on=last,
        summary="上门走访，协调解决用地、用电等问题",
        next_action="跟进手续办理进度",
        next_on=max(next_on, last),
    )
