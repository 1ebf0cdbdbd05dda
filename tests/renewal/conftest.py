"""济阳街道's renewal project in the base case: 城里居 and 东关居 inside the red line, 第一工作组 (城里居, 吴工作)
and 第二工作组 (东关居) as regional groups, the population group, and three households (JY001 from the base case in
城里居, JY101 and JY102 in 东关居). 新市镇's project (新市村, XS001) is there for the cross-unit tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from taizhang.org.models import OrgNode, Role
from taizhang.registry.importing import household_import
from taizhang.registry.models import Household
from taizhang.renewal.models import Project, ProjectGroup, ProjectHousehold
from taizhang.renewal.projects import project_create
from taizhang.renewal.red_line import households_import
from taizhang.staff.services import node_create, staff_create
from tests.conftest import PASSWORD, World, csv_bytes, household_rows

START = date(2020, 5, 1)
FREEZE = date(2020, 6, 1)


@dataclass
class Renewal:
    world: World
    project: Project
    dongguan: OrgNode
    first_group: ProjectGroup
    second_group: ProjectGroup
    population: ProjectGroup
    jy_group_leader: object  # 第一工作组's leader (城里居)
    jy_population_worker: object

    def entry(self, no: str) -> ProjectHousehold:
        return ProjectHousehold.objects.select_related("household", "project").get(
            project__unit=self.project.unit, household__household_no=no
        )


def make_renewal(world: World) -> Renewal:
    jiyang, chengli = world.jiyang, world.chengli
    dongguan = node_create(actor=None, parent=jiyang, kind=OrgNode.Kind.COMMUNITY, name="东关居", subtype="urban")
    first = node_create(actor=None, parent=chengli, kind=OrgNode.Kind.WORKGROUP, name="第一工作组", subtype="group")
    node_create(actor=None, parent=dongguan, kind=OrgNode.Kind.WORKGROUP, name="第二工作组", subtype="group")
    population_node = node_create(
        actor=None, parent=jiyang, kind=OrgNode.Kind.WORKGROUP, name="人口界定工作组", subtype="group"
    )
    leader = staff_create(
        actor=None, node=first, username="jy_group", full_name="陈组长", role=Role.GROUP_LEADER, password=PASSWORD
    )
    population_worker = staff_create(
        actor=None,
        node=population_node,
        username="jy_pop",
        full_name="郑界定",
        role=Role.FIELD_WORKER,
        password=PASSWORD,
    )
    rows = household_rows("JY101", "东关居", 3, 40) + household_rows("JY102", "东关居", 2, 50)
    report = household_import(unit=jiyang, data=csv_bytes(rows), filename="dongguan.csv")
    assert report.ok and report.applied, report.errors
    project = project_create(
        actor=world.jy_admin,
        unit=jiyang,
        name="老城区棚改",
        communities=[chengli, dongguan],
        start_date=START,
        freeze_date=FREEZE,
    )
    report = households_import(
        actor=world.jy_admin,
        project=project,
        data=csv_bytes([["JY001"], ["JY101"], ["JY102"]], header=["户编号"]),
        filename="红线.csv",
    )
    assert report.ok and report.applied, report.errors
    groups = {g.name: g for g in ProjectGroup.objects.filter(project=project)}
    groups["第一工作组"].leader = leader
    groups["第一工作组"].save()
    return Renewal(
        world,
        project,
        dongguan,
        groups["第一工作组"],
        groups["第二工作组"],
        groups["人口界定工作组"],
        leader,
        population_worker,
    )


@pytest.fixture
def renewal(seeded) -> Renewal:
    return make_renewal(seeded)


def xinshi_project(world: World) -> Project:
    """新市镇's own project (新市村, XS001): what a 济阳街道 user must never see."""
    existing = Project.objects.filter(unit=world.xinshi).first()
    if existing:
        return existing
    project = project_create(
        actor=world.xs_admin,
        unit=world.xinshi,
        name="新市村改造",
        communities=[world.xinshi_village],
        start_date=START,
        freeze_date=FREEZE,
    )
    households_import(
        actor=world.xs_admin, project=project, data=csv_bytes([["XS001"]], header=["户编号"]), filename="红线.csv"
    )
    return project


def household(no: str) -> Household:
    return Household.objects.get(household_no=no)
