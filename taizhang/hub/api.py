"""/api/hub/: the inbox and the notifications, for the user who asks (nobody reads another's)."""

from __future__ import annotations

from datetime import date, datetime

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from taizhang.core import clock
from taizhang.hub import notifications, tasks
from taizhang.hub.inbox_views import inbox_tasks

router = Router(tags=["待办与通知"])


class TaskOut(Schema):
    kind: str
    kind_label: str
    tab: str
    title: str
    subject: str
    detail: str
    url: str
    due: date | None
    overdue: bool
    user_id: int | None
    node_id: int | None


class TabOut(Schema):
    key: str
    label: str
    count: int
    overdue: int


class InboxOut(Schema):
    tab: str
    tabs: list[TabOut]
    tasks: list[TaskOut]


class InboxFilter(Schema):
    tab: str = ""
    kind: str = ""
    q: str = ""


class KindCountOut(Schema):
    key: str
    label: str
    total: int
    overdue: int


class SummaryOut(Schema):
    total: int
    overdue: int
    unread: int
    kinds: list[KindCountOut]
    first: list[TaskOut]


class NotificationOut(Schema):
    id: int
    text: str
    url: str
    created_at: datetime
    read_at: datetime | None


def _task(task: tasks.Task, today: date) -> dict:
    return {
        "kind": task.kind,
        "kind_label": task.kind_label,
        "tab": task.tab,
        "title": task.title,
        "subject": task.subject,
        "detail": task.detail,
        "url": task.url,
        "due": task.due,
        "overdue": task.overdue(today),
        "user_id": task.user_id,
        "node_id": task.node_id,
    }


@router.get("/inbox", response=InboxOut)
def inbox(request, filters: Query[InboxFilter]):
    """One tab of the inbox (mine / group; the one with tasks when not given), by kind, overdue first."""
    today = clock.today()
    wanted = filters.dict()
    if wanted["tab"] not in tasks.TABS:
        wanted["tab"] = ""
    found = inbox_tasks(request.user, wanted, today)
    return {"tab": found["tab"], "tabs": found["tabs"], "tasks": [_task(t, today) for t in found["tasks"]]}


@router.get("/inbox/summary", response=SummaryOut)
def inbox_summary(request):
    today = clock.today()
    summary = tasks.inbox_summary(request.user, today=today)
    return {
        "total": summary.total,
        "overdue": summary.overdue,
        "unread": notifications.unread_count(request.user),
        "kinds": [
            {"key": key, "label": label, "total": c.total, "overdue": c.overdue} for key, label, c in summary.by_kind
        ],
        "first": [_task(t, today) for t in summary.first],
    }


@router.get("/notifications", response=list[NotificationOut])
@paginate(PageNumberPagination, page_size=30)
def notification_list(request, unread: bool = False):
    items = notifications.of_user(request.user)
    return items.filter(read_at__isnull=True) if unread else items


@router.post("/notifications/read-all", response=dict)
def notifications_read_all(request):
    return {"marked": notifications.notifications_read_all(user=request.user)}


@router.post("/notifications/{notification_id}/read", response=NotificationOut)
def notification_read(request, notification_id: int):
    notification = get_object_or_404(notifications.of_user(request.user), pk=notification_id)
    return notifications.notification_read(user=request.user, notification=notification)
