"""新市镇's problems (问题) with the timelines a town really has: found on a visit, reported a day to several days later,
handed to a department, solved weeks later — some still open, a few past their deadline. Each step goes through its
service with the clock set to the moment it happened, so 及时发现、及时上报、及时解决 mean something."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from taizhang.assistance.models import Department, Problem, Visit
from taizhang.assistance.problems import (
    ensure_departments,
    problem_assign,
    problem_create,
    problem_report,
    problem_resolve,
    problem_verify,
)
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.org.models import User

PROBLEMS = [
    ("住房安全", "西屋墙体裂缝，雨天漏水"),
    ("饮水", "自来水压力不足，早晚断水"),
    ("医疗", "慢性病用药负担重"),
    ("教育", "孩子上学路远，需协调校车"),
    ("就业", "户主想外出务工，缺少技能培训"),
    ("残疾人保障", "残疾证到期未换领"),
    ("其他", "院内杂物堆放，需清理"),
]
HANDLED_BY = {"住房安全": "镇建委", "饮水": "镇建委", "医疗": "卫生院", "教育": "教育党总支"}
RESOLUTIONS = {
    "住房安全": "镇建委组织维修，墙体已加固、屋面已补漏",
    "饮水": "更换入户水表和阀门，水压恢复正常",
    "医疗": "已办理慢性病门诊报销，纳入家庭医生签约随访",
    "教育": "已协调校车接送，孩子按时到校",
    "就业": "已报名镇里的电工技能培训，并推荐到开发区企业",
    "残疾人保障": "已陪同到县残联换领残疾证",
    "其他": "发动党员志愿者帮助清理院落",
}
COUNT = 24


def _moment(day, hour: int, minute: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def build(unit, *, seed: int, write) -> None:
    """Problems found on visits spread over the demo's months, each taken as far as its dates allow (only when the
    town has none yet)."""
    if Problem.objects.filter(unit=unit).exists():
        return
    ensure_departments(unit.pk)
    rng = random.Random(seed + 2)
    admin = User.objects.get(username="xs_admin")
    departments = {d.name: d for d in Department.objects.filter(unit=unit).select_related("node")}
    staff = {d.name: User.objects.filter(node_id=d.node_id, is_active=True).first() for d in departments.values()}
    now = clock.now()
    visits = list(
        Visit.objects.filter(unit=unit, status=RecordStatus.ACTIVE, ended_at__lt=now - timedelta(days=1))
        .select_related("assisted__household")
        .prefetch_related("helpers")
        .order_by("started_at", "id")
    )
    if not visits:
        return
    # Spread over the months, and the last few from the latest visits (not reported or handed over yet).
    chosen = [visits[i * (len(visits) - 3) // (COUNT - 3)] for i in range(COUNT - 3)] + visits[-3:]
    stages: dict[str, int] = {}
    for index, visit in enumerate(chosen):
        category, description = PROBLEMS[index % len(PROBLEMS)]
        stage = _follow(visit, category, description, index, rng, admin, departments, staff, now)
        stages[stage] = stages.get(stage, 0) + 1
    summary = "，".join(f"{label} {stages[k]} 件" for k, label in Problem.Stage.choices if k in stages)
    write(f"新市镇问题：登记 {len(chosen)} 件（{summary}）")


def _follow(visit, category, description, index, rng, admin, departments, staff, now) -> str:
    """One problem from the visit that found it onwards; returns the stage it reached by now."""
    helper = visit.helpers.first()
    found_at = timezone.localtime(visit.ended_at) + timedelta(minutes=rng.randint(10, 50))
    at_once = index % 4 == 0  # reported from the household on the phone
    with clock.frozen(found_at):
        problem = problem_create(
            actor=helper,
            assisted=visit.assisted,
            category=category,
            description=description,
            visit=visit,
            report=at_once,
        )
    day = found_at.date()
    if not at_once:
        day += timedelta(days=rng.choice((1, 1, 2, 2, 3, 4, 6)))
        at = _moment(day, rng.randint(8, 11), rng.randint(0, 59))
        if at >= now:
            return problem.stage
        with clock.frozen(at):
            problem = problem_report(actor=helper, problem=problem)
    day += timedelta(days=rng.choice((0, 1, 1, 2, 3)))
    at = _moment(day, rng.randint(14, 17), rng.randint(0, 59))
    if at >= now:
        return problem.stage
    department = departments[HANDLED_BY.get(category, "镇扶贫办")]
    with clock.frozen(at):
        problem = problem_assign(actor=admin, problem=problem, department=department)
    # Most are solved within their deadline, some weeks after it; every seventh is left undone.
    if index % 7 == 3:
        return problem.stage
    span = (problem.due_date - day).days
    day += timedelta(days=rng.randint(span // 2, span) if rng.random() < 0.75 else span + rng.randint(3, 20))
    at = _moment(day, rng.randint(9, 17), rng.randint(0, 59))
    if at >= now:
        return problem.stage
    with clock.frozen(at):
        problem = problem_resolve(
            actor=staff.get(department.name) or admin, problem=problem, resolution=RESOLUTIONS[category]
        )
    later = (
        Visit.objects.filter(
            assisted=problem.assisted, status=RecordStatus.ACTIVE, started_at__gt=problem.resolved_at, ended_at__lt=now
        )
        .order_by("started_at")
        .prefetch_related("helpers")
        .first()
    )
    if index % 2 or later is None or not later.helpers.exists():
        return problem.stage
    with clock.frozen(later.ended_at + timedelta(minutes=20)):
        problem = problem_verify(actor=later.helpers.first(), problem=problem, visit=later, note="入户查看，已解决")
    return problem.stage
