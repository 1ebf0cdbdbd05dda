"""The month's authenticity signals for a unit admin to look into (rules.py has the pure checks)."""

from __future__ import annotations

from dataclasses import dataclass

from taizhang.assistance import rules
from taizhang.assistance.models import AssistedHousehold, Visit
from taizhang.core.models import RecordStatus

KIND_LABELS = {
    "copied_text": "内容雷同",
    "back_to_back": "走访间隔过短",
    "late_entry": "补录过晚",
    "far_from_home": "位置偏离",
}


@dataclass
class SignalRow:
    kind: str
    label: str
    detail: str
    visits: list[Visit]


def _position(lat, lng):
    return (float(lat), float(lng)) if lat is not None and lng is not None else None


def month_signals(user, month: rules.Month) -> list[SignalRow]:
    visits = {
        v.pk: v
        for v in Visit.objects.visible_to(user)
        .filter(status=RecordStatus.ACTIVE, visit_date__range=(month.first_day, month.last_day))
        .select_related("assisted__household")
        .prefetch_related("helpers")
    }
    facts = [
        rules.VisitFacts(
            v.pk,
            v.assisted_id,
            helper.pk,
            v.started_at,
            v.ended_at,
            v.created_at,
            v.text,
            _position(v.start_latitude, v.start_longitude),
            _position(v.end_latitude, v.end_longitude),
        )
        for v in visits.values()
        for helper in v.helpers.all()
    ]
    homes = {
        a.pk: a.location
        for a in AssistedHousehold.objects.visible_to(user).filter(
            pk__in={v.assisted_id for v in visits.values()}, latitude__isnull=False, longitude__isnull=False
        )
    }
    # A visit with two helpers appears twice in `facts`; the per-visit checks run on one copy.
    one_each = list({f.id: f for f in facts}.values())
    # A ledger imported from the town's old files is late by nature; lateness is asked of visits entered by hand.
    entered = [f for f in one_each if visits[f.id].source != Visit.Source.IMPORT]
    found = (
        rules.copied_texts(one_each)
        + rules.back_to_back(facts)
        + rules.late_entries(entered)
        + rules.far_from_home(one_each, homes)
    )
    seen, rows = set(), []
    for signal in found:
        if (signal.kind, signal.visit_ids) in seen:
            continue
        seen.add((signal.kind, signal.visit_ids))
        rows.append(
            SignalRow(signal.kind, KIND_LABELS[signal.kind], signal.detail, [visits[i] for i in signal.visit_ids])
        )
    return sorted(rows, key=lambda r: (r.kind, -max(v.started_at.timestamp() for v in r.visits)))
