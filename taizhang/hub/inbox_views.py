"""The inbox (我的待办) and notifications pages (the home page and module switches are in views.py)."""

from itertools import groupby

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from taizhang.core import clock
from taizhang.hub import notifications, tasks
from taizhang.hub.forms import InboxFilterForm, NotificationFilterForm

INBOX_PAGE_SIZE = 30
NOTIFICATION_PAGE_SIZE = 30


def inbox_tasks(user, filters: dict, today) -> dict:
    """The inbox as the page and the API show it: the tab's tasks (by kind, the kinds with overdue tasks first), the
    counts of both tabs and of each kind, the search applied."""
    everything = tasks.collect(user, today=today)
    by_tab = {tab: [t for t in everything if t.tab == tab] for tab in tasks.TABS}
    tab = filters.get("tab") or (tasks.MINE if by_tab[tasks.MINE] or not by_tab[tasks.GROUP] else tasks.GROUP)
    shown = by_tab[tab]
    kinds = [
        {"key": g["key"], "label": g["label"], "count": len(g["tasks"]), "overdue": g["overdue"]}
        for g in tasks.grouped(shown, today)
    ]
    if filters.get("kind"):
        shown = [t for t in shown if t.kind == filters["kind"]]
    word = (filters.get("q") or "").strip()
    if word:
        shown = [t for t in shown if word in t.title or word in t.subject or word in t.detail]
    ordered = [t for group in tasks.grouped(shown, today) for t in group["tasks"]]
    return {
        "tab": tab,
        "tasks": ordered,
        "kinds": kinds,
        "tabs": [
            {
                "key": key,
                "label": label,
                "count": len(by_tab[key]),
                "overdue": sum(t.overdue(today) for t in by_tab[key]),
            }
            for key, label in tasks.TABS.items()
        ],
    }


def inbox(request: HttpRequest) -> HttpResponse:
    form = InboxFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    today = clock.today()
    found = inbox_tasks(request.user, filters, today)
    page = Paginator(found["tasks"], INBOX_PAGE_SIZE).get_page(filters.get("page"))
    groups = [
        {"label": items[0].kind_label, "tasks": items}
        for items in (list(group) for _, group in groupby(page.object_list, key=lambda t: t.kind))
    ]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        **found,
        "page": page,
        "groups": groups,
        "today": today,
        "form": form,
        "q": filters.get("q") or "",
        "kind": filters.get("kind") or "",
        "querystring": query.urlencode(),
        "group_node": request.user.node,
    }
    template = "hub/_inbox_list.html" if request.htmx else "hub/inbox.html"
    return render(request, template, context)


def badges(request: HttpRequest) -> HttpResponse:
    """The menu's counters, fetched after the page: open to-dos (a count per task kind) and unread notifications."""
    badge = {"tasks": tasks.inbox_count(request.user), "unread": notifications.unread_count(request.user)}
    return render(request, "hub/_badges.html", {"badge": badge})


def notification_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        count = notifications.notifications_read_all(user=request.user)
        messages.success(request, f"已将 {count} 条通知标为已读" if count else "没有未读通知")
        return redirect("hub:notifications")
    form = NotificationFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    items = notifications.of_user(request.user)
    if filters.get("unread"):
        items = items.filter(read_at__isnull=True)
    page = Paginator(items, NOTIFICATION_PAGE_SIZE).get_page(filters.get("page"))
    return render(request, "hub/notifications.html", {"page": page, "unread_only": filters.get("unread", False)})


@require_POST
def notification_open(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark one's own notification read and follow its link (another user's notification is a 404). A POST: reading
    it is a change, and pages never write on GET."""
    notification = get_object_or_404(notifications.of_user(request.user), pk=notification_id)
    notifications.notification_read(user=request.user, notification=notification)
    if notification.url and url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()}):
        return redirect(notification.url)
    return redirect("hub:notifications")
