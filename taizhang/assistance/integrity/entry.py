"""Visit signals: the entry family (补录过晚, 集中补录, 月结后修改)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from taizhang.assistance.integrity.facts import PeriodFacts
from taizhang.assistance.integrity.kinds import BULK_ENTRY, EDITED_AFTER_CLOSE, LATE_ENTRY
from taizhang.assistance.rules import signals_entry as rules
from taizhang.audit.models import AuditEntry
from taizhang.core.findings import Finding, SignalScope
from taizhang.org.models import User

NAMED_AT_MOST = 8  # a burst's sentence names this many visits, then says how many more (its rows list them all)


def _day(day) -> str:
    return f"{day.month}月{day.day}日"


def late(facts: PeriodFacts, scope: SignalScope) -> list[Finding]:
    found = []
    for signal in rules.late_entries(facts.one_each, days=scope.param(LATE_ENTRY, "days")):
        [visit_id] = signal.visit_ids
        visit = facts.visits[visit_id]
        entered = timezone.localtime(visit.created_at)
        detail = (
            f"{facts.visit_name(visit_id)} 的走访 {_day(entered)} {entered:%H:%M} 才录入，"
            f"距走访结束已 {(visit.created_at - visit.ended_at).days} 天"
        )
        found.append(facts.finding_about(LATE_ENTRY, signal.visit_ids, detail))
    return found


def bulk(facts: PeriodFacts, scope: SignalScope) -> list[Finding]:
    bursts = rules.bulk_entries(
        facts.one_each, count=scope.param(BULK_ENTRY, "count"), minutes=scope.param(BULK_ENTRY, "minutes")
    )
    if not bursts:
        return []
    recorders = {
        pk: full_name or username
        for pk, full_name, username in User.objects.filter(pk__in={b.recorder_id for b in bursts}).values_list(
            "pk", "full_name", "username"
        )
    }
    found = []
    for burst in bursts:
        first, last = timezone.localtime(burst.first_at), timezone.localtime(burst.last_at)
        minutes = max(1, round((burst.last_at - burst.first_at).total_seconds() / 60))
        named = facts.visit_names(burst.visit_ids[:NAMED_AT_MOST])
        more = len(burst.visit_ids) - NAMED_AT_MOST
        detail = (
            f"{recorders.get(burst.recorder_id, '某账号')} {_day(first)} {first:%H:%M}–{last:%H:%M} "
            f"约 {minutes} 分钟内手工录入 {len(burst.visit_ids)} 次走访：{named}"
            + (f" 等（另有 {more} 次）" if more > 0 else "")
        )
        found.append(facts.finding_about(BULK_ENTRY, burst.visit_ids, detail))
    return found


def edited(facts: PeriodFacts, scope: SignalScope) -> list[Finding]:
    close_day = scope.param(EDITED_AFTER_CLOSE, "close_day")
    # No visit of the period can be late before the period's first month closes: one query on (unit_id, at).
    since = timezone.make_aware(datetime.combine(rules.close_date(scope.start, close_day) + timedelta(days=1), time()))
    entries = AuditEntry.objects.filter(
        unit_id=scope.unit_id,
        at__gte=since,
        object_type="assistance.visit",
        action__in=(AuditEntry.Action.UPDATE, AuditEntry.Action.IMPORT_UPDATE),
    ).values_list("object_id", "at", "actor_name", "changes")
    edits = [
        rules.Edit(int(object_id), timezone.localtime(at), by, tuple(changes or ()))
        for object_id, at, by, changes in entries
        if object_id.isdigit() and int(object_id) in facts.visits
    ]
    visit_days = {pk: visit.visit_date for pk, visit in facts.visits.items()}
    found = []
    for late_edit in rules.edits_after_close(visit_days, edits, close_day=close_day):
        said = "；".join(
            f"{_day(e.at)} {e.at:%H:%M} {e.by}" + (f"改了{'、'.join(e.fields)}" if e.fields else "修改")
            for e in late_edit.edits
        )
        detail = f"{facts.visit_name(late_edit.visit_id)} 的走访在 {_day(late_edit.closed_on)}月结后又被修改：{said}"
        found.append(facts.finding_about(EDITED_AFTER_CLOSE, (late_edit.visit_id,), detail))
    return found


def find(facts: PeriodFacts, scope: SignalScope) -> list[Finding]:
    checks = ((LATE_ENTRY, late), (BULK_ENTRY, bulk), (EDITED_AFTER_CLOSE, edited))
    return [finding for kind, check in checks if scope.wants(kind) for finding in check(facts, scope)]
