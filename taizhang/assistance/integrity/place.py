"""Visit signals: the place family (照片重复, 位置完全相同, 位置偏离)."""

from __future__ import annotations

from taizhang.assistance.integrity.facts import PeriodFacts
from taizhang.assistance.integrity.kinds import FAR_FROM_HOME, SAME_PHOTO, SAME_POSITION
from taizhang.assistance.models import VisitPhoto
from taizhang.assistance.rules import signals_place as rules
from taizhang.assistance.rules.visits import Month
from taizhang.core.findings import Finding, SignalScope
from taizhang.core.models import RecordStatus


def far(facts: PeriodFacts, scope: SignalScope) -> list[Finding]:
    return [
        facts.finding_about(FAR_FROM_HOME, signal.visit_ids, f"{facts.visit_names(signal.visit_ids)}：{signal.detail}")
        for signal in rules.far_from_home(facts.one_each, facts.homes, metres=scope.param(FAR_FROM_HOME, "metres"))
    ]


def positions(facts: PeriodFacts, scope: SignalScope) -> list[Finding]:
    metres = scope.param(SAME_POSITION, "metres")
    found = []
    for coincidence in rules.same_positions(facts.one_each, metres=metres):
        households = len({facts.visits[i].assisted_id for i in coincidence.visit_ids})
        detail = (
            f"{facts.visit_names(coincidence.visit_ids)}：{households} 户的走访，手机定位相距不超过 {metres:g} 米"
            f"（最远约 {coincidence.metres:.1f} 米），不像是分别到了各户"
        )
        found.append(facts.finding_about(SAME_POSITION, coincidence.visit_ids, detail))
    return found


def photos(facts: PeriodFacts, scope: SignalScope) -> list[Finding]:
    """The period's photos against each other and against those of the unit's visits in the months before (one
    query, through the visits' (unit, visit_date) index; photos not yet hashed are left out)."""
    since = Month.of(scope.start)
    for _ in range(max(0, int(scope.param(SAME_PHOTO, "months")))):
        since = since.previous()
    rows = (
        VisitPhoto.objects.filter(
            visit__unit_id=scope.unit_id,
            visit__visit_date__range=(since.first_day, scope.end),
            visit__status=RecordStatus.ACTIVE,
        )
        .exclude(phash="")
        .values_list("visit_id", "visit__assisted_id", "visit__visit_date", "phash")
    )
    matches = rules.same_photos(
        (
            rules.Photo(visit_id, household_id, day.year * 12 + day.month - 1, int(phash, 16), visit_id in facts.visits)
            for visit_id, household_id, day, phash in rows
        ),
        distance=scope.param(SAME_PHOTO, "distance"),
    )
    if not matches:
        return []
    named = facts.including({i for match in matches for i in match.visit_ids})
    found = []
    for match in matches:
        ids = [i for i in match.visit_ids if i in named.visits]  # an earlier visit voided meanwhile is left out
        households = len({named.visits[i].assisted_id for i in ids})
        months = len({(named.visits[i].visit_date.year, named.visits[i].visit_date.month) for i in ids})
        where = f"{households} 户" + (f"、{months} 个月" if months > 1 else "")
        how = "同一张照片" if match.bits == 0 else f"几乎相同的照片（感知指纹相差 {match.bits} 位）"
        detail = f"{named.visit_names(ids)}：{where}的走访用了{how}"
        day = min(named.visits[i].visit_date for i in ids if i in facts.visits)
        found.append(named.finding_about(SAME_PHOTO, ids, detail, day=day))
    return found


def find(facts: PeriodFacts, scope: SignalScope) -> list[Finding]:
    checks = ((SAME_PHOTO, photos), (SAME_POSITION, positions), (FAR_FROM_HOME, far))
    return [finding for kind, check in checks if scope.wants(kind) for finding in check(facts, scope)]
