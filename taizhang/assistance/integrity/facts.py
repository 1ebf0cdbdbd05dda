"""What the visit signals read of a unit's period, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse
from django.utils import timezone

from taizhang.assistance.models import AssistedHousehold, Visit
from taizhang.assistance.rules.signals import Names, VisitFacts, VisitSignal
from taizhang.core.findings import Finding, FindingRecord, SignalScope
from taizhang.core.models import RecordStatus


@dataclass
class PeriodFacts:
    visits: dict[int, Visit]  # by id, with household and helpers loaded
    facts: list[VisitFacts]  # one per visit and helper (a visit with two helpers appears twice)
    homes: dict[int, tuple[float, float]]  # assisted household id → recorded position
    helper_names: dict[int, str] = field(default_factory=dict)

    @property
    def one_each(self) -> list[VisitFacts]:
        """One copy per visit, for the checks about a visit rather than a helper's day."""
        return list({f.id: f for f in self.facts}.values())

    def record(self, visit_id: int) -> FindingRecord:
        visit = self.visits[visit_id]
        started = timezone.localtime(visit.started_at)
        household_no = visit.assisted.household.household_no
        helpers = "、".join(self.helper_names[h.pk] for h in visit.helpers.all())
        return FindingRecord(
            ref=f"visit:{visit.pk}",
            label=f"{household_no} · {started:%m-%d %H:%M}",
            url=reverse("assistance:visit_detail", args=[visit.pk]),
            columns=(household_no, f"{visit.visit_date:%Y-%m-%d}", f"{started:%H:%M}", helpers),
        )

    def visit_name(self, visit_id: int) -> str:
        """How a sentence names a visit: “XS0012 3月5日 09:10”."""
        visit = self.visits[visit_id]
        started = timezone.localtime(visit.started_at)
        return f"{visit.assisted.household.household_no} {started.month}月{started.day}日 {started:%H:%M}"

    def visit_names(self, visit_ids) -> str:
        return "、".join(self.visit_name(i) for i in self._in_order(visit_ids))

    def including(self, visit_ids) -> PeriodFacts:
        """These facts with the active visits outside the period that a signal names beside the period's (two
        queries), so that they can be named and printed too."""
        missing = set(visit_ids) - set(self.visits)
        if not missing:
            return self
        others = {v.pk: v for v in _with_relations(Visit.objects.filter(pk__in=missing, status=RecordStatus.ACTIVE))}
        names = {h.pk: h.full_name or h.username for v in others.values() for h in v.helpers.all()}
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
        households = {v.assisted_id: v.assisted.household.household_no for v in self.visits.values()}
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


def _with_relations(visits):
    return visits.select_related("assisted__household").prefetch_related("helpers")


def load(scope: SignalScope) -> PeriodFacts:
    visits = {
        v.pk: v
        for v in _with_relations(
            Visit.objects.filter(
                unit_id=scope.unit_id, status=RecordStatus.ACTIVE, visit_date__range=(scope.start, scope.end)
            )
        )
    }
    helper_names = {}
    facts = []
    for v in visits.values():
        for helper in v.helpers.all():
            helper_names[helper.pk] = helper.full_name or helper.username
            facts.append(
                VisitFacts(
                    v.pk,
                    v.assisted_id,
                    helper.pk,
                    timezone.localtime(v.started_at),  # the rules read days and hours as the unit lives them
                    timezone.localtime(v.ended_at),
                    timezone.localtime(v.created_at),
                    v.text,
                    _position(v.start_latitude, v.start_longitude),
                    _position(v.end_latitude, v.end_longitude),
                    community_id=v.community_id,
                    source=v.source,
                    recorded_by_id=v.recorded_by_id,
                )
            )
    homes = {
        a.pk: a.location
        for a in AssistedHousehold.objects.filter(
            unit_id=scope.unit_id,
            pk__in={v.assisted_id for v in visits.values()},
            latitude__isnull=False,
            longitude__isnull=False,
        )
    }
    return PeriodFacts(visits, facts, homes, helper_names)
