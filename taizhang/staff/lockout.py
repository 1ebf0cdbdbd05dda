"""Login lock-out per account and throttling per client address, counted atomically; audited.

Before a password is evaluated the attempt claims a slot on both counters inside a transaction that locks the
counter's row (SELECT … FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions serialise writers), so any
number of parallel attempts evaluate at most the limit. A success gives the slots back."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_append
from taizhang.core import clock
from taizhang.org.models import LoginAttempt, LoginThrottle, User
from taizhang.staff import rules
from taizhang.staff.accounts import check_admin_over, staff_draft

Kind = LoginThrottle.Kind


def _window() -> timedelta:
    return timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def _limit(kind: str) -> int:
    return settings.LOGIN_MAX_FAILURES if kind == Kind.ACCOUNT else settings.LOGIN_MAX_FAILURES_PER_ADDRESS


def claim(kind: str, key: str) -> rules.Claim:
    """Count one attempt for `key`, or refuse it while the key is locked."""
    key = key[:150]
    LoginThrottle.objects.bulk_create([LoginThrottle(kind=kind, key=key)], ignore_conflicts=True)
    with transaction.atomic():
        row = LoginThrottle.objects.select_for_update().get(kind=kind, key=key)
        result = rules.claim(row.attempts, row.last_at, clock.now(), limit=_limit(kind), window=_window())
        if result.allowed:
            row.attempts, row.last_at = result.attempts, result.last_at
            row.save(update_fields=["attempts", "last_at"])
    return result


def give_back(kind: str, key: str) -> None:
    """An attempt that was not a failure (the right password, or never evaluated) stops counting."""
    LoginThrottle.objects.filter(kind=kind, key=key[:150], attempts__gt=0).update(attempts=F("attempts") - 1)


def reset(username: str) -> None:
    LoginThrottle.objects.filter(kind=Kind.ACCOUNT, key=username[:150]).update(attempts=0)


def locked_until(kind: str, key: str) -> datetime | None:
    row = LoginThrottle.objects.filter(kind=kind, key=key[:150]).first()
    if row is None:
        return None
    return rules.locked_until(row.attempts, row.last_at, clock.now(), limit=_limit(kind), window=_window())


def login_locked_until(username: str) -> datetime | None:
    """When the account unlocks, or None if it is not locked."""
    return locked_until(Kind.ACCOUNT, username)


def locked_accounts(usernames) -> dict[str, datetime]:
    """Of these accounts, the locked ones and when each unlocks (one query, for a page of the staff list)."""
    now, window, limit = clock.now(), _window(), settings.LOGIN_MAX_FAILURES
    rows = LoginThrottle.objects.filter(
        kind=Kind.ACCOUNT, key__in=list(usernames), attempts__gte=limit, last_at__gt=now - window
    )
    return {row.key: row.last_at + window for row in rows}


def login_record(*, username: str, ip: str, succeeded: bool, user: User | None = None, refusal: str = "", locks=False):
    """Keep an evaluated attempt (`refusal` empty) in the login history and audit it against a known account; an
    attempt refused unevaluated is audited with the refusal as its reason; the failure that locks the account is
    audited as such."""
    if not refusal:
        LoginAttempt.objects.create(username=username[:150], ip=ip, succeeded=succeeded)
    if user is None:
        return
    drafts = [staff_draft(user, AuditEntry.Action.LOGIN if succeeded else AuditEntry.Action.LOGIN_FAILED, {}, refusal)]
    if locks:
        drafts.append(
            staff_draft(
                user,
                AuditEntry.Action.LOCKED,
                {},
                f"连续 {settings.LOGIN_MAX_FAILURES} 次密码错误，锁定 {settings.LOGIN_LOCKOUT_MINUTES} 分钟",
            )
        )
    audit_append(drafts, actor=user if succeeded else None)


@transaction.atomic
def account_unlock(*, actor, user: User, reason: str) -> User:
    """An admin lifts the lock before its time, with a reason."""
    check_admin_over(actor, user.node)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "请填写解锁原因"})
    if login_locked_until(user.username) is None:
        return user
    reset(user.username)
    audit_append([staff_draft(user, AuditEntry.Action.UPDATE, {"登录锁定": ["已锁定", "已解除"]}, reason)], actor=actor)
    return user
