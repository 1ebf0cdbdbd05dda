"""Reads of the assistance module, always through the user's scope and in a constant number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from taizhang.assistance import rules
from taizhang.assistance.models import AssistedHousehold, HelperAssignment, Visit, VisitRuleVersion
from taizhang.assistance.policies import is_unit_admin_of
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.org.models import User


def assisted_in_month(user, month: rules.Month) -> QuerySet:
    """Assisted households in the user's scope whose assistance covers part of the month."""
    return covering(AssistedHousehold.objects.visible_to(user), month.first_day, month.last_day)


def covering(assisted: QuerySet, first: date, last: date) -> QuerySet:
    """The assisted households whose assistance covers part of the days from `first` to `last`."""
    return assisted.filter(Q(end_date__isnull=True) | Q(end_date__gte=first), start_date__lte=last)


def rules_by_unit(unit_ids) -> dict[int, list[rules.VisitRule]]:
    by_unit: dict[int, list[rules.VisitRule]] = defaultdict(list)
    for version in VisitRuleVersion.objects.filter(unit_id__in=list(unit_ids)):
        by_unit[version.unit_id].append(
            rules.VisitRule(version.effective_from, version.min_visits_per_month, version.min_minutes)
        )
    return by_unit


def valid_visit_condition(month: rules.Month, by_unit: dict[int, list[rules.VisitRule]], unit_ids) -> Q:
    """SQL for rules.visit_validity over a month: active, in the month, long enough by the rule of its day."""
    per_unit = Q()
    for unit_id in unit_ids:
        long_enough = Q()
        for first, last, minimum in rules.duration_ranges(by_unit.get(unit_id, []), month):
            long_enough |= Q(visit_date__range=(first, last), minutes__gte=minimum)
        per_unit |= Q(unit_id=unit_id) & long_enough
    return Q(status=RecordStatus.ACTIVE, visit_date__range=(month.first_day, month.last_day)) & per_unit


@dataclass
class HouseholdCompliance:
    assisted_id: int
    household_id: int
    household_no: str
    head: str
    community: str
    helpers: list[str]
    helper_ids: list[int]
    valid: int
    required: int

    @property
    def result(self) -> rules.Compliance:
        return rules.Compliance(self.valid, self.required)


@dataclass
class GroupCompliance:
    name: str
    households: int = 0
    met: int = 0
    missing_visits: int = 0
    valid_visits: int = 0

    @property
    def rate(self) -> float:
        return self.met / self.households if self.households else 0.0


@dataclass
class MonthCompliance:
    month: rules.Month
    days_left: int
    households: list[HouseholdCompliance]
    by_helper: list[GroupCompliance] = field(default_factory=list)
    by_community: list[GroupCompliance] = field(default_factory=list)
    total: GroupCompliance = field(default_factory=lambda: GroupCompliance("合计"))

    @property
    def due(self) -> list[HouseholdCompliance]:
        """Households still short of the month's visits, the furthest behind first."""
        return sorted(
            (h for h in self.households if not h.result.met), key=lambda h: (-h.result.missing, h.household_no)
        )


def month_compliance(
    user,
    month: rules.Month,
    *,
    community_id: int | None = None,
    helper_id: int | None = None,
    assisted_id: int | None = None,
    today: date | None = None,
) -> MonthCompliance:
    """Per household, helper, 村居 and in total: valid visits against the month's requirement. Five queries."""
    assisted = assisted_in_month(user, month)
    if community_id:
        assisted = assisted.filter(community_id=community_id)
    if assisted_id:
        assisted = assisted.filter(pk=assisted_id)
    if helper_id:
        assisted = (
            assisted.filter(assignments__helper_id=helper_id, assignments__start_date__lte=month.last_day)
            .filter(Q(assignments__end_date__isnull=True) | Q(assignments__end_date__gte=month.first_day))
            .distinct()
        )
    rows = list(
        assisted.order_by("household__household_no").values(
            "id", "unit_id", "household_id", "household__household_no", "household__head__name", "community__name"
        )
    )
    unit_ids = {row["unit_id"] for row in rows}
    by_unit = rules_by_unit(unit_ids)
    valid = valid_visit_condition(month, by_unit, unit_ids)
    # Filtered on the visit's own (denormalised) columns where possible: plain index scans, whatever the statistics.
    visits = Visit.objects.visible_to(user).filter(valid)
    if community_id:
        visits = visits.filter(community_id=community_id)
    if assisted_id:
        visits = visits.filter(assisted_id=assisted_id)
    if helper_id:
        visits = visits.filter(assisted__in=assisted.values("id"))
    counts = dict(visits.values_list("assisted_id").annotate(n=Count("id")).order_by())
    by_helper_visits = dict(visits.values_list("helpers").annotate(n=Count("id")).order_by())
    assignments = defaultdict(list)
    helper_names = {}
    wanted = {row["id"] for row in rows}
    in_month = (
        HelperAssignment.objects.visible_to(user)
        .filter(start_date__lte=month.last_day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=month.first_day))
    )
    if community_id:
        in_month = in_month.filter(community_id=community_id)
    for household_assisted, helper, name, username in in_month.order_by("start_date", "id").values_list(
        "assisted_id", "helper_id", "helper__full_name", "helper__username"
    ):
        if household_assisted in wanted:
            assignments[household_assisted].append(helper)
            helper_names[helper] = name or username

    households = [
        HouseholdCompliance(
            assisted_id=row["id"],
            household_id=row["household_id"],
            household_no=row["household__household_no"],
            head=row["household__head__name"] or "",
            community=row["community__name"],
            helpers=[helper_names[h] for h in assignments[row["id"]]],
            helper_ids=assignments[row["id"]],
            valid=counts.get(row["id"], 0),
            required=rules.required_visits(by_unit.get(row["unit_id"], []), month),
        )
        for row in rows
    ]
    report = MonthCompliance(
        month=month, days_left=rules.days_left(month, today or clock.today()), households=households
    )
    helpers: dict[int, GroupCompliance] = {}
    communities: dict[str, GroupCompliance] = {}
    for household in households:
        groups = [report.total, communities.setdefault(household.community, GroupCompliance(household.community))]
        groups += [helpers.setdefault(h, GroupCompliance(helper_names[h])) for h in household.helper_ids]
        for group in groups:
            group.households += 1
            group.met += household.result.met
            group.missing_visits += household.result.missing
    for helper, group in helpers.items():
        group.valid_visits = by_helper_visits.get(helper, 0)
    report.total.valid_visits = sum(counts.values())
    report.by_helper = sorted(helpers.values(), key=lambda g: (g.rate, g.name))
    report.by_community = sorted(communities.values(), key=lambda g: g.name)
    return report


def valid_visit_counts(
    visits: QuerySet, month: rules.Month, by_unit: dict[int, list[rules.VisitRule]], unit_ids
) -> dict[int, int]:
    """Valid visits of the month per assisted household (the count `month_compliance` judges each household by)."""
    return dict(
        visits.filter(valid_visit_condition(month, by_unit, unit_ids))
        .values_list("assisted_id")
        .annotate(n=Count("id"))
        .order_by()
    )


def compliance_cells(unit_ids, month: rules.Month) -> dict[tuple[int, int], tuple[int, int]]:
    """(unit id, 村居 id) → (households met, households assisted) in the month, for the cockpit: the same households,
    visits and rules as `month_compliance` (three queries for any number of units)."""
    unit_ids = list(unit_ids)
    rows = covering(
        AssistedHousehold.objects.filter(unit_id__in=unit_ids), month.first_day, month.last_day
    ).values_list("id", "unit_id", "community_id")
    by_unit = rules_by_unit(unit_ids)
    counts = valid_visit_counts(Visit.objects.filter(unit_id__in=unit_ids), month, by_unit, unit_ids)
    cells: dict[tuple[int, int], tuple[int, int]] = {}
    for assisted_id, unit_id, community_id in rows:
        met = rules.Compliance(counts.get(assisted_id, 0), rules.required_visits(by_unit.get(unit_id, []), month)).met
        done, of = cells.get((unit_id, community_id), (0, 0))
        cells[(unit_id, community_id)] = (done + met, of + 1)
    return cells


def helpers_in_month(user, month: rules.Month) -> list[tuple[int, str]]:
    """(id, name) of the helpers assigned to a household the user sees for part of the month, by name."""
    found = (
        HelperAssignment.objects.visible_to(user)
        .filter(start_date__lte=month.last_day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=month.first_day))
        .values_list("helper_id", "helper__full_name", "helper__username")
        .distinct()
    )
    return sorted({(pk, name or username) for pk, name, username in found}, key=lambda h: (h[1], h[0]))


def my_households(user, month: rules.Month) -> MonthCompliance:
    """A helper's own households this month (the phone home page)."""
    return month_compliance(user, month, helper_id=user.pk)


# --- helpers and rules of one household or unit ----------------------------------------------------


def helpers_on(assisted: AssistedHousehold, day: date) -> list[User]:
    return [a.helper for a in assisted.assignments.select_related("helper") if a.active_on(day)]


def is_helper(user, assisted: AssistedHousehold, day: date | None = None) -> bool:
    """Whether the user is one of the household's helpers on the day (today when not given)."""
    return any(h.pk == user.pk for h in helpers_on(assisted, day or clock.today()))


def may_act_for(user, assisted: AssistedHousehold, day: date | None = None) -> bool:
    """The household's helper that day, or its unit's admin: who records its visits, cleanings, measures."""
    return is_unit_admin_of(user, assisted.unit_id) or is_helper(user, assisted, day)


def unit_rules(unit_id: int) -> list[rules.VisitRule]:
    return [
        rules.VisitRule(v.effective_from, v.min_visits_per_month, v.min_minutes)
        for v in VisitRuleVersion.objects.filter(unit_id=unit_id)
    ]


def judged(visits, unit_id: int) -> list[Visit]:
    """The visits with `counted` and `not_counted_reason` set by the rules of their days (one query for the rules)."""
    versions = unit_rules(unit_id)
    visits = list(visits)
    for visit in visits:
        visit.counted, visit.not_counted_reason = rules.visit_validity(
            day=visit.visit_date, minutes=visit.minutes, voided=visit.is_voided, rules=versions
        )
    return visits


def visit_list(user, *, assisted_id=None, month: rules.Month | None = None) -> QuerySet:
    visits = (
        Visit.objects.visible_to(user).select_related("assisted__household", "recorded_by").prefetch_related("helpers")
    )
    if assisted_id:
        visits = visits.filter(assisted_id=assisted_id)
    if month:
        visits = visits.filter(visit_date__range=(month.first_day, month.last_day))
    return visits.order_by("-started_at", "-id")


# --- problems ----------------------------------------------------------------------------------


def problem_list(
    user,
    *,
    stage: str = "",
    category: str = "",
    department_id: int | None = None,
    community_id: int | None = None,
    overdue: bool = False,
    assisted_id: int | None = None,
    today: date | None = None,
) -> QuerySet:
    from taizhang.assistance.models import Problem

    problems = (
        Problem.objects.visible_to(user)
        .filter(status=RecordStatus.ACTIVE)
        .select_related("assisted__household", "community", "department", "found_by")
    )
    if stage:
        problems = problems.filter(stage=stage)
    if category:
        problems = problems.filter(category=category)
    if department_id:
        problems = problems.filter(department_id=department_id)
    if community_id:
        problems = problems.filter(community_id=community_id)
    if assisted_id:
        problems = problems.filter(assisted_id=assisted_id)
    if overdue:
        problems = problems.filter(due_date__lt=today or clock.today(), resolved_at__isnull=True)
    return problems.order_by("-found_on", "-id")


@dataclass
class ProblemFigures:
    first: date
    last: date
    total: rules.Timeliness
    by_department: list[tuple[str, rules.Timeliness]]
    by_community: list[tuple[str, rules.Timeliness]]


def problem_figures(user, first: date, last: date, *, today: date | None = None) -> ProblemFigures:
    """及时发现、及时上报、及时解决 for the problems found between two dates: one query."""
    from taizhang.assistance.models import Problem

    today = today or clock.today()
    local = lambda moment: timezone.localdate(moment) if moment else None  # noqa: E731
    rows = (
        Problem.objects.visible_to(user)
        .filter(status=RecordStatus.ACTIVE, found_on__range=(first, last))
        .values_list("found_on", "reported_at", "due_date", "resolved_at", "department__name", "community__name")
    )
    everything, departments, communities = [], defaultdict(list), defaultdict(list)
    for found_on, reported_at, due, resolved_at, department, community in rows:
        times = rules.ProblemTimes(found_on, local(reported_at), due, local(resolved_at))
        everything.append(times)
        departments[department or "（未交办）"].append(times)
        communities[community].append(times)
    return ProblemFigures(
        first,
        last,
        rules.timeliness(everything, today),
        sorted((name, rules.timeliness(items, today)) for name, items in departments.items()),
        sorted((name, rules.timeliness(items, today)) for name, items in communities.items()),
    )
