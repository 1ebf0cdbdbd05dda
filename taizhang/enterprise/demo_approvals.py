"""Demo of approval accompaniment for 济北开发区: the usual approval kinds, a 帮办 officer of 行政审批部 (the account
jb_approval, made if the department has nobody), and for each project past 签约 its items in flight on two parallel
tracks with a status link — the first project with one item overdue. Dates stay inside the years the official
calendar covers; running it again changes nothing (projects with items are left alone)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from taizhang.core import clock
from taizhang.enterprise import approvals
from taizhang.enterprise.models import Accompaniment, ApprovalItem, ApprovalKind, Project
from taizhang.enterprise.rules import approvals as rules
from taizhang.enterprise.rules import stages
from taizhang.enterprise.rules.workdays import CalendarNotCovered, add_workdays, last_covered_year
from taizhang.hub.demo import PASSWORD
from taizhang.org.models import OrgNode, Role, User
from taizhang.staff.services import staff_create

DEPARTMENT = "行政审批部"
PROJECTS = 8


def _officer(unit) -> User:
    department = OrgNode.objects.filter(unit=unit, name=DEPARTMENT).exclude(pk=unit.pk).first()
    node = department or unit
    found = User.objects.filter(node=node, is_active=True, role=Role.FIELD_WORKER).order_by("id").first()
    if found is None:
        found = User.objects.filter(username="jb_approval").first() or staff_create(
            actor=None,
            node=node,
            username="jb_approval",
            full_name="审批帮办专员",
            role=Role.FIELD_WORKER,
            password=PASSWORD,
        )
    return found


def _anchor(today: date) -> date:
    return min(today, date(last_covered_year(), 12, 31))


def _fitting(day: date, kind: ApprovalKind) -> date:
    """`day`, or the latest week before it from which every clock of the kind stays inside the calendar's years."""
    longest = max(kind.statutory_days, rules.DEFAULT_RULE.complex_days)
    for _ in range(52):
        try:
            add_workdays(day, longest)
        except CalendarNotCovered:
            day -= timedelta(days=7)
        else:
            return day
    return day


def build(*, unit, seed: int, today: date) -> None:
    past_signing = [code for code in stages.CODES if stages.reached(code, "signed")]
    projects = list(
        Project.objects.filter(unit=unit, stage__in=past_signing, dropped_on__isnull=True).order_by("id")[:PROJECTS]
    )
    if not projects:
        return
    rng = random.Random(f"{seed}:approvals")
    with clock.frozen(today):
        approvals.kinds_load_defaults(actor=None, unit_id=unit.pk)
        officer = _officer(unit)
        kinds = {kind.name: kind for kind in ApprovalKind.objects.filter(unit=unit)}
        anchor = _anchor(today)
        for n, project in enumerate(projects):
            accompaniment = Accompaniment.objects.filter(project=project).first()
            if accompaniment is None or accompaniment.officer_id is None:
                approvals.officer_set(actor=officer, project=project, officer=officer, office_phone="0531-8423 6155")
            if not Accompaniment.objects.filter(project=project, status_token__isnull=False).exists():
                approvals.status_link_issue(actor=officer, project=project)
            if ApprovalItem.objects.filter(project=project).exists():
                continue
            _items(project, officer, kinds, anchor, overdue=n == 0, rng=rng)


def _items(project, officer, kinds, anchor: date, *, overdue: bool, rng: random.Random) -> None:
    start = _fitting(anchor - timedelta(days=60 if overdue else rng.randint(25, 35)), kinds["立项备案"])
    filing = approvals.item_create(
        actor=officer, project=project, kind=kinds["立项备案"], submitted_on=start, first_contact_on=start
    )
    filing = approvals.item_complete(actor=officer, item=filing, done_on=filing.due_on)
    # The first project's 用地预审 has sat past its due date with no first contact: the overdue one.
    land_on = filing.due_on + timedelta(days=1)
    if not overdue:
        land_on = max(land_on, _fitting(anchor - timedelta(days=2), kinds["用地预审"]))
    approvals.item_create(
        actor=officer,
        project=project,
        kind=kinds["用地预审"],
        after=filing,
        submitted_on=land_on,
        first_contact_on=None if overdue else land_on,
    )
    eia_on = _fitting(anchor - timedelta(days=rng.randint(1, 3)), kinds["环评"])
    approvals.item_create(
        actor=officer, project=project, kind=kinds["环评"], submitted_on=eia_on, first_contact_on=eia_on
    )
    approvals.item_create(actor=officer, project=project, kind=kinds["消防设计审查"])
