"""The to-do inbox (我的待办): the page with its tabs, search and pagination, the menu badge, the summary for the
home page and the API — each user sees only their own and their group's tasks."""

from datetime import timedelta

import pytest
from django.utils import timezone

from taizhang.assistance import problems as P
from taizhang.assistance.models import Department
from taizhang.core.manifest import modules
from taizhang.hub import tasks
from taizhang.org.models import OrgNode, Role, User
from taizhang.staff.services import node_create, staff_create
from tests.assistance.conftest import household
from tests.conftest import PASSWORD

# The modules' kinds and the kernel's (疑点待核实, for units whose modules declare signals).
TASK_KINDS = sum(len(spec.task_kinds) for spec in modules()) + len(tasks.KERNEL_TASK_KINDS)


@pytest.fixture
def jianwei(assisted):
    """镇建委 (a work group of 新市镇 linked to the department) with its member xs_jianwei."""
    group = node_create(actor=None, parent=assisted.xinshi, kind=OrgNode.Kind.WORKGROUP, name="镇建委", subtype="group")
    staff = staff_create(
        actor=None, node=group, username="xs_jianwei", full_name="孟建委", role=Role.FIELD_WORKER, password=PASSWORD
    )
    P.ensure_departments(assisted.xinshi.pk)
    department = Department.objects.get(unit=assisted.xinshi, name="镇建委")
    P.department_node_set(actor=assisted.xs_admin, department=department, node=group)
    department.refresh_from_db()
    return staff, department


def assign(world, department, n=1, *, no="XS001", due=None):
    made = []
    for i in range(n):
        problem = P.problem_create(
            actor=world.xs_worker,
            assisted=household(no),
            category="住房安全",
            description=f"房屋问题{i:02d}",
            found_on=timezone.localdate(),
            report=True,
        )
        made.append(P.problem_assign(actor=world.xs_admin, problem=problem, department=department, due=due))
    return made


def overdue(problem, days=3):
    type(problem).objects.filter(pk=problem.pk).update(due_date=timezone.localdate() - timedelta(days=days))


def test_the_group_tab_lists_the_departments_problems_overdue_first(client, assisted, jianwei):
    _, department = jianwei
    late, _ = assign(assisted, department, 2)
    overdue(late)
    client.login(username="xs_jianwei", password=PASSWORD)
    page = client.get("/hub/inbox/")
    body = page.content.decode()
    assert page.context["tab"] == "group"  # nothing of their own: the group's tab opens
    assert [t.subject for t in page.context["tasks"]] == ["户 XS001 张三 · 房屋问题00", "户 XS001 张三 · 房屋问题01"]
    assert "逾期 3 天" in body and "交办问题" in body and f"/assistance/problems/{late.pk}/" in body


def test_the_mine_tab_has_the_helpers_visits(client, assisted):
    client.login(username="xs_worker", password=PASSWORD)
    page = client.get("/hub/inbox/", {"tab": "mine"})
    assert page.status_code == 200
    assert [t.kind for t in page.context["tasks"]] == ["assistance.visits"]
    assert page.context["tasks"][0].user_id == assisted.xs_worker.pk
    assert "本月还需走访 2 次" in page.content.decode()


def test_search_and_pagination(client, assisted, jianwei):
    _, department = jianwei
    assign(assisted, department, 35)
    client.login(username="xs_jianwei", password=PASSWORD)
    first = client.get("/hub/inbox/", {"tab": "group"})
    assert len(first.context["page"].object_list) == 30 and first.context["page"].paginator.num_pages == 2
    assert len(client.get("/hub/inbox/", {"tab": "group", "page": 2}).context["page"].object_list) == 5
    found = client.get("/hub/inbox/", {"tab": "group", "q": "房屋问题07"}, headers={"HX-Request": "true"})
    assert [t.subject for t in found.context["tasks"]] == ["户 XS001 张三 · 房屋问题07"]
    assert "<html" not in found.content.decode()  # htmx gets the list only
    assert client.get("/hub/inbox/", {"tab": "nonsense", "page": "x"}).status_code == 200


def test_the_page_takes_a_fixed_number_of_queries(client, assisted, jianwei, django_assert_max_num_queries):
    _, department = jianwei
    assign(assisted, department, 3)
    client.login(username="xs_jianwei", password=PASSWORD)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/hub/inbox/")
    assign(assisted, department, 20)
    with django_assert_max_num_queries(len(few)):
        client.get("/hub/inbox/")


def test_the_menu_badge_counts_the_open_tasks_after_the_page(client, assisted, jianwei, django_assert_max_num_queries):
    _, department = jianwei
    assign(assisted, department, 2)
    client.login(username="xs_jianwei", password=PASSWORD)
    assert 'hx-get="/hub/badges/"' in client.get("/hub/inbox/").content.decode()
    # session, user, node twice, modules, at most a COUNT per task kind, the people module's committee check, unread,
    # the session saved
    with django_assert_max_num_queries(TASK_KINDS + 8):
        body = client.get("/hub/badges/").content.decode()
    assert 'id="inbox-count">2<' in body and "我的待办：2 项" in body and 'id="unread-count">2<' in body
    client.login(username="leader", password=PASSWORD)
    assert 'id="inbox-count"' not in client.get("/hub/badges/").content.decode()


def test_another_unit_sees_none_of_it(client, assisted, jianwei):
    _, department = jianwei
    assign(assisted, department, 2)
    for username in ("jy_admin", "jy_worker", "leader"):
        client.login(username=username, password=PASSWORD)
        response = client.get("/hub/inbox/", {"tab": "group"})
        assert response.context["tasks"] == [] and "XS001" not in response.content.decode()


def test_the_summary_for_the_home_page_is_cheap(assisted, jianwei, django_assert_max_num_queries):
    staff, department = jianwei
    late, *_ = assign(assisted, department, 5)
    overdue(late)
    # user, node twice, modules, and for each task kind at most a COUNT and the first few tasks
    with django_assert_max_num_queries(2 * TASK_KINDS + 4):
        summary = tasks.inbox_summary(User.objects.get(pk=staff.pk))
    assert (summary.total, summary.overdue) == (5, 1)
    assert summary.by_kind[0][:2] == ("assistance.problem-assigned", "交办问题")
    assert len(summary.first) == 3 and summary.first[0].subject.endswith("房屋问题00")


def test_the_api_gives_the_inbox_and_the_summary(client, assisted, jianwei):
    _, department = jianwei
    late, _ = assign(assisted, department, 2)
    overdue(late)
    client.login(username="xs_jianwei", password=PASSWORD)
    data = client.get("/api/hub/inbox").json()
    assert data["tab"] == "group" and [t["overdue"] for t in data["tasks"]] == [True, False]
    assert {t["key"]: t["count"] for t in data["tabs"]} == {"mine": 0, "group": 2}
    assert client.get("/api/hub/inbox", {"q": "房屋问题01"}).json()["tasks"][0]["subject"].endswith("房屋问题01")
    summary = client.get("/api/hub/inbox/summary").json()
    assert (summary["total"], summary["overdue"], summary["unread"]) == (2, 1, 2)
    client.login(username="jy_admin", password=PASSWORD)
    assert client.get("/api/hub/inbox", {"tab": "group"}).json()["tasks"] == []
