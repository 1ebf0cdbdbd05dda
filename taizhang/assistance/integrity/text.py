"""Visit signals: the text family (similar_notes, uniform_notes)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.utils import timezone

from taizhang.assistance import rules
from taizhang.assistance.integrity.facts import PeriodFacts
from taizhang.assistance.integrity.kinds import SIMILAR_NOTES, UNIFORM_NOTES
from taizhang.assistance.models import Visit
from taizhang.core.findings import Finding, SignalScope
from taizhang.core.models import RecordStatus


def find(period: PeriodFacts, scope: SignalScope) -> list[Finding]:
    try:
        return _find(period, scope)
    finally:  # the notes' pieces are shared by the two signals of one run, not kept beyond it
        rules.signals_text.normalised.cache_clear()
        rules.signals_text.shingles.cache_clear()


def _find(period: PeriodFacts, scope: SignalScope) -> list[Finding]:
    names = period.names()
    found = []
    if scope.wants(SIMILAR_NOTES):
        found += rules.similar_notes(
            period.one_each,
            threshold=scope.param(SIMILAR_NOTES, "similarity") / 100,
            min_length=int(scope.param(SIMILAR_NOTES, "min_length")),
            names=names,
        )
    if scope.wants(UNIFORM_NOTES):
        months = int(scope.param(UNIFORM_NOTES, "months"))
        since = rules.window_start(scope.start, scope.end, months)
        found += rules.uniform_notes(
            period.facts + earlier_notes(scope.unit_id, since, scope.start),
            start=scope.start,
            end=scope.end,
            months=months,
            threshold=scope.param(UNIFORM_NOTES, "similarity") / 100,
            min_visits=int(scope.param(UNIFORM_NOTES, "min_visits")),
            names=names,
        )
    return [period.finding(signal) for signal in found]


def earlier_notes(unit_id: int, since: date, before: date) -> list[rules.VisitFacts]:
    """The unit's active visits from `since` to the day before `before`, one per helper, with their notes (two
    queries)."""
    if since >= before:
        return []
    visits = Visit.objects.filter(
        unit_id=unit_id, status=RecordStatus.ACTIVE, visit_date__gte=since, visit_date__lt=before
    )
    helpers = defaultdict(list)
    for visit_id, user_id in Visit.helpers.through.objects.filter(visit__in=visits.values("pk")).values_list(
        "visit_id", "user_id"
    ):
        helpers[visit_id].append(user_id)
    tz = timezone.get_current_timezone()  # once: timezone.localtime per row costs more than the rule
    found = []
    for pk, assisted_id, community_id, started_at, *texts in visits.values_list(
        "pk", "assisted_id", "community_id", "started_at", *Visit.TEXT_FIELDS
    ):
        started = started_at.astimezone(tz)  # uniform_notes reads the day and the note; the rest is not asked
        text = Visit.joined_text(texts)
        found += [
            rules.VisitFacts(pk, assisted_id, helper_id, started, started, started, text, community_id=community_id)
            for helper_id in helpers[pk]
        ]
    return found
