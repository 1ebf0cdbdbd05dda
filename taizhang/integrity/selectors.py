"""What the signal pages read, scoped by `visible_to(user)`, in a fixed number of queries whatever the count."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth

from taizhang.audit.models import AuditEntry
from taizhang.core.manifest import ModuleSpec, SignalKind
from taizhang.integrity import rules
from taizhang.integrity.kinds import all_kinds, signal_modules
from taizhang.integrity.models import TRUE_VERDICTS, Signal, SignalRun, SignalSetting, Verdict
from taizhang.org.modules import enabled_keys

OPEN, GONE = "open", "gone"
STATES = {OPEN: "未核实", **dict(Verdict.choices), GONE: "已消失"}


def user_kinds(user) -> list[tuple[ModuleSpec, SignalKind]]:
    """The signal kinds of the user's modules, in menu order."""
    return all_kinds(enabled_keys(user))


def user_signal_modules(user) -> list[ModuleSpec]:
    return signal_modules(enabled_keys(user))


def visible_signals(user, *, unit_id: int | None = None) -> QuerySet:
    """The signals of the user's scope and modules (of one unit, if given)."""
    signals = Signal.objects.visible_to(user).filter(module__in=sorted(enabled_keys(user)))
    return signals.filter(unit_id=unit_id) if unit_id else signals


def signal_list(
    user,
    *,
    start: date,
    end: date,
    unit_id: int | None = None,
    module: str = "",
    kind: str = "",
    state: str = "",
    community_id: int | None = None,
    query: str = "",
) -> QuerySet:
    signals = visible_signals(user, unit_id=unit_id).filter(day__range=(start, end))
    if module:
        signals = signals.filter(module=module)
    if kind:
        signals = signals.filter(kind=kind)
    if state == OPEN:
        signals = signals.filter(verdict="", gone_at__isnull=True)
    elif state == GONE:
        signals = signals.filter(gone_at__isnull=False)
    elif state in Verdict.values:
        signals = signals.filter(verdict=state)
    if community_id:
        signals = signals.filter(community_id=community_id)
    if query:
        # The records' labels hold the 户编号 and times (JSON text: non-ASCII is escaped on SQLite, not on PostgreSQL).
        signals = signals.filter(Q(detail__icontains=query) | Q(records__icontains=query))
    return signals.select_related("community", "unit").order_by("-day", "-id")


@dataclass
class KindLine:
    module: ModuleSpec
    kind: SignalKind
    total: int = 0
    open: int = 0
    precision: rules.Precision = field(default_factory=rules.Precision)


def kind_lines(user, *, start: date, end: date, unit_id: int | None = None) -> list[KindLine]:
    """Per kind of the user's modules: how many signals in the period and how many still open, and its precision
    over every reviewed signal of the kind (of the unit, or of the user's whole scope). Two grouped queries."""
    lines = {kind.key: KindLine(spec, kind) for spec, kind in user_kinds(user)}
    signals = visible_signals(user, unit_id=unit_id).order_by()
    for row in (
        signals.filter(day__range=(start, end))
        .values("kind")
        .annotate(total=Count("pk"), open=Count("pk", filter=Q(verdict="", gone_at__isnull=True)))
    ):
        if row["kind"] in lines:
            lines[row["kind"]].total, lines[row["kind"]].open = row["total"], row["open"]
    for kind, counts in _verdict_counts(signals.exclude(verdict=""), ("kind",)).items():
        if kind[0] in lines:
            lines[kind[0]].precision = rules.precision_counted(counts, TRUE_VERDICTS)
    return list(lines.values())


def _verdict_counts(signals: QuerySet, by: tuple[str, ...]) -> dict[tuple, dict[str, int]]:
    counts: dict[tuple, dict[str, int]] = defaultdict(dict)
    for row in signals.values(*by, "verdict").annotate(n=Count("pk")):
        counts[tuple(row[name] for name in by)][row["verdict"]] = row["n"]
    return counts


def precision_by_month(
    user, *, since: date, unit_id: int | None = None
) -> dict[str, list[tuple[date, rules.Precision]]]:
    """kind → [(month, precision of the reviewed signals whose day falls in it)], months from `since` on, oldest
    first; months without a review are left out. One grouped query."""
    signals = visible_signals(user, unit_id=unit_id).filter(day__gte=since).exclude(verdict="").order_by()
    counted = _verdict_counts(signals.annotate(month=TruncMonth("day")), ("kind", "month"))
    found: dict[str, list[tuple[date, rules.Precision]]] = defaultdict(list)
    for (kind, month), counts in sorted(counted.items(), key=lambda item: (item[0][0], item[0][1])):
        found[kind].append((month, rules.precision_counted(counts, TRUE_VERDICTS)))
    return found


def last_run(user, *, unit_id: int | None = None) -> SignalRun | None:
    runs = SignalRun.objects.visible_to(user)
    return (runs.filter(unit_id=unit_id) if unit_id else runs).select_related("unit").first()


def review_history(user, signal: Signal) -> list[dict]:
    """The signal's reviews from the audit trail, newest first: who, when, the verdict and the note."""
    entries = AuditEntry.objects.visible_to(user).filter(object_type="integrity.signal", object_id=str(signal.pk))
    return [
        {
            "at": entry.at,
            "actor": entry.actor_name,
            "verdict": (entry.changes.get("核实结论") or [None, None])[1],
            "note": (entry.changes.get("核实说明") or [None, None])[1],
        }
        for entry in entries.order_by("-id")
    ]


def setting_history(unit_id: int, kinds: list[str]) -> dict[tuple[str, str], list[SignalSetting]]:
    """(kind, parameter) → the unit's versions, newest first, with who set them. One query."""
    history: dict[tuple[str, str], list[SignalSetting]] = defaultdict(list)
    for setting in (
        SignalSetting.objects.filter(unit_id=unit_id, kind__in=kinds)
        .select_related("created_by")
        .order_by("kind", "param", "-effective_from")
    ):
        history[(setting.kind, setting.param)].append(setting)
    return history
