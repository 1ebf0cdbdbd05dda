"""The brief (简报) of an event after it is over, in the street office's style, from its figures:

    9月19日，崔寨街道在黄河人家千亩荷塘举办2020年农民丰收节，设展销摊位26个，参与群众约3200人次，开展群众演出1场、
    现场采摘3场、农民趣味运动会3项。展销期间，24户摊主共售出农副产品约4.62万元。趣味运动会上，东辛村队获拔河第一名……

Only what took place is named (never "设展销摊位0个"); each figure once; counts of ten thousand and more read
"1.2万", money of ten thousand 元 and more reads "万元" to two decimals, rounded half up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

GAME_PREFIXES = ("趣味运动会·", "趣味运动会", "农民趣味运动会·")
TEN_THOUSAND = 10_000


@dataclass(frozen=True)
class Winner:
    game: str  # the session's name: "趣味运动会·拔河"
    entrant: str  # first place: "东辛村队"


@dataclass(frozen=True)
class BriefFigures:
    day: date
    unit: str  # 崔寨街道
    event: str  # 2020年崔寨街道农民丰收节
    place: str = ""
    stalls: int = 0  # stalls taken by vendors
    crowd: int = 0  # 参与群众约 N 人次
    shows: int = 0  # performance sessions
    pickings: int = 0  # picking sessions
    games: int = 0  # game sessions
    winners: tuple[Winner, ...] = ()
    vendors_reporting: int = 0
    sales: Decimal = Decimal(0)  # 元, the sum the reporting vendors gave


def count_text(n: int) -> str:
    """3200 → "3200"; 12000 → "1.2万"; 20000 → "2万"."""
    if n < TEN_THOUSAND:
        return str(n)
    tenths = (Decimal(n) / TEN_THOUSAND).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{tenths.normalize():f}万"


def money_text(yuan: Decimal) -> str:
    """8650.4 → "8650元"; 46180 → "4.62万元"; 50000 → "5万元" (rounded half up)."""
    if yuan < TEN_THOUSAND:
        return f"{yuan.quantize(Decimal(1), rounding=ROUND_HALF_UP)}元"
    wan = (yuan / TEN_THOUSAND).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{wan.normalize():f}万元"


def short_place(place: str) -> str:
    """The place people know: the last part of "崔寨街道东辛村（旧址）黄河滩区 · 黄河人家千亩荷塘"."""
    return place.replace("·", "|").split("|")[-1].strip()


def event_title(event: str, unit: str) -> str:
    """ "2020年崔寨街道农民丰收节" said by 崔寨街道 itself: "2020年农民丰收节"."""
    return (event.replace(unit, "", 1).strip() or event) if unit else event


def game_title(name: str) -> str:
    for prefix in GAME_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def reports_sales(f: BriefFigures) -> bool:
    """Sales are named when some vendor reported and the sum is at least one 元 once rounded."""
    return f.vendors_reporting > 0 and f.sales.quantize(Decimal(1), rounding=ROUND_HALF_UP) > 0


def _activities(f: BriefFigures) -> str:
    parts = [
        (f.shows, f"群众演出{f.shows}场"),
        (f.pickings, f"现场采摘{f.pickings}场"),
        (f.games, f"农民趣味运动会{f.games}项"),
    ]
    named = [text for n, text in parts if n > 0]
    return "开展" + "、".join(named) if named else ""


def brief(f: BriefFigures) -> str:
    place = short_place(f.place)
    opening = f"{f.day.month}月{f.day.day}日，{f.unit}{'在' + place if place else ''}举办{event_title(f.event, f.unit)}"
    clauses = [opening]
    if f.stalls > 0:
        clauses.append(f"设展销摊位{f.stalls}个")
    if f.crowd > 0:
        clauses.append(f"参与群众约{count_text(f.crowd)}人次")
    activities = _activities(f)
    if activities:
        clauses.append(activities)
    sentences = ["，".join(clauses) + "。"]
    if reports_sales(f):
        sentences.append(f"展销期间，{f.vendors_reporting}户摊主共售出农副产品约{money_text(f.sales)}。")
    winners = [w for w in f.winners if w.entrant.strip()]
    if winners:
        said = "，".join(f"{w.entrant.strip()}获{game_title(w.game)}第一名" for w in winners)
        sentences.append(f"趣味运动会上，{said}。")
    return "".join(sentences)
