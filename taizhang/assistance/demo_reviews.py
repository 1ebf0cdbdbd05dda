"""The demo's edits after the month closed, and the unit admin's signal runs and reviews over its last months.

Runs go through integrity.services.run_signals, reviews through review_signal, each with the clock at its moment.
Re-running the demo changes nothing: a month is run again only when the detectors find something not kept yet (after
new detectors arrive), and only signals not yet reviewed are reviewed, up to a few per kind."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from taizhang.assistance import rules
from taizhang.assistance.households import assisted_draft
from taizhang.assistance.models import Visit
from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_append
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.integrity.models import Signal
from taizhang.integrity.services import needs_run, review_signal, run_signals

REVIEWS_PER_KIND = 3
# Signals about a helper's habit rather than one planted visit: what the town concluded.
BY_KIND = {
    "assistance.uniform_notes": ("rectify", "柳帮扶的走访记录每户只换一句，要求按户写实际情况"),
    "assistance.minimum_cluster": ("problem", "抽查王帮扶上月五户，户主都说坐了不到二十分钟，时长是按半小时填的"),
    "assistance.edited_after_close": ("rectify", "月结后改动走访记录，要求说明原因，由村支书签字后报镇扶贫办"),
}


def _moment(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def late_edits(unit, m1: date, m2: date) -> int:
    """Two visits of two months back changed after the 5th of last month: 王帮扶 lengthens a 20-odd-minute visit to
    35 minutes (so it counts), 孙帮扶 adds a sentence to a note. Done once."""
    month_visits = Visit.objects.filter(
        unit=unit, status=RecordStatus.ACTIVE, visit_date__range=(m2, m1 - timedelta(1))
    )
    ids = [str(pk) for pk in month_visits.values_list("pk", flat=True)]
    if AuditEntry.objects.filter(
        unit_id=unit.pk, object_type="assistance.visit", action=AuditEntry.Action.UPDATE, object_id__in=ids
    ).exists():
        return 0
    imported = month_visits.filter(source=Visit.Source.IMPORT).order_by("started_at", "id")
    made = 0
    short = imported.filter(helpers__username="wj_helper", minutes__lt=30).first()
    if short is not None:
        with clock.frozen(_moment(m1.replace(day=12), 16, 40)):
            _edit(actor=short.helpers.first(), visit=short, ended_at=short.started_at + timedelta(minutes=35))
        made += 1
    noted = imported.filter(helpers__username="ws_helper").exclude(notes="").first()
    if noted is not None:
        with clock.frozen(_moment(m1.replace(day=9), 19, 30)):
            _edit(actor=noted.helpers.first(), visit=noted, notes=noted.notes + "，户主反映屋顶漏雨，已上报")
        made += 1
    return made


def _edit(*, actor, visit: Visit, ended_at: datetime | None = None, notes: str | None = None) -> None:
    """A helper's change to a visit, kept as the trail keeps any change (the product has no visit edit page yet: the
    entry is what an edit leaves, so that 月结后修改 has something to find)."""
    local = timezone.localtime
    changes = {}
    if ended_at is not None:
        minutes = rules.visit_minutes(visit.started_at, ended_at)
        changes["结束时间"] = [f"{local(visit.ended_at):%H:%M}", f"{local(ended_at):%H:%M}"]
        changes["时长（分钟）"] = [visit.minutes, minutes]
        visit.ended_at, visit.minutes = ended_at, minutes
    if notes is not None:
        changes["走访内容"] = [visit.notes, notes]
        visit.notes = notes
    visit.save(update_fields=["ended_at", "minutes", "notes", "updated_at"])
    household = visit.assisted.household.household_no
    audit_append(
        [
            assisted_draft(
                visit.assisted,
                AuditEntry.Action.UPDATE,
                "assistance.visit",
                visit.pk,
                f"走访 {household} {visit.visit_date}",
                changes,
            )
        ],
        actor=actor,
    )


def run_and_review(unit, admin, m2: date, m1: date, planted: dict[int, tuple[str, str]], write) -> None:
    """The unit admin checks the last two months and this one (two months back was checked in the middle of last
    month), then reviews up to three signals of each kind: the planted ones it looked into, the habits of BY_KIND."""
    today = clock.today()
    this_month = today.replace(day=1)
    months = [(m2, _moment(m1.replace(day=15), 9)), (m1, clock.now()), (this_month, clock.now())]
    for first, at in months:
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        if needs_run(unit, first, last):
            with clock.frozen(at):
                run = run_signals(actor=admin, unit=unit, start=first, end=last)
            write(f"新市镇疑点核查 {first:%Y-%m}：发现 {run.found} 条（新 {run.new} 条）")
    signals = Signal.objects.filter(unit=unit, day__gte=m2, gone_at__isnull=True).order_by("day", "id")
    reviewed: dict[str, int] = {}
    for signal in signals:
        if signal.verdict:
            reviewed[signal.kind] = reviewed.get(signal.kind, 0) + 1
    done = 0
    for signal in sorted(signals, key=lambda s: (_verdict(s, planted) or ("",))[0] != "normal"):
        verdict = _verdict(signal, planted)
        if signal.verdict or verdict is None or reviewed.get(signal.kind, 0) >= REVIEWS_PER_KIND:
            continue
        with clock.frozen(min(clock.now(), signal.found_at + timedelta(days=2, hours=1))):
            review_signal(actor=admin, signal=signal, verdict=verdict[0], note=verdict[1])
        reviewed[signal.kind] = reviewed.get(signal.kind, 0) + 1
        done += 1
    if done:
        write(f"新市镇疑点核实：{done} 条已核实（{len(reviewed)} 类）")


def _verdict(signal: Signal, planted: dict[int, tuple[str, str]]) -> tuple[str, str] | None:
    if signal.kind in BY_KIND:  # about a helper's habit, whichever of their visits it names
        return BY_KIND[signal.kind]
    for record in signal.records:
        kind, _, pk = record.get("ref", "").partition(":")
        if kind == "visit" and pk.isdigit() and int(pk) in planted:
            return planted[int(pk)]
    return None
