"""What the renewal signals' rules return, and how their sentences write areas, dates and times. No Django here.

Each rule of signals_measurement, signals_people and signals_agreement is one kind of hint (疑点) for the unit admin
and the auditor to look into — never a verdict, never a change to a record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from taizhang.renewal.rules.amounts import m2, money_text


@dataclass(frozen=True)
class Hint:
    ids: tuple[int, ...]  # the records it is about (measurements, determinations or agreements), in reading order
    day: date  # the day it is about: the period that holds it shows it
    detail: str  # the plain Chinese sentence naming the records
    key: str = ""  # what keeps it the same hint run after run when its records alone do not (see core.findings)


def area_text(value) -> str:
    return f"{m2(Decimal(value))} m²"


def day_text(day: date) -> str:
    return f"{day:%Y-%m-%d}"


def moment_text(at: datetime) -> str:
    return f"{at:%Y-%m-%d %H:%M}"


def yuan_text(value) -> str:
    return f"{money_text(Decimal(value))} 元"
