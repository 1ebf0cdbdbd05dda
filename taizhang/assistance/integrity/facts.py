"""What the visit signals read of a unit's period, in a fixed number of queries of plain rows (a month of 5,000
households is some 10,000 visits: model instances would cost more than all the rules)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from taizhang.assistance.models import AssistedHousehold, Visit
from taizhang.assistance.rules.signals import Names, VisitFacts, VisitSignal
from taizhang.core.findings import Finding, FindingRecord, SignalScope
from taizhang.core.models import RecordStatus


@dataclass(frozen=True)
class VisitRow:
    """A visit as the signals name and print it; times are local (the unit's days and hours)."""

    pk: int
    assisted_id: int
    community_id: int
    household_no: str
    visit_date: date
    started_at: datetime
    ended_at: datetime
    created_at: datetime
    helper_ids: tuple[int, ...]


@dataclass
class PeriodFacts:
    visits: dict[int, VisitRow]  # by id
    facts: list[VisitFacts]  # one per visit and helper (a visit with two helpers appears twice)
    homes: dict[int, tuple[float, float]]  # assisted household id → recorded position
    helper_names: dict[int, str] = field(default_factory=dict)

    @property
    def one_each(self) -> list[VisitFacts]:
        """One copy per visit, for the checks about a visit rather than a helper's day."""
        return list({f.id: f for f in self.facts}.values())

    def record(self, visit_id: int) -> FindingRecord:
        visit = self.visits[visit_id]
        started, household_no = visit.started_at, visit.household_no
        helpers = "、".join(self.helper_names[h] for h in visit.helper_ids)
        return FindingRecord(
            ref=f"visit:{visit.pk}",
            label=f"{household_no} · {started:%m-%d %H:%M}",
            url=reverse("assistance:visit_detail", args=[visit.pk]),
            columns=(household_no, f"{visit.visit_date:%Y-%m-%d}", f"{started:%H:%M}", helpers),
        )

    def visit_name(self, visit_id: int) -> str:
        """How a sentence names a visit: “XS0012 3月5日 09:10”."""
        visit = self.visits[visit_id]
        started = visit.started_at
        return f"{visit.household_no} {started.month}月{started.day}日 {started:%H:%M}"

    def visit_names(self, visit_ids) -> str:
        return "、".join(self.visit_name(i) for i in self._in_order(visit_ids))

    def including(self, visit_ids) -> PeriodFacts:
        """These facts with the active visits outside the period that a signal names beside the period's (two
        queries), so that they can be named and printed too."""
        missing = set(visit_ids) - set(self.visits)
        if not missing:
            return self
        others, _, names = _read(Visit.objects.filter(pk__in=missing, status=RecordStatus.ACTIVE))
        return PeriodFacts(self.visits | others, self.facts, self.homes, self.helper_names | names)

    def _in_order(self, visit_ids) -> list[int]:
        return sorted(set(visit_ids), key=lambda i: (self.visits[i].started_at, i))

    def records(self, visit_ids) -> tuple[FindingRecord, ...]:
        return tuple(self.record(i) for i in self._in_order(visit_ids))

    def community_of(self, visit_ids) -> int | None:
        communities = {self.visits[i].community_id for i in visit_ids}
        return communities.pop() if len(communities) == 1 else None

    def names(self) -> Names:
        """How the rules' sentences name this period's households and helpers."""
        households = {v.assisted_id: v.household_no for v in self.visits.values()}
        return Names(households, self.helper_names)

    def finding(self, signal: VisitSignal) -> Finding:
        return Finding(
            kind=f"assistance.{signal.kind}",
            day=signal.day,
            detail=signal.detail,
            records=self.records(signal.visit_ids),
            community_id=self.community_of(signal.visit_ids),
            key=signal.key,
        )

    def finding_about(self, kind: str, visit_ids, detail: str, *, day: date | None = None) -> Finding:
        """A finding about these visits, on the day of the first of them unless told."""
        day = day or min(self.visits[i].visit_date for i in visit_ids)
        return Finding(kind, day, detail, self.records(visit_ids), self.community_of(visit_ids))


def _position(lat, lng):
    return (float(lat), float(lng)) if lat is not None and lng is not None else None


_COLUMNS = (
    "pk",
    "assisted_id",
    "community_id",
    "assisted__household__household_no",
    "visit_date",
    "started_at",
    "ended_at",
    "created_at",
    "source",
    "recorded_by_id",
    "start_latitude",
    "start_longitude",
    "end_latitude",
    "end_longitude",
    *Visit.TEXT_FIELDS,
)


def _read(visits) -> tuple[dict[int, VisitRow], list[VisitFacts], dict[int, str]]:
    """The visits as rows, one VisitFacts per visit and helper, the helpers' names: three queries."""
    helpers: dict[int, list[int]] = {}
    for visit_id, user_id in Visit.helpers.through.objects.filter(visit__in=visits.values("pk")).values_list(
        "visit_id", "user_id"
    ):
        helpers.setdefault(visit_id, []).append(user_id)
    names = {
        pk: full_name or username
        for pk, full_name, username in get_user_model()
        .objects.filter(pk__in={u for ids in helpers.values() for u in ids})
        .values_list("pk", "full_name", "username")
    }
    rows, facts = {}, []
    tz = timezone.get_current_timezone()  # once: timezone.localtime per value costs more than some rules

    def local(moment):
        return moment.astimezone(tz)

    for values in visits.values_list(*_COLUMNS):
        pk, assisted_id, community_id, household_no, visit_date, started, ended, created, source, recorded_by_id = (
            values[:10]
        )
        helper_ids = tuple(sorted(helpers.get(pk, ())))
        row = VisitRow(
            pk,
            assisted_id,
            community_id,
            household_no,
            visit_date,
            local(started),
            local(ended),
            local(created),
            helper_ids,
        )
        rows[pk] = row
        text = Visit.joined_text(values[14:])
        start_position, end_position = _position(*values[10:12]), _position(*values[12:14])
        for helper_id in helper_ids:
            facts.append(
                VisitFacts(
                    pk,
                    assisted_id,
                    helper_id,
                    row.started_at,
                    row.ended_at,
                    row.created_at,
                    text,
                    start_position,
                    end_position,
                    community_id=community_id,
                    source=source,
                    recorded_by_id=recorded_by_id,
                )
            )
    return rows, facts, names


def load(scope: SignalScope) -> PeriodFacts:
    rows, facts, names = _read(
        Visit.objects.filter(
            unit_id=scope.unit_id, status=RecordStatus.ACTIVE, visit_date__range=(scope.start, scope.end)
        )
    )
    homes = {
        pk: (float(lat), float(lng))
        for pk, lat, lng in AssistedHousehold.objects.filter(
            unit_id=scope.unit_id,
            pk__in={v.assisted_id for v in rows.values()},
            latitude__isnull=False,
            longitude__isnull=False,
        ).values_list("pk", "latitude", "longitude")
    }
    return PeriodFacts(rows, facts, homes, names)
