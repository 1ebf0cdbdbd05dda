"""Progress of a renewal project as of any day: the figures for the whole project, per community and per group,
the cumulative series over time for the chart, and the brief (简报) the street office reports them in.

Where each figure comes from (all counted by a date on the row it describes, so "as of D" is `<= D`):

- households in the red line: the project's households as the list stands now (a household added to the list
  later, e.g. by a measurement import of the old ledger, still counts on the earlier days);
- households measured: `ProjectHousehold.measured_on <= D`. "A household counts as measured when one of its
  courtyards is measured": the measurement services keep that field as the first day of a valid measurement of
  a site the household owns, and work it out again when a measurement is recorded or voided
  (`sites.site_refresh`), so a household with two courtyards is counted once and a voided measurement stops
  counting. Reading the field, not the owner links of the sites, keeps every household figure one plain scan of
  one table (the join of households, owner links and sites took 4 to 8 times as long on 10,000 households);
  `tests/renewal/test_progress_contract.py` holds the measurement services to it;
- courtyards and factories measured: active sites with `measured_on <= D`;
- households determined: `ProjectHousehold.determined_on <= D` (kept by the determination services);
- agreements signed / households vacated: `Agreement.signed_on` / `vacated_on <= D`;
- violations found / demolished: active violations with `found_on` / `demolished_on <= D`.

Per community and per group is by the record's own `community_id` and `group_id` (a household's, a site's…),
one grouped aggregate query per table; everything is read through `visible_to(user)`, so a community's staff
get their community's rows only.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from django.db.models import Count, Q

from taizhang.core.models import RecordStatus
from taizhang.org.scoping import user_scope
from taizhang.renewal import rules
from taizhang.renewal.models import Agreement, Project, ProjectGroup, ProjectHousehold, Site, Violation
from taizhang.renewal.rules import ProgressFigures

NO_GROUP = "未分组"


@dataclass
class ProgressRow:
    id: int | None  # the community's or group's id (None: records without a group)
    name: str
    figures: ProgressFigures
    kind: str = ""  # groups: ProjectGroup.Kind


@dataclass
class Progress:
    project: Project
    as_of: date
    total: ProgressFigures
    communities: list[ProgressRow]
    groups: list[ProgressRow]


@dataclass
class Series:
    """Cumulative figures at each point (a day) from the project's start to the as-of day."""

    points: list[date]
    lines: dict[str, list[int]]  # figure name (a ProgressFigures field) → one value per point

    def chart(self) -> dict:
        return {
            "labels": [p.isoformat() for p in self.points],
            "series": [
                {"key": key, "name": rules.PROGRESS_LABELS[key][0], "data": values}
                for key, values in self.lines.items()
            ],
        }


# --- the project's communities and groups --------------------------------------------------------------


def project_communities(user, project: Project) -> list:
    """The project's communities the user may see, in the unit's own order of its communities (`sort_order`, then
    the order they were set up in; not the tree's `path`, which as text sorts "/1/10/" before "/1/9/")."""
    communities = project.communities.order_by("sort_order", "id")
    community_id = user_scope(user).community_id
    return list(communities if community_id is None else communities.filter(pk=community_id))


# --- the figures as of a day ---------------------------------------------------------------------------

TABLES = ("households", "sites", "agreements", "violations")


def _queries(rows, as_of: date, key: tuple[str, str], tables: tuple[str, ...] = TABLES) -> list:
    """The grouped aggregate queries behind the figures as of a day, one per table, grouped by `key`; `rows(model)`
    gives the rows to count (a project's, as the user sees them; or every project's of some units)."""
    build = {
        "households": lambda: (
            rows(ProjectHousehold)
            .values(*key)
            .annotate(
                households=Count("id"),
                measured=Count("id", filter=Q(measured_on__lte=as_of)),
                determined=Count("id", filter=Q(determined_on__lte=as_of)),
            )
        ),
        "sites": lambda: (
            rows(Site)
            .filter(status=RecordStatus.ACTIVE, measured_on__lte=as_of)
            .values(*key)
            .annotate(
                courtyards=Count("id", filter=Q(kind=Site.Kind.COURTYARD)),
                factories=Count("id", filter=Q(kind=Site.Kind.FACTORY)),
            )
        ),
        "agreements": lambda: (
            rows(Agreement)
            .exclude(status=Agreement.Status.VOIDED)
            .filter(Q(signed_on__lte=as_of) | Q(vacated_on__lte=as_of))
            .values(*key)
            .annotate(
                signed=Count("id", filter=Q(signed_on__lte=as_of)), vacated=Count("id", filter=Q(vacated_on__lte=as_of))
            )
        ),
        "violations": lambda: (
            rows(Violation)
            .filter(status=RecordStatus.ACTIVE, found_on__lte=as_of)
            .values(*key)
            .annotate(
                violations_found=Count("id"), violations_demolished=Count("id", filter=Q(demolished_on__lte=as_of))
            )
        ),
    }
    return [build[table]() for table in tables]


def _collect(queries, key: tuple[str, str]) -> dict[tuple, dict[str, int]]:
    cells: dict[tuple, dict[str, int]] = {}
    for query in queries:
        for row in query.order_by():
            counts = cells.setdefault(tuple(row.pop(field) for field in key), {})
            counts.update(row)
    return cells


def _cells(user, project: Project, as_of: date) -> dict[tuple[int, int | None], dict[str, int]]:
    """(community id, group id) → figure counts: four grouped aggregate queries, whatever the number of rows."""
    key = ("community_id", "group_id")
    return _collect(_queries(lambda model: model.objects.visible_to(user).filter(project=project), as_of, key), key)


def unit_cells(unit_ids, as_of: date, tables: tuple[str, ...]) -> dict[tuple[int, int | None], dict[str, int]]:
    """(unit id, 村居 id) → the same counts over every project of the units (the cockpit's figures): one grouped
    query per table asked for ("households", "sites", "agreements", "violations"), whatever the number of units."""
    key = ("unit_id", "community_id")
    return _collect(_queries(lambda model: model.objects.filter(unit_id__in=list(unit_ids)), as_of, key, tables), key)


def _sum(counts: list[dict[str, int]]) -> ProgressFigures:
    total = ProgressFigures()
    for one in counts:
        total = total + ProgressFigures(**one)
    return total


def progress_as_of(user, project: Project, as_of: date) -> Progress:
    """The figures as of the end of `as_of`, for the whole project (what the user may see), per community (in the
    project's order) and per group (the regional groups by order, the population group, then records without a
    group if there are any). The population group determines for the whole project: its row's 人口界定 is the
    project's."""
    cells = _cells(user, project, as_of)
    total = _sum(list(cells.values()))
    communities = [
        ProgressRow(c.pk, c.name, _sum([v for (cid, _), v in cells.items() if cid == c.pk]))
        for c in project_communities(user, project)
    ]
    groups = []
    for group in ProjectGroup.objects.filter(project=project).order_by("sort_order", "id"):
        figures = _sum([v for (_, gid), v in cells.items() if gid == group.pk])
        if group.kind == ProjectGroup.Kind.POPULATION:
            figures = replace(figures, determined=total.determined)
        groups.append(ProgressRow(group.pk, group.name, figures, group.kind))
    ungrouped = [v for (_, gid), v in cells.items() if gid is None]
    if ungrouped:
        groups.append(ProgressRow(None, NO_GROUP, _sum(ungrouped)))
    return Progress(project, as_of, total, communities, groups)


# --- the series over time ------------------------------------------------------------------------------


def _daily(query, day_field: str) -> dict[date, int]:
    rows = query.values(day_field).annotate(n=Count("id")).order_by()
    return {row[day_field]: row["n"] for row in rows if row[day_field] is not None}


def progress_series(user, project: Project, as_of: date) -> Series:
    """The cumulative figures (measured households, courtyards, factories, determined, signed, vacated) at each
    week's or month's end from the project's start to `as_of` (rules.progress_points): one query per date column,
    grouped by day in the database, cumulated over the days."""
    households = ProjectHousehold.objects.visible_to(user).filter(project=project)
    sites = Site.objects.visible_to(user).filter(project=project, status=RecordStatus.ACTIVE, measured_on__lte=as_of)
    agreements = Agreement.objects.visible_to(user).filter(project=project).exclude(status=Agreement.Status.VOIDED)
    daily = {
        "measured": _daily(households.filter(measured_on__lte=as_of), "measured_on"),
        "courtyards": {},
        "factories": {},
        "determined": _daily(households.filter(determined_on__lte=as_of), "determined_on"),
        "signed": _daily(agreements.filter(signed_on__lte=as_of), "signed_on"),
        "vacated": _daily(agreements.filter(vacated_on__lte=as_of), "vacated_on"),
    }
    for row in sites.values("kind", "measured_on").annotate(n=Count("id")).order_by():  # both kinds in one query
        daily["courtyards" if row["kind"] == Site.Kind.COURTYARD else "factories"][row["measured_on"]] = row["n"]
    points = rules.progress_points(project.start_date, as_of)
    return Series(points, {key: rules.cumulative_counts(days, points) for key, days in daily.items()})


# --- the brief -----------------------------------------------------------------------------------------


def brief(user, project: Project, as_of: date, today: date) -> tuple[str, Progress]:
    """The brief's text as of a day, with the figures it was written from."""
    progress = progress_as_of(user, project, as_of)
    text = rules.brief_text(as_of, today, [c.name for c in progress.communities], progress.total)
    return text, progress
