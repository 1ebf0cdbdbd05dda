"""济北开发区's part of the demo (企业服务): its seven parks, the three chains by name (the chains part adds their
links), ~150 enterprises with valid generated codes imported through the enterprise ledger, three years of figures
(the last three full years) through the figures ledger, three that left or closed, then the other areas' demos.
Deterministic for a seed; what is already there is left alone, so re-running changes nothing."""

from __future__ import annotations

import io
import random
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils.module_loading import import_string

from taizhang.core import clock
from taizhang.documents.importing import Target
from taizhang.documents.tabular import write_csv
from taizhang.enterprise import registry, registry_import
from taizhang.enterprise.ledgers_registry import year_target
from taizhang.enterprise.models import Chain, Enterprise, EnterpriseFigure, Park
from taizhang.enterprise.rules.uscc import ALPHABET, with_check
from taizhang.imports.ledgers import declared
from taizhang.imports.services import import_run
from taizhang.org.models import Role, User

ZONE = "济北开发区"
# The other areas' demos, in order (approvals follow the projects, awards and stakes the enterprises): dotted paths to
# `build(*, unit, seed, today)`.
AREA_DEMOS = [
    "taizhang.enterprise.demo_chains.build",
    "taizhang.enterprise.demo_pipeline.build",
    "taizhang.enterprise.demo_approvals.build",
    "taizhang.enterprise.demo_subsidies.build",
    "taizhang.enterprise.demo_awards.build",
    "taizhang.enterprise.demo_fiscal.build",
    "taizhang.enterprise.demo_functions.build",
]

PARKS = [
    ("食品饮料城", 3200),
    ("智能制造城", 4500),
    ("中国特医食品城", 2600),
    ("工信部国际联合智力创新产业园", 1200),
    ("达沃智慧产业园", 900),
    ("智造小镇", 1500),
    ("台湾工业园", 2000),
]
CHAINS = ["食品饮料", "智能制造", "特医食品"]
# chain → (its parks, the words its enterprises are named by)
INDUSTRIES = {
    "食品饮料": (["食品饮料城", "台湾工业园"], ["食品", "饮品", "乳业", "调味品", "粮油", "果蔬", "冷链", "包装"]),
    "智能制造": (
        ["智能制造城", "智造小镇", "台湾工业园"],
        ["智能装备", "精密机械", "电子", "新材料", "机器人", "汽车零部件"],
    ),
    "特医食品": (["中国特医食品城"], ["特医食品", "营养科技", "生物科技", "健康产业", "医用营养"]),
    "": (["工信部国际联合智力创新产业园", "达沃智慧产业园"], ["信息科技", "软件", "数据服务", "检测技术", "科技服务"]),
}
PLACES = ["济南", "山东", "济阳", "齐鲁", "黄河", "鲁北", "泉城", "华鲁", "金正", "瑞丰", "恒信", "新希望", "宏达"]
PLACES += ["鲁中", "嘉禾", "天成", "博瑞", "众合", "海川", "中鼎", "润泽", "汇通", "台福", "昌盛", "德隆"]
SUFFIXES = ["有限公司", "股份有限公司", "科技有限公司"]
FOUR_NEW = ["新技术", "新产业", "新业态", "新模式"]
COUNT = 150
LEAVING = 3  # enterprises that left the zone or closed


def _plan(seed: int, today: date) -> list[dict]:
    """The zone's enterprises as rows of the enterprise ledger (and a few facts the figures are made from)."""
    rng = random.Random(seed)
    codes, names, rows = set(), set(), []
    chains = list(INDUSTRIES)
    while len(rows) < COUNT:
        code = with_check("91370125MA" + "".join(rng.choice(ALPHABET) for _ in range(7)))
        chain = rng.choices(chains, weights=[4, 4, 2, 2])[0]
        parks, words = INDUSTRIES[chain]
        name = f"{rng.choice(PLACES)}{rng.choice(words)}{rng.choice(SUFFIXES)}"
        if code in codes or name in names:
            continue
        codes.add(code)
        names.add(name)
        tags = []
        if rng.random() < 0.2:
            tags.append(rng.choice(FOUR_NEW))
        if rng.random() < 0.3:
            tags.append("规上")
        if rng.random() < 0.12:
            tags.append("高新技术企业")
        if rng.random() < 0.08:
            tags.append("专精特新")
        registered = date(2005, 1, 1) + timedelta(days=rng.randrange((today - date(2005, 1, 1)).days - 400))
        settled = min(registered + timedelta(days=rng.randrange(30, 400)), today - timedelta(days=30))
        rows.append(
            {
                "统一社会信用代码": code,
                "企业名称": name,
                "园区": rng.choice(parks),
                "产业链": chain,
                "标签": "、".join(tags),
                "用地面积": Decimal(rng.randrange(500, 20000)) / 100,
                "成立日期": registered.isoformat(),
                "入园日期": settled.isoformat(),
                "地址": f"{ZONE}{rng.choice(parks)}{rng.randrange(1, 80)}号",
                "联系人": f"{rng.choice('王李张刘陈杨赵黄周吴孙马')}经理",
                "联系电话": f"0531-8{rng.randrange(1000000, 9999999)}",
                "per_mu": rng.randrange(30, 320),  # revenue per 亩 in 万元
                "settled": settled,
            }
        )
    return rows


def _wan(value: float, places: str = "0.0001") -> Decimal:
    return Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _figures(plan: list[dict], year: int, seed: int) -> list[list]:
    """A year's figures of the enterprises settled before it (output and energy only for manufacturing)."""
    rng = random.Random(seed * 10000 + year)
    rows = []
    for row in plan:
        if row["settled"].year >= year:
            continue
        growth = 1.06 ** (year - 2018) * rng.uniform(0.9, 1.1)
        revenue = float(row["用地面积"]) * row["per_mu"] * growth
        making = row["产业链"] in ("食品饮料", "智能制造", "特医食品")
        output = revenue * rng.uniform(0.85, 1.15) if making else None
        rows.append(
            [
                row["统一社会信用代码"],
                _wan(revenue),
                _wan(revenue * rng.uniform(0.02, 0.08)),
                _wan(output) if output else None,
                _wan(revenue * rng.uniform(0.005, 0.06)),
                _wan(output * rng.uniform(0.02, 0.12), "0.01") if output else None,
            ]
        )
    return rows


def _csv(columns: list[str], rows: list[list]) -> bytes:
    stream = io.BytesIO()
    write_csv(stream, columns, rows)
    return stream.getvalue()


def build(*, nodes, seed: int, write) -> None:
    unit = nodes.get((ZONE,))
    if unit is None:
        return
    today = clock.today()
    admin = User.objects.filter(unit=unit, role=Role.UNIT_ADMIN, is_active=True).order_by("pk").first()
    for order, (name, area) in enumerate(PARKS, start=1):
        if not Park.objects.filter(unit=unit, name=name).exists():
            registry.park_save(actor=None, unit_id=unit.pk, name=name, area_mu=Decimal(area), sort_order=order)
    for order, name in enumerate(CHAINS, start=1):
        Chain.objects.get_or_create(unit=unit, name=name, defaults={"sort_order": order})
    plan = _plan(seed, today)
    codes = [row["统一社会信用代码"] for row in plan]
    target = Target(unit=unit, label=unit.name)
    if Enterprise.objects.filter(unit=unit, uscc__in=codes).count() < len(codes):
        columns = [*registry_import.COLUMNS, *registry_import.OPTIONAL]
        data = _csv(columns, [[row[c] for c in columns] for row in plan])
        ledger = declared("enterprise.enterprises")
        report, _ = import_run(ledger=ledger, actor=None, target=target, data=data, filename="demo-企业名录.csv")
        write(f"{ZONE} 企业名录：{report.summary()}")
    for year in range(today.year - 3, today.year):
        rows = _figures(plan, year, seed)
        have = EnterpriseFigure.objects.filter(unit=unit, year=year, enterprise__uscc__in=codes).count()
        if rows and have < len(rows):
            data = _csv(registry_import.FIGURE_COLUMNS, rows)
            ledger = declared("enterprise.figures")
            filename = f"demo-{year}年企业数据.csv"
            report, _ = import_run(
                ledger=ledger, actor=None, target=year_target(unit, year), data=data, filename=filename
            )
            write(f"{ZONE} {year} 年度企业数据：{report.summary()}")
    _leavers(unit, plan, admin, seed, today)
    for path in AREA_DEMOS:
        import_string(path)(unit=unit, seed=seed, today=today)


def _leavers(unit, plan: list[dict], admin, seed: int, today: date) -> None:
    """Two enterprises moved away and one closed, this year or last (only when the registry demo made them)."""
    if admin is None:
        return
    rng = random.Random(seed + 7)
    for n, row in enumerate(rng.sample(plan, LEAVING)):
        enterprise = Enterprise.objects.get(unit=unit, uscc=row["统一社会信用代码"])
        if enterprise.status != Enterprise.Status.ACTIVE or enterprise.status_changes.exists():
            continue
        status = Enterprise.Status.CLOSED if n == 0 else Enterprise.Status.LEFT
        on = max(today - timedelta(days=rng.randrange(20, 300)), row["settled"])
        reason = "经营不善，已办理注销登记" if n == 0 else "整体搬迁至外地"
        registry.status_change(actor=admin, enterprise=enterprise, status=status, on=on, reason=reason)
