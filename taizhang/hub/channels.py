"""Outgoing notification channels, named in settings.TAIZHANG_NOTIFY_CHANNELS (none by default).

A channel is `send(notifications: list[Notification]) -> None`, called after the assignment committed; it may raise
(hub.notifications logs it and carries on)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import get_connection, send_mail

log = logging.getLogger(__name__)


def mail(notifications) -> None:
    """One mail per notification to recipients with an email address, through Django's mail settings (SMTP)."""
    site = getattr(settings, "TAIZHANG_SITE_URL", "")
    connection = get_connection()
    for notification in notifications:
        address = notification.recipient.email
        if not address:
            continue
        link = f"\n\n{site}{notification.url}" if notification.url else ""
        try:
            send_mail(
                subject=f"台账通知：{notification.text[:60]}",
                message=notification.text + link,
                from_email=None,
                recipient_list=[address],
                connection=connection,
            )
        except Exception:  # one bad address or a dropped connection must not keep the others' mail back
            log.exception("mail to %s failed", address)
