"""崔寨街道's planning for the demo: the street's festival staff (丰收节筹备组) on the rota of both festivals, the 2020
checklist all done before 9月19日 with its budget (about 6.6 万元) spent, and next year's checklist under way (one task
of cz_admin overdue, in the inbox) with a budget barely touched. Through the services; what is there is left alone."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from taizhang.events import events, plan, plan_budget
from taizhang.events.models import Event
from taizhang.org.models import OrgNode, Role, User
from taizhang.staff.services import staff_create

GROUP = "丰收节筹备组"
PASSWORD = "Taizhang@2026"  # the demo accounts' password (taizhang.hub.demo)
# (username, name, role): the street's festival staff besides cz_admin
STAFF = [
    ("cz_fsj", "崔立新", Role.GROUP_LEADER),
    ("cz_fsj1", "魏红梅", Role.FIELD_WORKER),
    ("cz_fsj2", "侯建国", Role.FIELD_WORKER),
    ("cz_fsj3", "孟凡强", Role.FIELD_WORKER),
    ("cz_fsj4", "张秀英", Role.FIELD_WORKER),
    ("cz_fsj5", "王志文", Role.FIELD_WORKER),
]
# (who: index into [cz_admin, *STAFF], duty, session name or None for the whole event, from, to)
ROTA = [
    (0, "总协调", None, time(7, 30), time(17)),
    (1, "现场总调度", None, time(7, 30), time(17)),
    (2, "签到台", None, time(8), time(12)),
    (3, "签到台", None, time(12), time(16)),
    (4, "展销区管理", "农产品展销", time(8), time(16)),
    (5, "展销区食品安全巡查", "农产品展销", time(9), time(16)),
    (2, "舞台与音响", "群众演出专场", time(8, 30), time(11, 30)),
    (3, "采摘区引导", "现场采摘·上午场", time(8, 45), time(10, 30)),
    (4, "采摘区引导", "现场采摘·中午场", time(10, 30), time(12)),
    (6, "采摘区引导", "现场采摘·下午场", time(13, 45), time(15, 30)),
    (5, "裁判与计分", "趣味运动会·拔河", time(13, 45), time(15)),
    (6, "裁判与计分", "趣味运动会·运粮接力", time(15), time(16)),
]
# (title, owner index, days before the festival it is due)
CHECKLIST = [
    ("制定活动方案并报街道党工委审定", 0, 45),
    ("落实活动经费", 0, 40),
    ("确定场地并与东辛村对接", 1, 35),
    ("发布展销摊主招募通知", 1, 30),
    ("审核展销摊主食品安全证明", 5, 14),
    ("印制宣传单和海报", 2, 21),
    ("租赁舞台音响并试音", 2, 3),
    ("落实安保和交通疏导方案", 3, 7),
    ("准备采摘工具与称重设备", 4, 5),
    ("采购趣味运动会奖品", 6, 10),
    ("联系卫生院现场医疗保障", 3, 7),
    ("活动当日物资清点", 1, 1),
]
# (item, budgeted 元)
BUDGET = [
    ("舞台音响", 12000),
    ("展销区搭建", 15000),
    ("采摘区布置", 5000),
    ("奖品", 9000),
    ("宣传物料", 6000),
    ("安保", 8000),
    ("餐饮", 7500),
    ("医疗与保险", 3500),
]
PAYEES = {
    "舞台音响": "济阳区鑫声音响租赁部",
    "展销区搭建": "济南先行区华帐篷业",
    "采摘区布置": "崔寨街道东辛村股份经济合作社",
    "奖品": "崔寨街道惠民超市",
    "宣传物料": "济阳区宏达广告印刷",
    "安保": "济南保安服务有限公司济阳分公司",
    "餐饮": "黄河人家农家乐",
    "医疗与保险": "崔寨街道卫生院",
}


def _staff(unit) -> list[User]:
    node = OrgNode.objects.filter(unit=unit, name=GROUP).exclude(pk=unit.pk).first() or unit
    admin = User.objects.filter(unit=unit, role=Role.UNIT_ADMIN, is_active=True).order_by("id").first()
    people = [admin] if admin else []
    for username, name, role in STAFF:
        found = User.objects.filter(username=username).first()
        people.append(
            found
            or staff_create(actor=None, node=node, username=username, full_name=name, role=role, password=PASSWORD)
        )
    return people


def _at(day: date, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment))


def _rota(event: Event, people: list[User], rota) -> None:
    if event.assignments.exists():
        return
    sessions = {s.name: s for s in event.sessions.all()}
    for who, duty, session, start, end in rota:
        user, on = people[who % len(people)], sessions.get(session) if session else None
        plan.assignment_create(
            actor=None,
            event=event,
            user=user,
            duty=duty,
            session=on,
            starts_at=_at(event.starts_on, start),
            ends_at=_at(event.starts_on, end),
        )
        if on is not None and on.lead_id is None:  # the first on a session's rota leads it
            on.lead = user
            events.session_update(actor=None, session=on, lead_id=user.pk)


def _budget(event: Event, rng: random.Random, *, share: float, upto: date) -> None:
    """The budget lines, and spending of about `share` of each line (none for a share of 0), dated up to `upto`."""
    if event.budget_lines.exists():
        return
    for item, amount in BUDGET:
        line = plan_budget.line_create(actor=None, event=event, item=item, budgeted=Decimal(amount))
        spent = Decimal(amount) * Decimal(str(share)) * Decimal(rng.randint(85, 108)) / 100
        if spent <= 0:
            continue
        parts = rng.choice((1, 2))
        for n in range(parts):
            plan_budget.spending_create(
                actor=None,
                line=line,
                spent_on=upto - timedelta(days=rng.randint(0, 20)),
                amount=(spent / parts).quantize(Decimal("1")),
                payee=PAYEES[item],
                voucher=f"CZ{upto:%Y}-{rng.randint(100, 999)}",
                note="" if n == 0 else "尾款",
            )


def build(*, past: Event, upcoming: Event, seed: int, today: date) -> None:
    rng = random.Random(seed * 13 + 85)
    people = _staff(past.unit)
    _rota(past, people, ROTA)
    _rota(upcoming, people, ROTA[:8])
    if not past.prep_tasks.exists():
        for title, owner, before in CHECKLIST:
            due = past.starts_on - timedelta(days=before)
            task = plan.task_create(actor=None, event=past, title=title, owner=people[owner], due_on=due)
            plan.task_done(actor=None, task=task, done_on=due - timedelta(days=rng.randint(0, 3)))
    if not upcoming.prep_tasks.exists():
        # Spread over the weeks from today: the first third done, one of cz_admin's two days overdue.
        for n, (title, owner, _) in enumerate(CHECKLIST):
            due = today + timedelta(days=(n - 4) * 3) if n != 4 else today - timedelta(days=2)
            due = min(due, upcoming.starts_on)
            task = plan.task_create(
                actor=None, event=upcoming, title=title, owner=people[0 if n == 4 else owner], due_on=due
            )
            if n < 4:
                plan.task_done(actor=None, task=task, done_on=due)
    _budget(past, rng, share=1, upto=past.starts_on + timedelta(days=10))
    _budget(upcoming, rng, share=0, upto=today)
    if not upcoming.spendings.exists():
        line = upcoming.budget_lines.get(item="宣传物料")
        plan_budget.spending_create(
            actor=None, line=line, spent_on=today, amount=Decimal("1860"), payee=PAYEES["宣传物料"], voucher="CZ-001"
        )
