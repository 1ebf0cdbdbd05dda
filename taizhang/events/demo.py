"""崔寨街道's part of the demo (活动): its 2020 农民丰收节 of 9月19日 at the 黄河人家千亩荷塘, finished, and next
year's festival open for sign-up; each with the seed's programme (农产品展销, 群众演出专场, 现场采摘, 农民趣味运动会).
The areas' demos then add staff, sign-ups, vendors and stalls, check-ins, results and photos. Deterministic for a
seed; what is already there is left alone, so re-running changes nothing."""

from __future__ import annotations

from datetime import date, time, timedelta

from django.utils.module_loading import import_string

from taizhang.core import clock
from taizhang.events import events
from taizhang.events.models import Event, Session

STREET = "崔寨街道"
PLACE = "崔寨街道东辛村（旧址）黄河滩区 · 黄河人家千亩荷塘"
DIRECTIONS = (
    "自驾：济南先行区220国道与张仙寨路交汇处往东约五公里，沿“黄河人家千亩荷塘”指示牌进入，东辛村（旧址）停车场停车。\n"
    "公交：乘坐至崔寨街道办事处站，活动当天 8:00—9:30 每半小时有接驳车前往荷塘现场。\n"
    "现场：入口处设签到台，凭报名二维码或签到码签到；展销区在荷塘北侧，舞台在荷塘东侧，采摘区在荷塘南侧，运动会在东辛村广场。"
)
DESCRIPTION = (
    "展现脱贫攻坚工作开展以来黄河滩区农民丰收、农业发展和乡村振兴新面貌。"
    "本届农民丰收节设农产品展销、群众演出专场、现场采摘及农民趣味运动会等活动，欢迎群众报名参加。"
)
# (name, kind, start, end, place, signup, capacity, team size)
PROGRAMME = [
    ("农产品展销", Session.Kind.EXPO, time(9), time(16), "荷塘北侧展销区", Session.Signup.NONE, None, None),
    ("群众演出专场", Session.Kind.SHOW, time(9, 30), time(11, 30), "荷塘东侧舞台", Session.Signup.NONE, None, None),
    ("现场采摘·上午场", Session.Kind.PICKING, time(9), time(10, 30), "荷塘南侧采摘区", Session.Signup.PERSON, 60, None),
    (
        "现场采摘·中午场",
        Session.Kind.PICKING,
        time(10, 30),
        time(12),
        "荷塘南侧采摘区",
        Session.Signup.PERSON,
        60,
        None,
    ),
    (
        "现场采摘·下午场",
        Session.Kind.PICKING,
        time(14),
        time(15, 30),
        "荷塘南侧采摘区",
        Session.Signup.PERSON,
        40,
        None,
    ),
    ("趣味运动会·拔河", Session.Kind.GAME, time(14), time(15), "东辛村广场", Session.Signup.TEAM, 12, 10),
    ("趣味运动会·运粮接力", Session.Kind.GAME, time(15), time(16), "东辛村广场", Session.Signup.TEAM, 10, 6),
    ("趣味运动会·两人三足", Session.Kind.GAME, time(15), time(16), "东辛村广场", Session.Signup.TEAM, 20, 2),
]
# The areas' demos, in order: dotted paths to `build(*, past, upcoming, seed, today)`.
AREA_DEMOS: list[str] = [
    "taizhang.events.demo_plan.build",
    "taizhang.events.demo_signups.build",
    "taizhang.events.demo_vendors.build",
    "taizhang.events.demo_checkin.build",
    "taizhang.events.demo_report.build",  # last: it finishes the past festival
]


def festival_day(year: int) -> date:
    """The Saturday on or before 9月22日 (the festival falls near 秋分): 2020 → 9月19日, as the seed has it."""
    day = date(year, 9, 22)
    return day - timedelta(days=(day.weekday() - 5) % 7)


def _festival(unit, year: int, *, published: bool) -> Event:
    """The year's festival as the seed has it; whether it is finished is the report's (demo_report finishes the
    past one through its service)."""
    name = f"{year}年崔寨街道农民丰收节"
    event = Event.objects.filter(unit=unit, name=name).first()
    if event is None:
        event = events.event_create(
            actor=None,
            unit=unit,
            name=name,
            starts_on=festival_day(year),
            place=PLACE,
            directions=DIRECTIONS,
            description=DESCRIPTION,
            organiser="崔寨街道办事处",
        )
        for order, (title, kind, start, end, place, signup, capacity, team) in enumerate(PROGRAMME, start=1):
            events.session_create(
                actor=None,
                event=event,
                name=title,
                kind=kind,
                starts_at=start,
                ends_at=end,
                place=place,
                signup=signup,
                capacity=capacity,
                team_size_max=team,
                sort_order=order,
            )
    changed = {}
    if event.published != published:
        changed["published"] = published
    if changed:
        Event.objects.filter(pk=event.pk).update(**changed)
        event.refresh_from_db()
    return event


def build(*, nodes, seed: int, write) -> None:
    unit = nodes.get((STREET,))
    if unit is None:
        return
    today = clock.today()
    upcoming_year = today.year if festival_day(today.year) > today else today.year + 1
    past = _festival(unit, 2020, published=False)
    upcoming = _festival(unit, upcoming_year, published=True)
    for path in AREA_DEMOS:
        import_string(path)(past=past, upcoming=upcoming, seed=seed, today=today)
    write(f"{STREET} 活动：{past.name}（已结束）、{upcoming.name}（报名中）")
