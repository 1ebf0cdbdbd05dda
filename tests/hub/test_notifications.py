"""Notifications: written by `notify` when something is assigned, listed and marked read by their recipient only,
sent out through the configured channels after the commit (mail through Django's mail settings), a failing channel
logged and never breaking the assignment."""

import logging

import pytest
from django.core import mail

from taizhang.hub.models import Notification
from taizhang.hub.notifications import notify, unread_count
from taizhang.org.models import OrgNode, Role
from taizhang.staff.services import node_create, staff_create
from tests.conftest import PASSWORD

MAIL = ["taizhang.hub.channels.mail"]


@pytest.fixture
def group(world):
    """A work group of 新市镇 with two members (one with an email address) and one deactivated account."""
    node = node_create(actor=None, parent=world.xinshi, kind=OrgNode.Kind.WORKGROUP, name="镇建委", subtype="group")
    members = [
        staff_create(
            actor=None, node=node, username=f"jw{i}", full_name=f"建委{i}", role=Role.FIELD_WORKER, password=PASSWORD
        )
        for i in range(3)
    ]
    members[0].email = "jw0@example.gov.cn"
    members[0].save()
    members[2].is_active = False
    members[2].save()
    return node, members


def explode(notifications):
    raise ConnectionError("mail server down")


def test_a_node_stands_for_its_active_staff_and_the_actor_is_not_told(world, group):
    node, members = group
    made = notify(node, "问题已交办镇建委", "/assistance/problems/1/", actor=members[1])
    assert [n.recipient for n in made] == [members[0]]
    assert (made[0].unit_id, made[0].url, made[0].read_at) == (world.xinshi.pk, "/assistance/problems/1/", None)
    assert len(notify([world.xs_worker, world.xs_admin], "x")) == 2
    assert notify(None, "nobody") == []


def test_no_channel_by_default(world, group, django_capture_on_commit_callbacks):
    node, _ = group
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(node, "问题已交办镇建委")
    assert callbacks == [] and mail.outbox == []


def test_the_mail_channel_sends_after_commit_to_users_with_an_address(
    settings, world, group, django_capture_on_commit_callbacks
):
    settings.TAIZHANG_NOTIFY_CHANNELS = MAIL
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TAIZHANG_SITE_URL = "https://taizhang.example.gov.cn"
    node, _ = group
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(node, "户 XS001 的住房安全问题交办镇建委", "/assistance/problems/7/")
    assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    [sent] = mail.outbox
    assert sent.to == ["jw0@example.gov.cn"] and "住房安全问题交办镇建委" in sent.subject
    assert "https://taizhang.example.gov.cn/assistance/problems/7/" in sent.body


def test_a_failing_channel_is_logged_and_the_assignment_stands(
    settings, assisted_world, caplog, django_capture_on_commit_callbacks
):
    from taizhang.assistance import problems as P
    from taizhang.assistance.models import Department
    from tests.assistance.conftest import household

    world, node, department = assisted_world
    settings.TAIZHANG_NOTIFY_CHANNELS = ["tests.hub.test_notifications.explode", *MAIL]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    problem = P.problem_create(
        actor=world.xs_worker, assisted=household("XS001"), category="饮水", description="水管漏水", report=True
    )
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        problem = P.problem_assign(actor=world.xs_admin, problem=problem, department=department)
    assert problem.stage == "assigned"
    assert "tests.hub.test_notifications.explode failed" in caplog.text
    assert len(mail.outbox) == 1  # the next channel still ran
    assert Department.objects.get(pk=department.pk).node_id == node.pk


@pytest.fixture
def assisted_world(assisted, group):
    from taizhang.assistance import problems as P
    from taizhang.assistance.models import Department

    node, _ = group
    P.ensure_departments(assisted.xinshi.pk)
    department = Department.objects.get(unit=assisted.xinshi, name="镇建委")
    P.department_node_set(actor=assisted.xs_admin, department=department, node=node)
    department.refresh_from_db()
    return assisted, node, department


def test_the_list_page_the_bell_and_marking_read(client, world):
    first, second = (
        notify(world.xs_worker, text, url)[0]
        for text, url in (("问题已交办", "/assistance/problems/1/"), ("外部链接", "https://evil.example.com/"))
    )
    client.login(username="xs_worker", password=PASSWORD)
    assert "问题已交办" in client.get("/hub/notifications/").content.decode()
    assert 'id="unread-count">2<' in client.get("/hub/badges/").content.decode()
    assert client.get("/hub/notifications/", {"unread": "on"}).context["page"].paginator.count == 2
    response = client.post(f"/hub/notifications/{first.pk}/")
    assert response.status_code == 302 and response["Location"] == "/assistance/problems/1/"
    assert client.post(f"/hub/notifications/{second.pk}/")["Location"] == "/hub/notifications/"  # never off-site
    assert unread_count(world.xs_worker) == 0
    notify(world.xs_worker, "又一条")
    assert client.post("/hub/notifications/").status_code == 302
    assert not Notification.objects.filter(recipient=world.xs_worker, read_at__isnull=True).exists()


def test_nobody_reads_anothers_notifications(client, world):
    note = notify(world.xs_worker, "问题已交办")[0]
    client.login(username="xs_group", password=PASSWORD)  # same group, another person
    assert client.post(f"/hub/notifications/{note.pk}/").status_code == 404
    assert "问题已交办" not in client.get("/hub/notifications/").content.decode()
    assert client.post(f"/api/hub/notifications/{note.pk}/read").status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_the_api_lists_and_marks_read(client, world):
    notes = [notify(world.xs_worker, f"通知{i}")[0] for i in range(3)]
    client.login(username="xs_worker", password=PASSWORD)
    data = client.get("/api/hub/notifications").json()
    assert data["count"] == 3 and data["items"][0]["text"] == "通知2"
    assert client.post(f"/api/hub/notifications/{notes[0].pk}/read").json()["read_at"]
    assert client.get("/api/hub/notifications", {"unread": True}).json()["count"] == 2
    assert client.post("/api/hub/notifications/read-all").json() == {"marked": 2}


def test_the_list_page_takes_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    for i in range(25):
        notify(world.xs_worker, f"通知{i}")
    client.login(username="xs_worker", password=PASSWORD)
    with django_assert_max_num_queries(25):
        assert client.get("/hub/notifications/").status_code == 200
