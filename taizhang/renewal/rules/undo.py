"""Whether an import batch of the renewal ledgers may be undone: the records it created are given up only while
nothing later stands on them — an agreement signed on a measurement or a determination, a 公示 that posted a
determination, a later determination of the same person, a household's other work. Each record is described by
plain facts; the reasons come back in the order of the records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

SIGNED_STATUSES = frozenset({"signed", "vacated", "demolished"})  # an agreement signed and not voided
SHOWN_REASONS = 5


@dataclass(frozen=True)
class ImportedMeasurement:
    label: str  # "院落 A01 2020-09-03 的测量"
    signed_households: tuple[str, ...] = ()  # 户编号 of the site's owners whose agreement is signed


@dataclass(frozen=True)
class ImportedDetermination:
    label: str  # "张三（户 XS001）"
    signed: bool = False  # the household's agreement is signed
    posted_on: date | None = None  # start of a 公示 posted after the determination was written
    redetermined: bool = False  # a later determination of the person, not from the batch


def measurement_reasons(items: list[ImportedMeasurement]) -> list[str]:
    return [f"{m.label}：户 {'、'.join(m.signed_households)} 已签约" for m in items if m.signed_households]


def determination_reasons(items: list[ImportedDetermination]) -> list[str]:
    reasons = []
    for d in items:
        why = []
        if d.signed:
            why.append("该户已签约")
        if d.posted_on is not None:
            why.append(f"已于 {d.posted_on:%Y-%m-%d} 起公示")
        if d.redetermined:
            why.append("之后已在系统中重新界定")
        if why:
            reasons.append(f"{d.label}{'，'.join(why)}")
    return reasons


def entry_reasons(sites: dict[str, int], later: list[str]) -> list[str]:
    """`sites`: 户编号 → the courtyards naming the household as owner (voided ones too: they keep their owners);
    `later`: the other records on the batch's households not from the batch, as "人口界定 2 条"."""
    reasons = [f"户 {no} 已登记院落 {n} 处" for no, n in sorted(sites.items()) if n]
    if later:
        reasons.append(f"这一批的户已有{'、'.join(later)}")
    return reasons


def undo_refusal(reasons: list[str], what: str) -> str:
    """The refusal shown on the batch page, naming the first few records; empty when the batch may be undone."""
    if not reasons:
        return ""
    shown = "；".join(reasons[:SHOWN_REASONS])
    more = f"；等共 {len(reasons)} 处" if len(reasons) > SHOWN_REASONS else ""
    return f"这一批导入的{what}已有后续工作，不能整批撤销：{shown}{more}。"
