"""In-app notifications: `notify(users or node, text, url)` at the moment something is assigned.

A notification is an event ("问题已交办给您的部门"), not the task: the task stays in the inbox for as long as its record
says it is open. Outgoing channels (settings.TAIZHANG_NOTIFY_CHANNELS, dotted paths of `send(notifications)`, none by
default) run after the assignment's transaction commits; a failing channel is logged and never undoes or breaks the
assignment."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils.module_loading import import_string

from taizhang.core import clock
from taizhang.hub.models import Notification
from taizhang.org.models import OrgNode, User

log = logging.getLogger(__name__)


def recipients_of(target: OrgNode | Iterable[User] | User | None) -> list[User]:
    """A node stands for its active staff (a work group's members); users stand for themselves."""
    if target is None:
        return []
    if isinstance(target, OrgNode):
        return list(User.objects.filter(node=target, is_active=True).order_by("id"))
    if isinstance(target, User):
        return [target] if target.is_active else []
    return [user for user in target if user.is_active]


def notify(
    target: OrgNode | Iterable[User] | User | None, text: str, url: str = "", *, actor=None
) -> list[Notification]:
    """Tell the users (or a node's staff) that something happened; the acting user is not told of their own act.

    Call it inside the service's transaction: the notifications are written with the change, and the outgoing
    channels run only once it has committed."""
    users = {user.pk: user for user in recipients_of(target) if actor is None or user.pk != actor.pk}
    if not users:
        return []
    notifications = Notification.objects.bulk_create(
        [Notification(recipient=user, unit_id=user.unit_id, text=text[:300], url=url[:300]) for user in users.values()]
    )
    for notification in notifications:
        notification.recipient = users[notification.recipient_id]
    channels = list(getattr(settings, "TAIZHANG_NOTIFY_CHANNELS", []) or [])
    if channels:
        transaction.on_commit(lambda: send_out(notifications, channels))
    return notifications


def send_out(notifications: list[Notification], channels: Iterable[str]) -> None:
    for path in channels:
        try:
            import_string(path)(notifications)
        except Exception:  # a channel (mail server down, bad address) must never break the work that was assigned
            log.exception("notification channel %s failed for %d notification(s)", path, len(notifications))


# --- reads and marking read ---------------------------------------------------------------------------


def of_user(user) -> QuerySet[Notification]:
    """A user's own notifications: nobody reads another's."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient_id=user.pk)


def unread_count(user) -> int:
    cached = getattr(user, "_taizhang_unread", None)
    if cached is None:
        cached = of_user(user).filter(read_at__isnull=True).count()
        if getattr(user, "is_authenticated", False):
            user._taizhang_unread = cached
    return cached


def notification_read(*, user, notification: Notification) -> Notification:
    if notification.recipient_id != user.pk:
        raise PermissionDenied("这不是您的通知")
    if notification.read_at is None:
        notification.read_at = clock.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_read_all(*, user) -> int:
    return of_user(user).filter(read_at__isnull=True).update(read_at=clock.now())
