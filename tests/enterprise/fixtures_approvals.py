"""Approvals of the `ez` zone as of 2020-10-20: 黄河饮品扩产项目 accompanied by the 招商专员 (office phone given), with
立项备案 done on time, 用地预审 waiting on it and overdue (no first contact since 09-30), 环评 in progress on time and
消防设计审查 not yet filed; 智能装配线项目 with one 施工许可 item and its own status link."""

from dataclasses import dataclass
from datetime import date

import pytest

from taizhang.core import clock
from taizhang.enterprise import approvals
from taizhang.enterprise.models import ApprovalItem, ApprovalKind, Project

TODAY = date(2020, 10, 20)


@dataclass
class Approvals:
    project: Project
    filing: ApprovalItem
    land: ApprovalItem  # overdue
    eia: ApprovalItem
    fire: ApprovalItem
    token: str
    other: Project
    other_item: ApprovalItem
    other_token: str


def make_approvals(ez) -> Approvals:
    approvals.kinds_load_defaults(actor=ez.admin, unit_id=ez.unit.pk)
    kinds = {kind.name: kind for kind in ApprovalKind.objects.filter(unit=ez.unit)}
    project, other = ez.projects[0], ez.projects[1]
    approvals.officer_set(actor=ez.officer, project=project, officer=ez.officer, office_phone="0531-84236155")
    work = {"actor": ez.officer, "project": project}
    filing = approvals.item_create(
        **work, kind=kinds["立项备案"], submitted_on=date(2020, 9, 25), first_contact_on=date(2020, 9, 25)
    )
    filing = approvals.item_complete(actor=ez.officer, item=filing, done_on=date(2020, 9, 29))
    land = approvals.item_create(**work, kind=kinds["用地预审"], after=filing, submitted_on=date(2020, 9, 30))
    eia = approvals.item_create(
        **work, kind=kinds["环评"], submitted_on=date(2020, 10, 16), first_contact_on=date(2020, 10, 16)
    )
    fire = approvals.item_create(**work, kind=kinds["消防设计审查"])
    token = approvals.status_link_issue(actor=ez.officer, project=project)
    other_item = approvals.item_create(
        actor=ez.officer, project=other, kind=kinds["施工许可"], submitted_on=date(2020, 10, 19)
    )
    other_token = approvals.status_link_issue(actor=ez.officer, project=other)
    return Approvals(project, filing, land, eia, fire, token, other, other_item, other_token)


@pytest.fixture
def october():
    with clock.frozen(TODAY) as fixed:
        yield fixed


@pytest.fixture
def az(ez, october) -> Approvals:
    return make_approvals(ez)
