"""Signed-in sessions per user: recorded at login, stamped as used at most once a minute, listed to their owner, and
signed out from elsewhere (the others, after a password change or an admin's reset)."""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import update_session_auth_hash
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_append
from taizhang.core import clock
from taizhang.core.http import client_address
from taizhang.org.models import User, UserSession
from taizhang.staff.accounts import staff_draft

SESSION_ID = "_taizhang_session"  # the UserSession's id, kept in the session itself
SEEN_AT = "_taizhang_seen"  # when last_seen was last written (epoch seconds)
STAMP_EVERY = 60  # seconds: last_seen is "within a minute", and most requests write nothing


def _idle_limit():
    return clock.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE)


def session_started(sender, request, user: User, **kwargs) -> None:
    """Record the session that just signed in (receives `user_logged_in`)."""
    now = clock.now()
    UserSession.objects.filter(user=user, last_seen__lt=_idle_limit()).delete()
    if not request.session.session_key:
        request.session.save()
    # Signing in again inside a session of the same user keeps its key (Django cycles it only for another user).
    record, _ = UserSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user,
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
            "ip": client_address(request),
            "created_at": now,
            "last_seen": now,
        },
    )
    request.session[SESSION_ID] = record.pk
    request.session[SEEN_AT] = now.timestamp()


def session_ended(sender, request, user, **kwargs) -> None:
    """Forget the session that signed out (receives `user_logged_out`)."""
    if request is not None and getattr(request, "session", None) is not None and request.session.session_key:
        UserSession.objects.filter(session_key=request.session.session_key).delete()


def still_signed_in(request) -> bool:
    """Whether this authenticated request's session is a recorded one that nobody has signed out; stamps its
    last use once a minute. A session from before sessions were recorded has no record and must sign in again."""
    record_id = request.session.get(SESSION_ID)
    if record_id is None:
        return False
    now = clock.now()
    if now.timestamp() - request.session.get(SEEN_AT, 0) < STAMP_EVERY:
        return True
    updated = UserSession.objects.filter(pk=record_id, user_id=request.user.pk).update(
        last_seen=now, ip=client_address(request)
    )
    request.session[SEEN_AT] = now.timestamp()
    return updated == 1


def active_sessions(user: User):
    return UserSession.objects.filter(user=user, last_seen__gte=_idle_limit()).order_by("-last_seen")


def _end(records) -> int:
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for record in records:
        store(session_key=record.session_key).delete()
        record.delete()
        ended += 1
    return ended


@transaction.atomic
def sign_out_others(*, user: User, keep_key: str | None, reason: str, actor=None) -> int:
    """End every session of `user` except `keep_key` (None: all of them); audited, as done by `actor` (default: the
    user), when there were any. Returns how many ended."""
    others = [record for record in UserSession.objects.filter(user=user) if record.session_key != keep_key]
    ended = _end(others)
    if ended:
        audit_append(
            [staff_draft(user, AuditEntry.Action.UPDATE, {"已登录设备": [f"{ended} 处已退出", None]}, reason)],
            actor=actor or user,
        )
    return ended


def keep_this_session_only(request, user: User) -> None:
    """After the user changed their password: this session stays signed in (under a new key, as Django cycles it),
    every other one ends."""
    old_key = request.session.session_key
    update_session_auth_hash(request, user)
    UserSession.objects.filter(session_key=old_key).update(session_key=request.session.session_key)
    sign_out_others(user=user, keep_key=request.session.session_key, reason="修改密码后退出其他设备")
