"""The assistance module's to-dos in the inbox: problems handed to a department (its work group must act until the
problem is solved), problems reported and not handed over (the unit admin), archive findings (the archive group) and
this month's visits still due (the helper). Computed live, in a fixed number of queries."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from taizhang.assistance import archives as A
from taizhang.assistance import problems as P
from taizhang.assistance.models import ArchiveFinding, Department
from taizhang.audit.models import AuditEntry
from taizhang.core.manifest import modules
from taizhang.hub import tasks
from taizhang.hub.models import Notification
from taizhang.org.models import OrgNode, Role, User
from taizhang.staff.services import node_create, staff_create
from tests.assistance.conftest import household, visit
from tests.conftest import PASSWORD

# The modules' kinds and the kernel's (疑点待核实, for units whose modules declare signals).
TASK_KINDS = sum(len(spec.task_kinds) for spec in modules()) + len(tasks.KERNEL_TASK_KINDS)

MARCH = date(2026, 3, 20)


@pytest.fixture
def jianwei(assisted):
    """新市镇's 镇建委 as a work group with one member, linked to the department 镇建委."""
    world = assisted
    group = node_create(actor=None, parent=world.xinshi, kind=OrgNode.Kind.WORKGROUP, name="镇建委", subtype="group")
    staff = staff_create(
        actor=None, node=group, username="xs_jianwei", full_name="孟建委", role=Role.FIELD_WORKER, password=PASSWORD
    )
    P.ensure_departments(world.xinshi.pk)
    department = Department.objects.get(unit=world.xinshi, name="镇建委")
    P.department_node_set(actor=world.xs_admin, department=department, node=group)
    department.refresh_from_db()
    return staff, department


def reported(world, no="XS001", description="西屋墙体裂缝，雨天漏水"):
    problem = P.problem_create(
        actor=world.xs_worker,
        assisted=household(no),
        category="住房安全",
        description=description,
        found_on=timezone.localdate(),
        report=True,
    )
    return problem


def kinds(user, **kwargs) -> list[str]:
    return [t.kind for t in tasks.collect(user, **kwargs)]


def test_the_departments_work_group_sees_a_problem_from_the_moment_it_is_assigned_until_it_is_solved(assisted, jianwei):
    staff, department = jianwei
    problem = reported(assisted)
    assert "assistance.problem-assigned" not in kinds(staff)
    P.problem_assign(actor=assisted.xs_admin, problem=problem, department=department)
    [task] = tasks.collect(staff)
    assert (task.kind, task.tab, task.node_id) == ("assistance.problem-assigned", "group", department.node_id)
    assert task.due == timezone.localdate() + timedelta(days=15) and "XS001" in task.subject
    assert task.url == f"/assistance/problems/{problem.pk}/"
    P.problem_resolve(actor=staff, problem=problem, resolution="镇建委已维修加固")
    assert tasks.collect(staff) == []


def test_the_department_staff_are_told_when_a_problem_is_assigned(assisted, jianwei):
    staff, department = jianwei
    problem = reported(assisted)
    P.problem_assign(actor=assisted.xs_admin, problem=problem, department=department)
    [note] = Notification.objects.filter(recipient=staff)
    assert "交办镇建委" in note.text and "XS001" in note.text and note.url == f"/assistance/problems/{problem.pk}/"
    assert not Notification.objects.filter(recipient=assisted.xs_admin).exists()


def test_a_department_without_a_work_group_notifies_nobody(assisted):
    P.ensure_departments(assisted.xinshi.pk)
    P.problem_assign(
        actor=assisted.xs_admin,
        problem=reported(assisted),
        department=Department.objects.get(unit=assisted.xinshi, name="卫生院"),
    )
    assert not Notification.objects.exists()


def test_only_the_office_or_the_departments_staff_record_the_solution(assisted, jianwei):
    staff, department = jianwei
    problem = P.problem_assign(actor=assisted.xs_admin, problem=reported(assisted), department=department)
    with pytest.raises(PermissionDenied):
        P.problem_resolve(actor=assisted.xs_worker, problem=problem, resolution="修好了")
    other = Department.objects.get(unit=assisted.xinshi, name="卫生院")
    problem = P.problem_assign(actor=assisted.xs_admin, problem=problem, department=other)
    with pytest.raises(PermissionDenied):
        P.problem_resolve(actor=staff, problem=problem, resolution="修好了")


def test_the_unit_admin_must_hand_over_reported_problems(assisted, jianwei):
    _, department = jianwei
    problem = reported(assisted)
    [task] = tasks.collect(assisted.xs_admin)
    assert (task.kind, task.node_id, task.due) == ("assistance.problem-reported", assisted.xinshi.pk, None)
    assert "assistance.problem-reported" not in kinds(assisted.xs_worker)
    P.problem_assign(actor=assisted.xs_admin, problem=problem, department=department)
    assert tasks.collect(assisted.xs_admin) == []


def test_a_link_to_a_work_group_is_set_by_the_unit_admin_and_audited(assisted, jianwei):
    _, department = jianwei
    entry = AuditEntry.objects.filter(object_type="assistance.department").latest("id")
    assert entry.changes == {"工作组": [None, "镇建委"]}
    with pytest.raises(PermissionDenied):
        P.department_node_set(actor=assisted.xs_worker, department=department, node=None)
    with pytest.raises(ValidationError):
        P.department_node_set(actor=assisted.xs_admin, department=department, node=assisted.xinshi_village)
    assert P.department_node_set(actor=assisted.xs_admin, department=department, node=None)


def test_the_settings_page_links_a_department_to_a_work_group(client, assisted, jianwei):
    _, department = jianwei
    client.login(username="xs_admin", password=PASSWORD)
    page = client.get("/assistance/problems/settings/")
    assert "镇建委" in page.content.decode() and "部门的工作组即部门的人员" in page.content.decode()
    response = client.post(
        "/assistance/problems/settings/", {"action": "department_node", "department": department.pk, "node": ""}
    )
    assert response.status_code == 302
    department.refresh_from_db()
    assert department.node_id is None


def test_the_department_staff_get_the_resolve_form_on_the_problem_page(client, assisted, jianwei):
    _, department = jianwei
    problem = P.problem_assign(actor=assisted.xs_admin, problem=reported(assisted), department=department)
    client.login(username="xs_jianwei", password=PASSWORD)
    assert "登记解决情况" in client.get(f"/assistance/problems/{problem.pk}/").content.decode()
    response = client.post(f"/assistance/problems/{problem.pk}/", {"action": "resolve", "resolution": "已维修"})
    assert response.status_code == 302
    problem.refresh_from_db()
    assert problem.stage == "resolved"


def test_archive_findings_are_the_archive_groups_tasks_one_per_household(assisted):
    group = node_create(
        actor=None, parent=assisted.xinshi, kind=OrgNode.Kind.WORKGROUP, name="档案资料工作组", subtype="group"
    )
    clerk = staff_create(
        actor=None, node=group, username="xs_archive", full_name="档案员", role=Role.FIELD_WORKER, password=PASSWORD
    )
    A.archive_check(actor=assisted.xs_admin, unit=assisted.xinshi)
    assert tasks.collect(clerk) == []  # not yet given to the group
    A.findings_assign(actor=assisted.xs_admin, unit=assisted.xinshi, group=group)
    found = tasks.collect(clerk)
    households = set(ArchiveFinding.objects.filter(fixed_at__isnull=True).values_list("assisted_id", flat=True))
    assert len(found) == len(households) == 2 and {t.kind for t in found} == {"assistance.archive"}
    assert all("处" in t.detail for t in found)
    assert Notification.objects.filter(recipient=clerk).count() == 1
    ArchiveFinding.objects.filter(assisted=household("XS001")).update(fixed_at=timezone.now())
    assert [t.subject for t in tasks.collect(clerk)] == ["户 XS002 张三"]
    assert tasks.counts(clerk)["assistance.archive"] == tasks.TaskCount(1, 0)


def test_a_helper_has_the_households_still_short_of_visits_due_at_month_end(assisted):
    world = assisted
    assert [t.subject for t in tasks.collect(world.xs_worker, today=MARCH)] == ["户 XS001 张三"]
    visit(world.xs_worker, "XS001", date(2026, 3, 2), "09:00", 40)
    [task] = tasks.collect(world.xs_worker, today=MARCH)
    assert (task.title, task.due, task.user_id, task.tab) == (
        "本月还需走访 1 次",
        date(2026, 3, 31),
        world.xs_worker.pk,
        "mine",
    )
    assert task.detail == "新市村 · 有效走访 1/2 次"
    visit(world.xs_worker, "XS001", date(2026, 3, 9), "09:00", 20)  # too short: does not count (the module's rule)
    assert len(tasks.collect(world.xs_worker, today=MARCH)) == 1
    visit(world.xs_worker, "XS001", date(2026, 3, 16), "09:00", 30)
    assert tasks.collect(world.xs_worker, today=MARCH) == []
    assert tasks.collect(world.xs_admin, today=MARCH) == []  # the admin helps nobody


def test_a_unit_that_does_not_work_with_the_module_has_no_such_tasks(assisted, jianwei):
    from taizhang.org.models import UnitModule

    staff, department = jianwei
    P.problem_assign(actor=assisted.xs_admin, problem=reported(assisted), department=department)
    UnitModule.objects.filter(unit=assisted.xinshi, module="assistance").delete()
    staff.refresh_from_db()
    assert tasks.collect(staff) == []


def queries(call) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        call()
    return len(context)


def test_the_collectors_take_a_fixed_number_of_queries(assisted, jianwei, django_assert_max_num_queries):
    staff, department = jianwei

    def assign(n):
        for i in range(n):
            P.problem_assign(
                actor=assisted.xs_admin, problem=reported(assisted, description=f"问题{i}"), department=department
            )
        A.archive_check(actor=assisted.xs_admin, unit=assisted.xinshi)

    def fresh(user):
        return User.objects.get(pk=user.pk)  # a new request's user: the per-request caches (scope, modules) empty

    assign(1)
    before = {
        u.username: queries(lambda u=u: tasks.collect(fresh(u), today=MARCH))
        for u in (staff, assisted.xs_admin, assisted.xs_worker)
    }
    assign(12)
    reported(assisted, description="再上报一个")
    for user in (staff, assisted.xs_admin, assisted.xs_worker):
        assert queries(lambda u=user: tasks.collect(fresh(u), today=MARCH)) == before[user.username]
        # the user's node and scope, modules, a query per task kind of every module; the helper's compliance takes five
        with django_assert_max_num_queries(TASK_KINDS + 8):
            tasks.collect(fresh(user), today=MARCH)
    assert len(tasks.collect(fresh(staff))) == 13
    with django_assert_max_num_queries(TASK_KINDS + 4):  # the user's node and its parent, modules, one COUNT per kind
        counted = tasks.counts(fresh(staff))
    assert counted["assistance.problem-assigned"] == tasks.TaskCount(13, 0)
