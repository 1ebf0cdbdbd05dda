"""Planning pages: a planner creates an event and its programme, assigns staff, keeps the checklist and the budget;
another unit's users find none of it; field workers read but do not plan; lists keep a fixed number of queries; the
checklist's due tasks land in their owners' inboxes; the create-event command and the API."""

from datetime import date
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from taizhang.audit.models import AuditEntry
from taizhang.events import plan, plan_budget
from taizhang.events.models import BudgetLine, Event, PrepTask, Session, StaffAssignment
from tests.events.fixtures_plan import planned_fixture  # noqa: F401  (the fixture `planned`)


def test_a_planner_creates_an_event_and_adds_a_session(client, login, world):
    login(world.xs_admin)
    assert "新建活动" in client.get("/events/").content.decode()
    response = client.post(
        "/events/new/",
        {"name": "2021年新市镇农民丰收节", "starts_on": "2021-09-18", "place": "新市村荷塘", "organiser": ""},
    )
    event = Event.objects.get(name="2021年新市镇农民丰收节")
    assert response.status_code == 302 and response["Location"] == f"/events/{event.pk}/"
    response = client.post(
        f"/events/{event.pk}/sessions/new/",
        {"name": "采摘·上午场", "kind": "picking", "starts_at": "09:00", "ends_at": "10:30", "signup": "person",
         "capacity": "60"},
    )  # fmt: skip
    assert response.status_code == 302
    session = Session.objects.get(event=event)
    assert (session.capacity, session.signup, session.starts_at.hour) == (60, "person", 9)
    page = client.get(f"/events/{event.pk}/").content.decode()
    assert "筹备" in page and "管理场次" in page and "公开报名页" in page


def test_a_session_without_sign_up_refuses_a_capacity_naming_the_field(client, login, world, festival):
    login(world.xs_admin)
    page = client.post(
        f"/events/{festival.event.pk}/sessions/new/",
        {"name": "舞龙", "kind": "show", "signup": "none", "capacity": "5"},
    ).content.decode()
    assert "无需报名的场次不设容量" in page


def test_the_session_form_says_capacity_is_read_only_once_people_signed_up(client, login, world, festival):
    from taizhang.events.models import SignUp

    SignUp.objects.create(unit=world.xinshi, event=festival.event, session=festival.morning, name="张三",
                          phone="13800000000", signed_at=festival.event.created_at)  # fmt: skip
    login(world.xs_admin)
    page = client.get(f"/events/sessions/{festival.morning.pk}/edit/").content.decode()
    assert "容量只能在报名管理中调整" in page and "disabled" in page
    programme = client.get(f"/events/{festival.event.pk}/programme/").content.decode()
    assert "已有报名，不能删除" in programme


def test_publishing_goes_through_a_confirm_page_showing_the_absolute_link(client, login, world):
    from tests.events.conftest import make_festival

    festival = make_festival(world, published=False)
    login(world.xs_admin)
    page = client.get(f"/events/{festival.event.pk}/publish/").content.decode()
    assert "公开后任何人凭链接可报名" in page
    assert f"http://testserver/public/events/{festival.event.public_key}/" in page
    assert client.post(f"/events/{festival.event.pk}/publish/").status_code == 302
    festival.event.refresh_from_db()
    assert festival.event.published
    assert (
        f"/public/events/{festival.event.public_key}/" in client.get(f"/events/{festival.event.pk}/").content.decode()
    )


def test_removing_a_session_is_confirmed(client, login, world, festival):
    login(world.xs_admin)
    assert "确定" in client.get(f"/events/sessions/{festival.show.pk}/remove/").content.decode()
    client.post(f"/events/sessions/{festival.show.pk}/remove/")
    assert not Session.objects.filter(pk=festival.show.pk).exists()


def test_a_field_worker_reads_the_rota_but_may_not_plan(client, login, world, planned):
    event = planned.festival.event
    login(world.xs_worker)
    rota = client.get(f"/events/{event.pk}/rota/").content.decode()
    assert "签到台" in rota and "安排工作人员" not in rota
    for url in (f"/events/{event.pk}/edit/", f"/events/{event.pk}/rota/new/", f"/events/{event.pk}/budget/new/",
                f"/events/assignments/{planned.signin.pk}/remove/", "/events/new/"):  # fmt: skip
        assert client.get(url).status_code == 403, url


def test_another_unit_finds_none_of_the_planning(client, login, world, planned):
    event = planned.festival.event
    login(world.jy_admin)
    for url in (f"/events/{event.pk}/rota/", f"/events/{event.pk}/tasks/", f"/events/{event.pk}/budget/",
                f"/events/{event.pk}/budget.xlsx", f"/events/tasks/{planned.stage.pk}/edit/",
                f"/events/budget/{planned.sound.pk}/spend/", f"/api/events/events/{event.pk}/budget"):  # fmt: skip
        assert client.get(url).status_code == 404, url


def test_assigning_staff_from_the_form_and_removing_with_a_reason(client, login, world, planned):
    event = planned.festival.event
    login(world.xs_admin)
    response = client.post(
        f"/events/{event.pk}/rota/new/",
        {"user": world.wenshao_worker.pk, "duty": "安保", "session": planned.festival.tug.pk, "starts_at": "13:30",
         "ends_at": "15:30"},
    )  # fmt: skip
    assert response.status_code == 302
    made = StaffAssignment.objects.get(duty="安保")
    assert timezone.localtime(made.starts_at).hour == 13 and made.session == planned.festival.tug
    client.post(f"/events/assignments/{made.pk}/remove/", {"reason": "换人"})
    assert not StaffAssignment.objects.filter(pk=made.pk).exists()


def test_my_assignments_list_a_staff_member_s_duties(client, login, world, planned):
    login(world.xs_group_leader)
    page = client.get("/events/mine/").content.decode()
    assert "采摘区引导" in page and "签到台" not in page


def test_the_checklist_filters_and_ticks_off(client, login, world, planned, clock):
    clock.set(clock.now().replace(year=2020, month=9, day=13))
    login(world.xs_admin)
    page = client.get(f"/events/{planned.festival.event.pk}/tasks/").content.decode()
    assert "搭建舞台" in page and "即将到期" in page and "印制宣传单" in page
    page = client.get(f"/events/{planned.festival.event.pk}/tasks/?state=done").content.decode()
    assert "印制宣传单" in page and "搭建舞台" not in page
    client.post(f"/events/tasks/{planned.stage.pk}/done/")
    assert PrepTask.objects.get(pk=planned.stage.pk).done_on == date(2020, 9, 13)


def test_due_and_overdue_tasks_land_in_their_owner_s_inbox(client, login, world, planned, clock):
    clock.set(clock.now().replace(year=2020, month=9, day=16))  # 搭建舞台 was due on 9月15日
    login(world.xs_admin)
    inbox = client.get("/hub/inbox/").content.decode()
    assert "活动筹备任务" in inbox and "搭建舞台" in inbox
    from taizhang.hub.tasks import counts

    assert counts(world.xs_admin)["events.prep_task"].overdue == 1
    assert "events.prep_task" not in counts(world.xs_worker) or counts(world.xs_worker)["events.prep_task"].total == 0
    plan.task_done(actor=world.xs_admin, task=planned.stage)
    assert counts(world.xs_admin)["events.prep_task"].total == 0


def test_a_task_far_ahead_is_not_in_the_inbox_yet(world, planned, clock):
    from taizhang.hub.tasks import collect

    clock.set(clock.now().replace(year=2020, month=9, day=11))  # four days ahead of 9月15日
    assert not collect(world.xs_admin, kind="events.prep_task")
    clock.set(clock.now().replace(day=12))
    assert [t.subject for t in collect(world.xs_admin, kind="events.prep_task")] == [
        "2020年新市镇农民丰收节 · 搭建舞台"
    ]


def test_the_budget_page_marks_an_over_budget_line_and_exports_the_sheet(client, login, world, planned):
    plan_budget.spending_create(actor=world.xs_admin, line=planned.prizes, spent_on=date(2020, 9, 1),
                                amount=Decimal("1200"), payee="新市超市")  # fmt: skip
    login(world.xs_admin)
    page = client.get(f"/events/{planned.festival.event.pk}/budget/").content.decode()
    assert "超支" in page and "-200.00" in page and "9000.00" in page
    response = client.get(f"/events/{planned.festival.event.pk}/budget.xlsx")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[1][:3] == ["序号", "科目", "预算金额（元）"]
    assert rows[-1][1:5] == ["合计", 9000, 1200, 7800]
    assert AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT, object_type="events.event").exists()


def test_the_planning_lists_keep_a_fixed_number_of_queries(
    client, login, world, planned, django_assert_max_num_queries
):
    event = planned.festival.event
    for n in range(25):
        plan.task_create(actor=None, event=event, title=f"事项{n}", owner=world.xs_worker, due_on=date(2020, 9, 1 + n))
        plan.assignment_create(actor=None, event=event, user=world.wenshao_worker, duty=f"岗位{n}",
                               session=planned.festival.noon if n % 2 else None)  # fmt: skip
        line = plan_budget.line_create(actor=None, event=event, item=f"科目{n}", budgeted=100)
        plan_budget.spending_create(actor=None, line=line, spent_on=date(2020, 9, 1), amount=10, payee="某公司")
    login(world.xs_admin)
    for url in (f"/events/{event.pk}/tasks/", f"/events/{event.pk}/rota/", f"/events/{event.pk}/budget/",
                "/events/mine/", f"/events/{event.pk}/programme/"):  # fmt: skip
        with django_assert_max_num_queries(16):
            assert client.get(url).status_code == 200, url


def test_the_create_event_command_makes_the_event_and_its_sessions(world):
    out = StringIO()
    call_command("create-event", "2021年新市镇丰收节", "--unit", "新市镇", "--date", "2021-09-18",
                 "--session", "采摘·上午场:60", "--session", "群众演出", "--place", "荷塘", stdout=out)  # fmt: skip
    event = Event.objects.get(name="2021年新市镇丰收节")
    assert (event.unit, event.starts_on, event.place) == (world.xinshi, date(2021, 9, 18), "荷塘")
    assert {s.name: (s.signup, s.capacity) for s in event.sessions.all()} == {
        "采摘·上午场": ("person", 60),
        "群众演出": ("none", None),
    }
    assert "已新建活动：2021年新市镇丰收节" in out.getvalue() and "共 2 个场次" in out.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--unit", "没有这个镇", "--date", "2021-09-18"], "--unit：找不到单位“没有这个镇”"),
        (["--unit", "新市镇", "--date", "2021-13-01"], "--date：“2021-13-01”不是 YYYY-MM-DD 格式的日期"),
        (["--unit", "新市镇", "--date", "2021-09-18", "--session", "采摘:六十"], "--session：场次“采摘:六十”的容量"),
        (["--unit", "新市镇", "--date", "2021-09-18", "--session", "采摘:5", "--session", "采摘:6"], "已有名为“采摘”"),
    ],
)
def test_the_create_event_command_refuses_bad_arguments_in_chinese(world, args, message):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as refused:
        call_command("create-event", "活动X", *args, stdout=StringIO())
    assert message in str(refused.value)
    assert not Event.objects.filter(name="活动X").exists()


def test_the_api_reads_the_plan_and_records_spending(client, login, world, planned, clock):
    clock.set(clock.now().replace(year=2020, month=9, day=16))
    event = planned.festival.event
    login(world.xs_admin)
    assert {a["duty"] for a in client.get(f"/api/events/events/{event.pk}/assignments").json()} == {
        "签到台",
        "采摘区引导",
    }
    tasks = client.get(f"/api/events/events/{event.pk}/tasks").json()
    assert {t["title"]: t["state"] for t in tasks} == {"搭建舞台": "overdue", "印制宣传单": "done"}
    made = client.post(
        f"/api/events/budget/{planned.sound.pk}/spendings",
        {"spent_on": "2020-09-10", "amount": "3000.50", "payee": "济阳音响租赁"},
        content_type="application/json",
    )
    assert made.status_code == 201
    budget = client.get(f"/api/events/events/{event.pk}/budget").json()
    assert Decimal(budget["spent"]) == Decimal("3000.50") and Decimal(budget["remaining"]) == Decimal("5999.50")
    assert client.post(f"/api/events/tasks/{planned.stage.pk}/done").json()["state"] == "done"
    login(world.xs_worker)
    refused = client.post(
        f"/api/events/budget/{planned.sound.pk}/spendings",
        {"spent_on": "2020-09-10", "amount": "1", "payee": "x"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert BudgetLine.objects.get(pk=planned.sound.pk).spendings.count() == 1
