"""A small zone inside the base case's 新市镇 for the enterprise module's tests: two parks, two chains with links
(one link without an enterprise: a gap), four enterprises with valid 统一社会信用代码 and two years of figures, two lead
sources and three projects along the pipeline, and an investment officer."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from taizhang.enterprise.models import Chain, ChainLink, Enterprise, EnterpriseFigure, Park, Project, Station
from taizhang.enterprise.rules.uscc import with_check
from taizhang.org.models import OrgNode, Role, User
from taizhang.staff.services import staff_create
from tests.conftest import PASSWORD

# 17 characters each (9 = 工商, 1 = 企业, 370125 = 济阳区), completed with their check character.
CODES = [with_check(f"91370125MA3C{n:05d}") for n in range(1, 5)]


@dataclass
class EnterpriseZone:
    unit: OrgNode  # 新市镇, standing in for 济北开发区
    food: Park  # 食品饮料城
    smart: Park  # 智能制造城
    food_chain: Chain  # 食品饮料: 原料种植 (up), 食品加工 (mid), 冷链物流 (down, the gap)
    smart_chain: Chain  # 智能制造: 核心零部件 (up), 整机装配 (mid)
    links: dict[str, ChainLink]
    enterprises: list[
        Enterprise
    ]  # 鲁味食品 (四新: 新技术), 齐鲁智造 (高新, 规上), 黄河饮品, 华宇零部件 (left the zone)
    station: Station  # 台湾招商站
    referral: Station  # 以商招商
    projects: list[Project]  # 饮品扩产 (签约), 智能装配线 (开工), 冷链中心 (洽谈)
    officer: User  # 招商专员 (工作人员)
    admin: User  # the unit admin (world.xs_admin)


def make_enterprise_zone(world) -> EnterpriseZone:
    unit = world.xinshi
    food = Park.objects.create(unit=unit, name="食品饮料城", sort_order=1)
    smart = Park.objects.create(unit=unit, name="智能制造城", sort_order=2)
    food_chain = Chain.objects.create(unit=unit, name="食品饮料", leader_name="王链长", sort_order=1)
    smart_chain = Chain.objects.create(unit=unit, name="智能制造", leader_name="李链长", sort_order=2)
    links = {}
    for chain, name, position, order in [
        (food_chain, "原料种植", ChainLink.Position.UPSTREAM, 1),
        (food_chain, "食品加工", ChainLink.Position.MIDSTREAM, 2),
        (food_chain, "冷链物流", ChainLink.Position.DOWNSTREAM, 3),
        (smart_chain, "核心零部件", ChainLink.Position.UPSTREAM, 1),
        (smart_chain, "整机装配", ChainLink.Position.MIDSTREAM, 2),
    ]:
        links[name] = ChainLink.objects.create(unit=unit, chain=chain, name=name, position=position, sort_order=order)

    def enterprise(code, name, park, chain, link, land, **extra):
        found = Enterprise.objects.create(
            unit=unit, uscc=code, name=name, park=park, chain=chain, land_mu=Decimal(land), **extra
        )
        found.links.add(links[link])
        return found

    enterprises = [
        enterprise(CODES[0], "济南鲁味食品有限公司", food, food_chain, "食品加工", "50", tag_new_technology=True),
        enterprise(
            CODES[1],
            "山东齐鲁智造有限公司",
            smart,
            smart_chain,
            "整机装配",
            "120",
            tag_high_tech=True,
            tag_above_scale=True,
        ),
        enterprise(CODES[2], "济阳黄河饮品有限公司", food, food_chain, "原料种植", "30", contact_name="赵经理"),
        enterprise(
            CODES[3],
            "华宇零部件有限公司",
            smart,
            smart_chain,
            "核心零部件",
            "20",
            status=Enterprise.Status.LEFT,
            left_on=date(2021, 6, 30),
        ),
    ]
    for n, found in enumerate(enterprises, start=1):
        for year in (2019, 2020):
            EnterpriseFigure.objects.create(
                unit=unit,
                enterprise=found,
                year=year,
                revenue=Decimal(10000 * n + year - 2019),
                tax=Decimal(500 * n),
                output=Decimal(12000 * n),
                rd=Decimal(300 * n),
                energy=Decimal(800 * n),
            )
    station = Station.objects.create(unit=unit, name="台湾招商站", kind=Station.Kind.STATION, region="台湾")
    referral = Station.objects.create(unit=unit, name="以商招商", kind=Station.Kind.REFERRAL)
    officer = staff_create(
        actor=None, node=unit, username="zhaoshang", full_name="招商专员", role=Role.FIELD_WORKER, password=PASSWORD
    )
    projects = [
        Project.objects.create(
            unit=unit,
            name="黄河饮品扩产项目",
            enterprise=enterprises[2],
            chain=food_chain,
            source=referral,
            stage="signed",
            stage_on=date(2020, 6, 1),
            officer=officer,
            planned_investment=Decimal(20000),
        ),
        Project.objects.create(
            unit=unit,
            name="智能装配线项目",
            enterprise=enterprises[1],
            chain=smart_chain,
            source=station,
            stage="started",
            stage_on=date(2020, 8, 15),
            officer=officer,
            planned_investment=Decimal(50000),
        ),
        Project.objects.create(
            unit=unit,
            name="冷链物流中心项目",
            investor="台商某冷链集团",
            chain=food_chain,
            source=station,
            stage="talks",
            stage_on=date(2020, 9, 1),
            officer=officer,
            planned_investment=Decimal(30000),
        ),
    ]
    return EnterpriseZone(
        unit,
        food,
        smart,
        food_chain,
        smart_chain,
        links,
        enterprises,
        station,
        referral,
        projects,
        officer,
        world.xs_admin,
    )


@pytest.fixture
def ez(world) -> EnterpriseZone:
    return make_enterprise_zone(world)


@pytest.fixture
def jy_enterprise(world) -> Enterprise:
    """An enterprise of 济阳街道: 新市镇's users never see it."""
    return Enterprise.objects.create(unit=world.jiyang, uscc=with_check("91370125MA3D00001"), name="济阳街道某公司")


from tests.enterprise.fixtures_fiscal import books  # noqa: E402, F401  (the fiscal area's books on `ez`)
