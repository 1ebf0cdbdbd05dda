"""Renewal signals about the population determination (人口界定): identical facts typed for several households in a
burst, and a person 认定 in two projects or two households. No Django here.

What inspectors find: to get people counted, the same made-up facts (a move-in date just before the freeze) are typed
household after household within minutes; and a person whose hukou moved is counted in the old household and the new
one, or in two projects whose red lines overlap, so that the household is compensated twice.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from taizhang.core.rules import mask_id_number
from taizhang.renewal.rules.crosscheck import normalise_id
from taizhang.renewal.rules.determination import COUNTED, SPECIAL_CASES
from taizhang.renewal.rules.signals import Hint, day_text, moment_text

LISTED = 8  # persons a sentence names before "等"


@dataclass(frozen=True)
class Determined:
    """One person's determination as the signals see it."""

    id: int
    entry_id: int  # the household in the project
    person_id: int
    household_no: str
    project: str
    name: str
    id_number: str
    verdict: str
    decided_on: date
    entered_at: datetime  # when it was recorded (local time)
    account_id: int | None  # who recorded it
    account: str = ""
    # Facts typed on the form and judged by the rules: not an imported ledger (bulk by nature), not an admin's override
    # (it keeps the earlier facts), and not a 迁入日期 taken from the police extract.
    typed: bool = True
    registered_on: date | None = None
    left_on: date | None = None
    left_for: str = ""
    resident: bool = True
    married_in_on: date | None = None


def facts_of(d: Determined) -> tuple:
    return (d.registered_on, d.left_on, d.left_for, d.resident, d.married_in_on)


def facts_text(d: Determined) -> str:
    parts = [f"迁入日期 {day_text(d.registered_on)}" if d.registered_on else "迁入日期不明"]
    if d.left_on:
        reason = f"（{SPECIAL_CASES[d.left_for]}）" if d.left_for in SPECIAL_CASES else ""
        parts.append(f"迁出/注销 {day_text(d.left_on)}{reason}")
    if d.married_in_on:
        parts.append(f"婚入 {day_text(d.married_in_on)}")
    parts.append("实际居住" if d.resident else "未实际居住")
    return "，".join(parts)


def _asserts_a_date(d: Determined) -> bool:
    return any((d.registered_on, d.left_on, d.married_in_on))


def _windows(entries: list[Determined], households: int, span: timedelta) -> list[list[Determined]]:
    """Maximal runs of `entries` (sorted by entry time) covered by windows of `span` that each hold at least
    `households` different households; overlapping windows make one run."""
    runs: list[list[Determined]] = []
    in_window: Counter[int] = Counter()
    start = 0
    marked_until = -1
    for end, d in enumerate(entries):
        in_window[d.entry_id] += 1
        while d.entered_at - entries[start].entered_at > span:
            gone = entries[start].entry_id
            in_window[gone] -= 1
            if not in_window[gone]:
                del in_window[gone]
            start += 1
        if len(in_window) >= households:
            if runs and start <= marked_until:
                runs[-1].extend(entries[marked_until + 1 : end + 1])
            else:
                runs.append(entries[start : end + 1])
            marked_until = end
    return runs


def determination_bursts(determinations: Iterable[Determined], *, households: int, minutes: float) -> list[Hint]:
    """One account recording determinations of at least `households` different households with identical facts
    within `minutes` — members of one household sharing a move-in date are not a burst, nor a ledger imported, nor
    facts that assert no date at all (迁入日期不明 for a whole street is honest), nor dates taken from the police."""
    groups: dict[tuple, list[Determined]] = defaultdict(list)
    for d in determinations:
        if d.typed and d.account_id is not None and _asserts_a_date(d):
            groups[(d.account_id, facts_of(d))].append(d)
    span = timedelta(minutes=minutes)
    hints = []
    for (account_id, _facts), entries in groups.items():
        entries.sort(key=lambda d: (d.entered_at, d.id))
        for run in _windows(entries, max(households, 1), span):
            first, last = run[0], run[-1]
            homes = {d.entry_id for d in run}
            listed = "、".join(f"{d.household_no} {d.name}" for d in run[:LISTED]) + ("等" if len(run) > LISTED else "")
            until = (
                f"{last.entered_at:%H:%M}"
                if last.entered_at.date() == first.entered_at.date()
                else moment_text(last.entered_at)
            )
            hints.append(
                Hint(
                    tuple(d.id for d in run),
                    first.entered_at.date(),
                    f"{first.account or '同一账号'} {moment_text(first.entered_at)} 至 {until} 录入 {len(homes)} 户 "
                    f"{len(run)} 人的人口界定，界定事实完全相同（{facts_text(first)}）：{listed}",
                    key=f"burst:{account_id}:{first.id}",
                )
            )
    return hints


def counted_twice(determinations: Iterable[Determined]) -> list[Hint]:
    """A person (by ID number) whose current determinations count them (认定) in two households — of one project or
    of two. The hint is about the later determination's day; its text masks the ID number as a masked role reads
    it."""
    by_person: dict[str, list[Determined]] = defaultdict(list)
    for d in determinations:
        number = normalise_id(d.id_number)
        if d.verdict == COUNTED and number:
            by_person[number].append(d)
    hints = []
    for number, found in by_person.items():
        if len({d.entry_id for d in found}) < 2:
            continue
        found.sort(key=lambda d: (d.decided_on, d.id))
        places = "、".join(f"{d.project} 户 {d.household_no} {d.name}（{day_text(d.decided_on)} 认定）" for d in found)
        hints.append(
            Hint(
                tuple(d.id for d in found),
                found[-1].decided_on,
                f"身份证号 {mask_id_number(number)} 的人在 {len({d.entry_id for d in found})} 处均被认定：{places}；"
                "同一人只应在一户认定",
                # Not the ID number: the key is hashed into a stored fingerprint, and an ID number's hash is easily reversed.
                key=f"twice:{sorted({d.person_id for d in found})}:{sorted({d.entry_id for d in found})}",
            )
        )
    return hints
