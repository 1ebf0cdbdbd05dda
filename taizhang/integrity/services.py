"""Keeping the signals found, their reviews and the units' parameters. Each write is audited in its transaction."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from django.db import transaction

from taizhang.audit.services import Draft, actor_name, audit_append, audit_record
from taizhang.core import clock
from taizhang.integrity import rules
from taizhang.integrity.detection import Found, detect
from taizhang.integrity.kinds import kind_named
from taizhang.integrity.models import Signal, SignalRun, SignalSetting, Verdict

NOTE_MIN_LENGTH = 2


def run_signals(*, actor, unit, start: date, end: date, module_keys=None) -> SignalRun:
    """Run the unit's detectors over the period (of the given modules only, if any) and keep what they found."""
    if end < start:
        raise ValueError("核查期间的结束日期早于开始日期")
    found = detect(unit.pk, start, end, module_keys=module_keys)
    return signals_keep(actor=actor, unit=unit, start=start, end=end, found=found, module_keys=module_keys)


@transaction.atomic
def signals_keep(*, actor, unit, start: date, end: date, found: list[Found], module_keys=None) -> SignalRun:
    """Keep what a detection over the period found: a new finding becomes a signal, one found again is seen again
    (and back if it had gone), a signal of the period (and of the modules detected) no longer found is marked gone.
    Reviews are never touched."""
    now = clock.now()
    existing_signals = Signal.objects.filter(unit=unit, day__range=(start, end))
    if module_keys is not None:
        existing_signals = existing_signals.filter(module__in=sorted(module_keys))
    existing = {s.fingerprint: s for s in existing_signals}
    new, seen = [], set()
    for item in found:
        finding = item.finding
        print_ = rules.fingerprint(finding.kind, (r.ref for r in finding.records), finding.key)
        if print_ in seen:
            continue
        seen.add(print_)
        records = [asdict(r) for r in finding.records]
        signal = existing.get(print_)
        if signal is None:
            new.append(
                Signal(
                    unit=unit,
                    community_id=finding.community_id,
                    module=item.module.key,
                    kind=finding.kind,
                    fingerprint=print_,
                    day=finding.day,
                    detail=finding.detail,
                    records=records,
                    found_at=now,
                    seen_at=now,
                )
            )
        else:
            signal.detail, signal.records, signal.seen_at, signal.gone_at = finding.detail, records, now, None
            signal.day, signal.community_id = finding.day, finding.community_id
    Signal.objects.bulk_create(new)
    Signal.objects.bulk_update(
        [s for p, s in existing.items() if p in seen], ["detail", "records", "seen_at", "gone_at", "day", "community"]
    )
    gone = [s for p, s in existing.items() if p not in seen and s.gone_at is None]
    for signal in gone:
        signal.gone_at = now
    Signal.objects.bulk_update(gone, ["gone_at"])
    run = SignalRun.objects.create(
        unit=unit,
        start=start,
        end=end,
        ran_at=now,
        ran_by_name=actor_name(actor),
        found=len(seen),
        new=len(new),
        gone=len(gone),
    )
    audit_record(
        actor=actor,
        action="create",
        object_type="integrity.run",
        object_id=str(run.pk),
        object_repr=f"{unit.name} {start:%Y-%m-%d} 至 {end:%Y-%m-%d} 疑点核查",
        unit_id=unit.pk,
        changes={"疑点数": [None, run.found], "新发现": [None, run.new], "已消失": [None, run.gone]},
    )
    return run


def needs_run(unit, first: date, last: date) -> bool:
    """Whether a run of the period would keep something new: it was never run, or the detectors now find something
    not kept yet (what the demo asks before running again, so that running it twice changes nothing)."""
    if not SignalRun.objects.filter(unit=unit, start=first, end=last).exists():
        return True
    kept = set(Signal.objects.filter(unit=unit, day__range=(first, last)).values_list("fingerprint", flat=True))
    return any(
        rules.fingerprint(item.finding.kind, (r.ref for r in item.finding.records), item.finding.key) not in kept
        for item in detect(unit.pk, first, last)
    )


@transaction.atomic
def review_signal(*, actor, signal: Signal, verdict: str, note: str) -> Signal:
    """The unit's conclusion on a signal, with what was checked. A later review replaces it; the trail keeps both."""
    if verdict not in Verdict.values:
        raise ValueError("请选择核实结论")
    note = (note or "").strip()
    if len(note) < NOTE_MIN_LENGTH:
        raise ValueError("请写明核实了什么（核实说明）")
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    before = {"核实结论": signal.get_verdict_display() or None, "核实说明": signal.review_note or None}
    signal.verdict, signal.review_note = verdict, note
    signal.reviewed_by, signal.reviewed_by_name, signal.reviewed_at = actor, actor_name(actor), clock.now()
    signal.save(update_fields=["verdict", "review_note", "reviewed_by", "reviewed_by_name", "reviewed_at"])
    after = {"核实结论": signal.get_verdict_display(), "核实说明": note}
    audit_append(
        [
            Draft(
                action="update",
                object_type="integrity.signal",
                object_id=str(signal.pk),
                object_repr=signal_repr(signal),
                unit_id=signal.unit_id,
                community_id=signal.community_id,
                # Both fields every time: the trail is the signal's review history (the detail page reads it).
                changes={k: [before[k], v] for k, v in after.items()},
            )
        ],
        actor=actor,
    )
    return signal


def signal_repr(signal: Signal) -> str:
    named = kind_named(signal.kind)
    label = named[1].label if named else signal.kind
    return f"疑点 {signal.pk} {label} {signal.day:%Y-%m-%d}"


@transaction.atomic
def setting_set(
    *, actor, unit, kind: str, param: str, value: str, effective_from: date, note: str = ""
) -> SignalSetting:
    """A new value of a kind's parameter for the unit from a day on (the same day's value is replaced)."""
    named = kind_named(kind)
    declared = {p.key: p for p in named[1].params} if named else {}
    if param not in declared:
        raise ValueError("没有这个参数")
    rules.parse_value(declared[param].kind, value)  # refuses with the reason
    value = value.strip()
    setting, created = SignalSetting.objects.update_or_create(
        unit=unit,
        kind=kind,
        param=param,
        effective_from=effective_from,
        defaults={"value": value, "note": note.strip(), "created_by": actor},
    )
    audit_record(
        actor=actor,
        action="create" if created else "update",
        object_type="integrity.setting",
        object_id=str(setting.pk),
        object_repr=f"{named[1].label}·{declared[param].label} 自 {effective_from:%Y-%m-%d}",
        unit_id=unit.pk,
        changes={declared[param].label: [None, value], "生效日期": [None, effective_from.isoformat()]},
        reason=note.strip(),
    )
    return setting
