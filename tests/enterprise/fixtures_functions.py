"""A zone (新市镇 standing in for 济北开发区, its admin xs_admin) that handed functions to 济阳街道 (jy_admin, jy_worker)
and to 崔寨街道 (cz_admin), on 2020-07-01; the tests run on 2020-09-15."""

from dataclasses import dataclass
from datetime import date

import pytest

from taizhang.enterprise import functions as services
from taizhang.enterprise.models import HandedFunction
from taizhang.org.models import OrgNode, Role, User
from taizhang.staff.services import node_create, staff_create
from tests.conftest import PASSWORD, enable_every_module

TODAY = date(2020, 9, 15)
HANDED_ON = date(2020, 7, 1)


@dataclass
class Handover:
    zone: OrgNode
    jiyang: OrgNode
    cuizhai: OrgNode
    zone_admin: User
    jy_admin: User
    jy_worker: User
    cz_admin: User
    jy: list[HandedFunction]  # 1 城乡低保审核确认, 2 特困人员供养, 3 优抚对象抚恤 (济阳街道)
    cz: HandedFunction  # 1 城乡低保审核确认 (崔寨街道)


def make_handover(world) -> Handover:
    cuizhai = node_create(actor=None, parent=world.district, kind=OrgNode.Kind.UNIT, name="崔寨街道", subtype="street")
    enable_every_module(cuizhai)
    cz_admin = staff_create(
        actor=None, node=cuizhai, username="cz_admin", full_name="崔主任", role=Role.UNIT_ADMIN, password=PASSWORD
    )
    zone = world.xinshi

    def hand(street, number, name, category="社会救助"):
        return services.hand_over(
            actor=world.xs_admin,
            zone=zone,
            street=street,
            number=number,
            name=name,
            category=category,
            handed_on=HANDED_ON,
        )

    jy = [
        hand(world.jiyang, 1, "城乡低保审核确认"),
        hand(world.jiyang, 2, "特困人员供养"),
        hand(world.jiyang, 3, "优抚对象抚恤", "退役军人服务"),
    ]
    cz = hand(cuizhai, 1, "城乡低保审核确认")
    return Handover(zone, world.jiyang, cuizhai, world.xs_admin, world.jy_admin, world.jy_worker, cz_admin, jy, cz)


@pytest.fixture
def handover(world, clock) -> Handover:
    clock.set(TODAY)
    return make_handover(world)
