"""Problems from a visit to verification: 发现 → 上报 → 交办 → 解决 → 核实, with deadlines and timeliness figures."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from taizhang.assistance import problems as P
from taizhang.assistance.models import Department, Problem
from taizhang.assistance.selectors import problem_figures, problem_list
from taizhang.audit.models import AuditEntry
from tests.assistance.conftest import household, visit


def department(world, name="镇建委"):
    P.ensure_departments(world.xinshi.id)
    return Department.objects.get(unit=world.xinshi, name=name)


def found(world, **kwargs):
    found_on = timezone.localdate() - timedelta(days=3)
    on_visit = visit(world.xs_worker, "XS001", found_on, "09:00", 40)
    return P.problem_create(
        actor=world.xs_worker,
        assisted=household("XS001"),
        category="住房安全",
        description="西屋墙体裂缝，雨天漏水",
        visit=on_visit,
        **kwargs,
    )


def test_the_whole_life_of_a_problem(assisted):
    problem = found(assisted)
    assert (problem.stage, problem.found_on) == ("found", timezone.localdate() - timedelta(days=3))
    P.problem_report(actor=assisted.xs_worker, problem=problem)
    problem = P.problem_assign(actor=assisted.xs_admin, problem=problem, department=department(assisted))
    assert problem.stage == "assigned" and problem.due_date == timezone.localdate() + timedelta(days=15)
    problem = P.problem_resolve(actor=assisted.xs_admin, problem=problem, resolution="镇建委已维修加固")
    Problem.objects.filter(pk=problem.pk).update(resolved_at=timezone.now() - timedelta(days=2))  # resolved 2 days ago
    later = visit(assisted.xs_worker, "XS001", timezone.localdate() - timedelta(days=1), "09:00", 30)
    problem = P.problem_verify(actor=assisted.xs_worker, problem=problem, visit=later, note="已修好，不漏水")
    assert problem.stage == "verified" and problem.verified_by == assisted.xs_worker
    steps = AuditEntry.objects.filter(object_type="assistance.problem", object_id=str(problem.pk)).order_by("id")
    assert [e.changes.get("进度", [None, None])[1] for e in steps] == ["已发现", "已上报", "已交办", "已解决", "已核实"]
    assert all(e.household_id == problem.assisted.household_id for e in steps)


def test_verification_needs_a_visit_after_the_resolution(assisted):
    problem = found(assisted, report=True)
    P.problem_assign(actor=assisted.xs_admin, problem=problem, department=department(assisted))
    P.problem_resolve(actor=assisted.xs_admin, problem=problem, resolution="已维修")
    with pytest.raises(ValidationError, match="解决之后"):
        P.problem_verify(actor=assisted.xs_worker, problem=problem, visit=problem.visit)


def test_only_the_office_hands_over_and_resolves(assisted):
    problem = found(assisted, report=True)
    with pytest.raises(PermissionDenied):
        P.problem_assign(actor=assisted.xs_worker, problem=problem, department=department(assisted))
    P.problem_assign(actor=assisted.xs_admin, problem=problem, department=department(assisted))
    with pytest.raises(PermissionDenied):
        P.problem_resolve(actor=assisted.xs_worker, problem=problem, resolution="x")
    with pytest.raises(ValidationError, match="解决情况"):
        P.problem_resolve(actor=assisted.xs_admin, problem=problem, resolution=" ")


def test_steps_go_in_order(assisted):
    problem = found(assisted)
    with pytest.raises(ValidationError, match="不能办理这一步"):
        P.problem_resolve(actor=assisted.xs_admin, problem=problem, resolution="已维修")


def test_someone_who_is_not_the_households_helper_cannot_record_one(assisted):
    with pytest.raises(PermissionDenied):
        P.problem_create(actor=assisted.wenshao_worker, assisted=household("XS001"), category="饮水", description="x")
    with pytest.raises(ValidationError, match="问题类别"):
        P.problem_create(actor=assisted.xs_worker, assisted=household("XS001"), category="其它的", description="x")


def test_the_units_own_deadline_and_departments(assisted):
    P.deadline_set(actor=assisted.xs_admin, unit_id=assisted.xinshi.id, category="住房安全", days=5)
    P.department_add(actor=assisted.xs_admin, unit_id=assisted.xinshi.id, name="镇民政办")
    problem = P.problem_assign(
        actor=assisted.xs_admin, problem=found(assisted), department=department(assisted, "镇民政办")
    )
    assert problem.due_date == timezone.localdate() + timedelta(days=5) and problem.reported_at is not None
    with pytest.raises(ValidationError, match="已有部门"):
        P.department_add(actor=assisted.xs_admin, unit_id=assisted.xinshi.id, name="卫生院")


def test_overdue_list_and_timeliness_figures(assisted):
    problem = found(assisted, report=True)
    P.problem_assign(actor=assisted.xs_admin, problem=problem, department=department(assisted))
    Problem.objects.filter(pk=problem.pk).update(due_date=timezone.localdate() - timedelta(days=1))
    assert [p.pk for p in problem_list(assisted.xs_admin, overdue=True)] == [problem.pk]
    figures = problem_figures(assisted.xs_admin, timezone.localdate() - timedelta(days=30), timezone.localdate())
    assert (figures.total.problems, figures.total.reported, figures.total.overdue_open) == (1, 1, 1)
    assert figures.by_department[0][0] == "镇建委" and figures.by_community[0][0] == "新市村"
    assert figures.total.days_to_report == 3  # found on the visit 3 days ago, reported today
    assert problem_list(assisted.jy_admin).count() == 0


def test_voiding_needs_a_reason(assisted):
    problem = found(assisted)
    with pytest.raises(ValidationError):
        P.problem_void(actor=assisted.xs_worker, problem=problem, reason="")
    P.problem_void(actor=assisted.xs_worker, problem=problem, reason="重复登记")
    assert problem_list(assisted.xs_admin).count() == 0
