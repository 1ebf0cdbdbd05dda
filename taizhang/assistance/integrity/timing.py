"""Visit signals: the timing family (impossible_travel, overfull_day, minimum_cluster, odd_hours)."""

from __future__ import annotations

from taizhang.assistance import rules, selectors
from taizhang.assistance.integrity.facts import PeriodFacts
from taizhang.assistance.integrity.kinds import IMPOSSIBLE_TRAVEL, MINIMUM_CLUSTER, ODD_HOURS, OVERFULL_DAY
from taizhang.core.findings import Finding, SignalScope


def find(period: PeriodFacts, scope: SignalScope) -> list[Finding]:
    names = period.names()
    road = rules.Road(
        speed_kmh=scope.param(IMPOSSIBLE_TRAVEL, "speed_kmh"),
        overhead_minutes=scope.param(IMPOSSIBLE_TRAVEL, "overhead_minutes"),
        village_minutes=scope.param(IMPOSSIBLE_TRAVEL, "village_minutes"),
    )
    found = []
    if scope.wants(IMPOSSIBLE_TRAVEL):
        found += rules.impossible_travel(period.facts, period.homes, road, names=names)
    if scope.wants(OVERFULL_DAY):
        found += rules.overfull_day(
            period.facts, period.homes, road, working_minutes=scope.param(OVERFULL_DAY, "working_minutes"), names=names
        )
    if scope.wants(MINIMUM_CLUSTER):
        found += rules.minimum_cluster(
            period.facts,
            selectors.rules_by_unit([scope.unit_id]).get(scope.unit_id, []),
            margin_minutes=scope.param(MINIMUM_CLUSTER, "margin_minutes"),
            share=scope.param(MINIMUM_CLUSTER, "share") / 100,
            min_visits=int(scope.param(MINIMUM_CLUSTER, "min_visits")),
            names=names,
        )
    if scope.wants(ODD_HOURS):
        days = {f.started_at.date() for f in period.facts}
        found += rules.odd_hours(
            period.one_each,
            night_from=scope.param(ODD_HOURS, "night_from"),
            night_until=scope.param(ODD_HOURS, "night_until"),
            holidays=rules.holiday_names(days, scope.param(ODD_HOURS, "holidays")),
            names=names,
        )
    return [period.finding(signal) for signal in found]
