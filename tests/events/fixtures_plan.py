"""A planned festival: staff on the rota, a checklist and a budget with spending, for the planning area's tests."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from taizhang.events import plan, plan_budget
from taizhang.events.models import BudgetLine, PrepTask, StaffAssignment
from tests.events.conftest import Festival


@dataclass
class Planned:
    festival: Festival
    signin: StaffAssignment  # xs_worker at the sign-in desk, whole event
    picking: StaffAssignment  # xs_group_leader on 采摘·上午场
    stage: PrepTask  # 搭建舞台, xs_admin's, due 2020-09-15
    leaflets: PrepTask  # 印制宣传单, xs_worker's, due 2020-09-01, done
    sound: BudgetLine  # 舞台音响 8000 元
    prizes: BudgetLine  # 奖品 1000 元


def make_planned(festival: Festival, world) -> Planned:
    admin = festival.admin
    signin = plan.assignment_create(actor=admin, event=festival.event, user=world.xs_worker, duty="签到台")
    picking = plan.assignment_create(
        actor=admin, event=festival.event, user=world.xs_group_leader, duty="采摘区引导", session=festival.morning
    )
    stage = plan.task_create(actor=admin, event=festival.event, title="搭建舞台", owner=admin, due_on=date(2020, 9, 15))
    leaflets = plan.task_create(
        actor=admin, event=festival.event, title="印制宣传单", owner=world.xs_worker, due_on=date(2020, 9, 1)
    )
    plan.task_done(actor=admin, task=leaflets, done_on=date(2020, 8, 30))
    leaflets.refresh_from_db()
    sound = plan_budget.line_create(actor=admin, event=festival.event, item="舞台音响", budgeted=Decimal("8000"))
    prizes = plan_budget.line_create(actor=admin, event=festival.event, item="奖品", budgeted=Decimal("1000"))
    return Planned(festival, signin, picking, stage, leaflets, sound, prizes)


@pytest.fixture(name="planned")
def planned_fixture(festival, world) -> Planned:
    return make_planned(festival, world)
