"""The sign-ups of 崔寨街道's festivals in the demo. The 2020 festival: the street's sign-up list (picking slots and
game teams from its villages) imported through the ledger as one batch — more than the slots hold, so some wait —
then a few cancelled, moving the first waiting up. The next festival: the morning picking slot full with five
waiting, the other slots partly filled, a few teams. Deterministic for the seed; run again, it changes nothing."""

from __future__ import annotations

import io
import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from taizhang.documents.tabular import write_xlsx
from taizhang.events import signups
from taizhang.events.ledgers import SIGNUPS, event_target
from taizhang.events.models import Event, Session, SignUp
from taizhang.events.rules import places
from taizhang.events.signups_import import COLUMNS, OPTIONAL
from taizhang.imports.services import import_run

VILLAGES = ["东辛村", "崔寨村", "史家坞村", "后范村", "王家坊村", "大柳树村", "郝家村", "前范村", "西辛村", "侯家村"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾崔史郝范"
GIVEN = [
    "秀英",
    "桂兰",
    "玉梅",
    "淑珍",
    "凤英",
    "建国",
    "建军",
    "志强",
    "国庆",
    "海燕",
    "丽娟",
    "春华",
    "明亮",
    "德福",
    "长青",
    "金凤",
    "红梅",
    "永强",
    "卫东",
    "立新",
    "保国",
    "翠兰",
    "连生",
    "宝山",
]
NUMBERS = "一二三四五六七八九十"
# The 2020 list: (session, sign-ups in the file) — picking beyond its 60/60/40 places, teams within the games'.
PAST_LIST = {
    "现场采摘·上午场": 72,
    "现场采摘·中午场": 63,
    "现场采摘·下午场": 28,  # the afternoon slot keeps places for walk-ins on the day
    "趣味运动会·拔河": 10,
    "趣味运动会·运粮接力": 8,
    "趣味运动会·两人三足": 12,
}
PAST_CANCELLED = 5  # 上午场 places given back before the day, each moving the first waiting up
CANCEL_REASONS = ["家中秋收走不开", "临时有事", "身体不适", "外出务工", "改报中午场"]
# The next festival, so far: (session, sign-ups) — the morning slot's 60 places and 5 waiting.
UPCOMING = {
    "现场采摘·上午场": 65,
    "现场采摘·中午场": 27,
    "现场采摘·下午场": 12,
    "趣味运动会·拔河": 4,
    "趣味运动会·运粮接力": 3,
    "趣味运动会·两人三足": 6,
}


class People:
    """Residents of the street's villages: a name, an 11-digit mobile (13/15/18…) never given twice, a village."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.phones: set[str] = set()

    def name(self) -> str:
        return self.rng.choice(SURNAMES) + self.rng.choice(GIVEN)

    def phone(self) -> str:
        while True:
            phone = self.rng.choice(["13", "15", "18"]) + f"{self.rng.randrange(10**9):09d}"
            if phone not in self.phones:
                self.phones.add(phone)
                return phone

    def team(self, session: Session, n: int) -> tuple[str, str, str]:
        """(village, team name, members) for the game: its team size with the contact."""
        village = VILLAGES[n % len(VILLAGES)]
        game = session.name.split("·")[-1]
        members = "、".join(self.name() for _ in range((session.team_size_max or 2) - 1))
        return village, f"{village}{game}{NUMBERS[n // len(VILLAGES)]}队", members


def _rows(event: Event, plan: dict[str, int], people: People, start: datetime, days: int) -> list[dict]:
    """The sign-ups of `plan`, each at a time within `days` after `start` (8:00–20:00), in no particular order."""
    rows = []
    sessions = {s.name: s for s in event.sessions.all()}
    for name, count in plan.items():
        session = sessions[name]
        for n in range(count):
            at = start + timedelta(days=people.rng.randrange(days), minutes=people.rng.randrange(12 * 60))
            row = {"session": session, "name": people.name(), "phone": people.phone(), "signed_at": at}
            if session.signup == Session.Signup.TEAM:
                row["village"], row["team_name"], row["members"] = people.team(session, n)
            else:
                row["village"], row["team_name"], row["members"] = people.rng.choice(VILLAGES), "", ""
            rows.append(row)
    return rows


def _workbook(event: Event, rows: list[dict]) -> bytes:
    lines = [
        [
            r["name"],
            r["phone"],
            r["session"].name,
            f"{r['signed_at']:%Y-%m-%d %H:%M}",
            r["team_name"],
            r["members"],
            r["village"],
        ]
        for r in rows
    ]
    out = io.BytesIO()
    write_xlsx(
        out,
        [*COLUMNS, *OPTIONAL],
        lines,
        sheet_title="报名汇总",
        title=f"{event.name}报名汇总表",
        text_columns=["手机号"],
    )
    return out.getvalue()


def _past(event: Event, rng: random.Random) -> None:
    if SignUp.objects.filter(event=event, source=SignUp.Source.IMPORT).exists():
        return
    start = timezone.make_aware(datetime.combine(event.starts_on - timedelta(days=25), time(8)))
    rows = _rows(event, PAST_LIST, People(rng), start, days=20)
    report, _ = import_run(
        ledger=SIGNUPS,
        actor=None,
        target=event_target(event),
        data=_workbook(event, rows),
        filename=f"{event.name}报名汇总表.xlsx",
    )
    if not report.applied:
        raise RuntimeError("the demo's sign-up list did not import: " + "; ".join(e.as_text() for e in report.errors))
    morning = event.sessions.get(name="现场采摘·上午场")
    confirmed = list(SignUp.objects.filter(session=morning, state=places.CONFIRMED).order_by("signed_at", "id"))
    for signup, reason in zip(rng.sample(confirmed, PAST_CANCELLED), CANCEL_REASONS, strict=True):
        signups.signup_cancel(actor=None, signup=signup, reason=reason)


def _upcoming(event: Event, rng: random.Random, today) -> None:
    if SignUp.objects.filter(event=event, source__in=[SignUp.Source.PUBLIC, SignUp.Source.STAFF]).exists():
        return
    start = timezone.make_aware(datetime.combine(today - timedelta(days=14), time(8)))
    rows = sorted(_rows(event, UPCOMING, People(rng), start, days=14), key=lambda r: r["signed_at"])
    for n, row in enumerate(rows):
        source = SignUp.Source.STAFF if n % 9 == 4 else SignUp.Source.PUBLIC  # some called the office
        signups.signup_create(actor=None, source=source, **row)


def build(*, past: Event, upcoming: Event, seed: int, today) -> None:
    _past(past, random.Random(f"{seed}-signups-past"))
    _upcoming(upcoming, random.Random(f"{seed}-signups-upcoming"), today)
