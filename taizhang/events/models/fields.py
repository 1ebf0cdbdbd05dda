"""The fields every events table shares: its unit (the distribution key), who, money, and the secrets of a sign-up."""

import secrets

from django.db import models

from taizhang.events.rules.codes import new_code
from taizhang.org.fields import unit_field as _unit
from taizhang.org.fields import user_field as _user

__all__ = ["_unit", "_user", "_yuan", "checkin_code", "new_token", "private_token"]


def _yuan(verbose_name: str, null: bool = False):
    """An amount in 元, to the fen."""
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, null=null, blank=null)


def new_token() -> str:
    """The private link of a sign-up: 192 random bits, URL-safe."""
    return secrets.token_urlsafe(24)


def private_token():
    return models.CharField("私密链接", max_length=64, unique=True, default=new_token, editable=False)


def checkin_code():
    """The code a person shows or reads out at check-in: unique within the event (see rules.codes)."""
    return models.CharField("签到码", max_length=16, default=new_code, editable=False)
