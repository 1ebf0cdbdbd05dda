"""The lock-out rule over plain values: how a login attempt is counted against an account or a client address."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Claim:
    allowed: bool  # whether this attempt may have its password evaluated
    attempts: int  # counted attempts after this one (this one included when allowed)
    last_at: datetime | None  # when the last counted attempt was
    locked_until: datetime | None = None  # when refused: when the next attempt will be allowed


def current_attempts(attempts: int, last_at: datetime | None, now: datetime, window: timedelta) -> int:
    """Counted attempts are forgotten once a whole window has passed without one."""
    if last_at is None or now - last_at >= window:
        return 0
    return attempts


def claim(attempts: int, last_at: datetime | None, now: datetime, *, limit: int, window: timedelta) -> Claim:
    """Count one more attempt, or refuse it when `limit` attempts are already counted: the lock then lasts one
    window from the last counted attempt (attempts refused during the lock are not counted, so it ends when it
    says it ends)."""
    counted = current_attempts(attempts, last_at, now, window)
    if counted >= limit:
        return Claim(False, counted, last_at, locked_until=last_at + window)
    return Claim(True, counted + 1, now)


def locked_until(
    attempts: int, last_at: datetime | None, now: datetime, *, limit: int, window: timedelta
) -> datetime | None:
    if current_attempts(attempts, last_at, now, window) >= limit:
        return last_at + window
    return None


# (substring of the User-Agent, label), first match wins: WeChat's and Edge's agents also say Chrome and Safari.
BROWSERS = [
    ("MicroMessenger", "微信"),
    ("DingTalk", "钉钉"),
    ("Edg/", "Edge"),
    ("QQBrowser", "QQ浏览器"),
    ("UCBrowser", "UC浏览器"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
]
SYSTEMS = [
    ("HarmonyOS", "鸿蒙", True),
    ("Android", "安卓", True),
    ("iPhone", "iPhone", True),
    ("iPad", "iPad", True),
    ("Windows", "Windows", False),
    ("Mac OS X", "Mac", False),
    ("Linux", "Linux", False),
]


def device_label(user_agent: str) -> str:
    """A short Chinese name of the device and browser a session was opened on ("手机 · 安卓 · 微信")."""
    system = next(((name, phone) for key, name, phone in SYSTEMS if key in user_agent), None)
    browser = next((name for key, name in BROWSERS if key in user_agent), None)
    if system is None and browser is None:
        return "未知设备"
    parts = ["手机" if system and system[1] else "电脑"]
    if system:
        parts.append(system[0])
    if browser:
        parts.append(browser)
    return " · ".join(parts)
