"""The demo's 链长制 for 济北开发区: the links of its three chains, the chain's enterprises placed on them with two or
three links of each chain left as gaps, and targets to attract for each gap. Through the services, as the command
line (actor None); idempotent: what exists is left as it is."""

from __future__ import annotations

import random
from datetime import date, timedelta

from taizhang.enterprise import chains as services
from taizhang.enterprise import selectors_chains
from taizhang.enterprise.models import Chain, ChainTarget, Enterprise
from taizhang.org.models import OrgNode, Role, User

UP, MID, DOWN = "up", "mid", "down"
CHAINS = {
    "食品饮料": (
        "王志强（区委副书记）",
        "以食品饮料城为载体，补齐包装、灌装和冷链短板",
        [
            ("原料种植", UP),
            ("包装材料", UP),
            ("食品加工", MID),
            ("饮料灌装", MID),
            ("冷链物流", DOWN),
            ("电商营销", DOWN),
        ],
    ),
    "智能制造": (
        "李建华（副区长）",
        "围绕智能制造城整机企业，引进核心零部件和工业软件",
        [("核心零部件", UP), ("控制系统", UP), ("整机装配", MID), ("工业软件", MID), ("售后服务", DOWN)],
    ),
    "特医食品": (
        "张明（开发区党工委书记）",
        "依托中国特医食品城，打通临床评价到医院渠道",
        [("原料与配方", UP), ("临床评价", MID), ("特医生产", MID), ("医院渠道", DOWN)],
    ),
}
# Fictitious companies the zone might court, with where they are.
PROSPECTS = [
    ("鲁南包装科技有限公司", "山东临沂", "可配套食品加工企业的软包装"),
    ("台中精密机电股份有限公司", "台湾台中", "伺服电机与减速器，补核心零部件"),
    ("苏州智控系统有限公司", "江苏苏州", "PLC与运动控制，整机企业急需"),
    ("青岛冷鲜物流集团", "山东青岛", "区域冷链仓配中心"),
    ("杭州云链电商服务有限公司", "浙江杭州", "食品饮料线上渠道运营"),
    ("深圳工软科技有限公司", "广东深圳", "MES与工业互联网平台"),
    ("北京临床研究服务有限公司", "北京", "特医食品临床试验机构"),
    ("上海医渠供应链有限公司", "上海", "医院营养科渠道"),
    ("大阪营养配方株式会社", "日本大阪", "特医配方技术合作"),
    ("广州饮品灌装设备有限公司", "广东广州", "无菌灌装产线"),
    ("济宁原料种植合作社联合社", "山东济宁", "订单农业原料基地"),
    ("新竹智能装备股份有限公司", "台湾新竹", "整机售后与远程运维"),
]
STATUSES = ["new", "contacted", "talks"]


def build(*, unit: OrgNode, seed: int, today: date) -> None:
    rng = random.Random(seed)
    officers = list(
        User.objects.filter(unit=unit, is_active=True, role=Role.FIELD_WORKER).order_by("username")
    ) or list(User.objects.filter(unit=unit, is_active=True).order_by("username"))
    for name, (leader, description, links) in CHAINS.items():
        chain = Chain.objects.filter(unit=unit, name=name).first() or services.chain_create(
            actor=None, unit=unit, name=name, leader_name=leader, description=description
        )
        if not chain.leader_name and not chain.leader_id:  # named by the registry's demo, without its 链长
            chain = services.chain_update(
                actor=None, chain=chain, name=name, leader_name=leader, leader=None, description=description
            )
        existing = set(chain.links.values_list("name", flat=True))
        for order, (link_name, position) in enumerate(links, start=1):
            if link_name not in existing:
                services.link_create(actor=None, chain=chain, name=link_name, position=position, sort_order=order)
        _place(chain, rng)
        _targets(chain, rng, officers, today)


def _place(chain: Chain, rng: random.Random) -> None:
    """The chain's enterprises on its links, round the links that are not left as gaps; only on a chain with no
    placement yet."""
    links = list(chain.links.order_by("sort_order", "name"))
    if not links or Enterprise.links.through.objects.filter(chainlink__chain=chain).exists():
        return
    enterprises = list(Enterprise.objects.filter(chain=chain, status=Enterprise.Status.ACTIVE).order_by("id"))
    if not enterprises:
        return
    gaps = set(rng.sample(range(len(links)), k=min(len(links) - 1, rng.choice((2, 3)))))
    filled = [link for n, link in enumerate(links) if n not in gaps]
    for n, enterprise in enumerate(enterprises):
        services.placement_add(actor=None, link=filled[n % len(filled)], enterprise=enterprise)


def _targets(chain: Chain, rng: random.Random, officers: list, today: date) -> None:
    gaps = selectors_chains.chain_map(chain).gaps
    for view in gaps:
        if view.targets or ChainTarget.objects.filter(link=view.link).exists():
            continue
        for company, region, reason in rng.sample(PROSPECTS, k=rng.choice((1, 2))):
            services.target_create(
                actor=None,
                link=view.link,
                company=company,
                region=region,
                reason=reason,
                status=rng.choice(STATUSES),
                officer=rng.choice(officers) if officers else None,
                next_on=today + timedelta(days=rng.randint(-5, 30)),
            )
