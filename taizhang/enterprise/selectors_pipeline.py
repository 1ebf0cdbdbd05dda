"""Scoped reads of the investment pipeline: lead sources, the project list with its filters (停滞 and 达效滞后
included), a project with its path, the stage norms in force, and which projects are behind their promise."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from taizhang.enterprise.models import EnterpriseFigure, FollowUp, Project, StageEvent, StageNorm, Station
from taizhang.enterprise.rules import pipeline as rules
from taizhang.enterprise.rules.stages import CODES
from taizhang.org.models import User
from taizhang.org.scoping import get_visible_or_404


def stations(user) -> QuerySet[Station]:
    return Station.objects.visible_to(user)


def station_or_404(user, station_id: int) -> Station:
    return get_visible_or_404(Station.objects.all(), user, pk=station_id)


def officers(unit_id: int | None) -> QuerySet[User]:
    """Who may own a project or a stage, or share its credit: the unit's active staff."""
    return User.objects.filter(unit_id=unit_id, is_active=True).order_by("full_name", "username")


@dataclass(frozen=True)
class Norms:
    usual_days: dict[str, int | None]
    probability: dict[str, int]
    effective_on: date | None = None  # the latest day a norm in force was set; None = the defaults


def norms_by_unit(unit_ids, day: date) -> dict[int, Norms]:
    """The norms in force on `day` for each unit: per stage, the latest set on or before it, else the default."""
    usual = {u: dict(rules.DEFAULT_USUAL_DAYS) for u in unit_ids}
    probability = {u: dict(rules.DEFAULT_PROBABILITY) for u in unit_ids}
    since: dict[int, date | None] = dict.fromkeys(unit_ids)
    seen = set()
    rows = StageNorm.objects.filter(unit_id__in=list(unit_ids), effective_on__lte=day).order_by(
        "unit_id", "stage", "-effective_on"
    )
    for norm in rows.values("unit_id", "stage", "effective_on", "usual_days", "probability"):
        key = (norm["unit_id"], norm["stage"])
        if key in seen:
            continue
        seen.add(key)
        usual[norm["unit_id"]][norm["stage"]] = norm["usual_days"]
        probability[norm["unit_id"]][norm["stage"]] = norm["probability"]
        since[norm["unit_id"]] = max(filter(None, (since[norm["unit_id"]], norm["effective_on"])))
    return {u: Norms(usual[u], probability[u], since[u]) for u in unit_ids}


def norms(unit_id: int, day: date) -> Norms:
    return norms_by_unit([unit_id], day)[unit_id]


def stuck_q(by_unit: dict[int, Norms], today: date) -> Q:
    """Projects longer in their stage than the usual time of their unit's norms (rules.pipeline.is_stuck in SQL)."""
    longer = Q(pk__in=[])
    for unit_id, found in by_unit.items():
        for code, days in found.usual_days.items():
            if days is not None:
                longer |= Q(unit_id=unit_id, stage=code, stage_on__lt=today - timedelta(days=days))
    return longer & Q(dropped_on__isnull=True)


def unit_ids_of(projects: QuerySet[Project]) -> list[int]:
    return list(projects.order_by().values_list("unit_id", flat=True).distinct())


def behind(projects: QuerySet[Project]) -> dict[int, list[str]]:
    """The projects whose 达效 is behind their promise, with the reasons (rules.pipeline.behind), in two queries."""
    promised = list(
        projects.filter(promise_year__isnull=False, enterprise__isnull=False, dropped_on__isnull=True)
        .order_by()
        .values(
            "id",
            "enterprise_id",
            "promise_year",
            "promised_output_per_mu",
            "promised_tax_per_mu",
            "land_mu",
            "enterprise__land_mu",
        )
    )
    figures = defaultdict(list)
    found = EnterpriseFigure.objects.filter(enterprise_id__in={p["enterprise_id"] for p in promised}).order_by()
    for row in found.values("enterprise_id", "year", "output", "tax"):
        figures[row["enterprise_id"]].append(rules.Figure(row["year"], row["output"], row["tax"]))
    result = {}
    for p in promised:
        promise = rules.Promise(
            p["promise_year"],
            p["promised_output_per_mu"],
            p["promised_tax_per_mu"],
            p["land_mu"] or p["enterprise__land_mu"],
        )
        reasons = rules.behind(promise, figures[p["enterprise_id"]])
        if reasons:
            result[p["id"]] = reasons
    return result


def project_list(
    user,
    *,
    today: date,
    q: str = "",
    stage: str = "",
    source: int | None = None,
    chain: int | None = None,
    officer: int | None = None,
    stuck: bool = False,
    lagging: bool = False,
    dropped: bool = False,
) -> QuerySet[Project]:
    """The projects in scope, filtered; live ones only unless `dropped` (then the dropped ones only)."""
    found = Project.objects.visible_to(user).select_related("enterprise", "chain", "source", "officer")
    found = found.filter(dropped_on__isnull=not dropped)
    if q:
        found = found.filter(Q(name__icontains=q) | Q(investor__icontains=q) | Q(enterprise__name__icontains=q))
    if stage in CODES:
        found = found.filter(stage=stage)
    if source:
        found = found.filter(source_id=source)
    if chain:
        found = found.filter(chain_id=chain)
    if officer:
        found = found.filter(Q(officer_id=officer) | Q(credits__user_id=officer)).distinct()
    if stuck:
        found = found.filter(stuck_q(norms_by_unit(unit_ids_of(found), today), today))
    if lagging:
        found = found.filter(pk__in=list(behind(found)))
    return found.order_by("-stage_on", "-id")


def project_or_404(user, project_id: int) -> Project:
    events = Prefetch("events", queryset=StageEvent.objects.select_related("owner", "recorded_by"))
    follow_ups = Prefetch("follow_ups", queryset=FollowUp.objects.select_related("recorded_by"))
    return get_visible_or_404(
        Project.objects.select_related("enterprise", "chain", "source", "officer").prefetch_related(
            events, follow_ups, "credits__user"
        ),
        user,
        pk=project_id,
    )


def event_or_404(user, event_id: int) -> StageEvent:
    return get_visible_or_404(StageEvent.objects.select_related("project"), user, pk=event_id)


def latest_follow_ups() -> QuerySet[FollowUp]:
    """Follow-ups no newer one of the same project has followed (by date, then by entry)."""
    newer = FollowUp.objects.filter(project_id=OuterRef("project_id")).filter(
        Q(happened_on__gt=OuterRef("happened_on")) | Q(happened_on=OuterRef("happened_on"), pk__gt=OuterRef("pk"))
    )
    return FollowUp.objects.filter(~Exists(newer))
