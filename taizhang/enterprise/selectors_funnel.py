"""The pipeline funnel: counts and planned investment per stage, by lead source, by chain and by officer (credit
weighted), the weighted pipeline value (fixed and learned probabilities), 停滞 and 达效滞后 — each a grouped query
over the projects in scope, whatever their number."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import BooleanField, Count, DecimalField, ExpressionWrapper, F, Q, Sum

from taizhang.enterprise.models import Chain, Project, ProjectCredit, Station
from taizhang.enterprise.rules import pipeline as rules
from taizhang.enterprise.rules.stages import CODES, INDEX, LABELS
from taizhang.enterprise.selectors_pipeline import behind, norms_by_unit, stuck_q
from taizhang.org.models import User

ZERO = Decimal(0)


LAGGING_SHOWN = 30


def wan_text(amount: Decimal) -> str:
    """万元 as the page shows them: whole, with thousands separators (formatted here: a template filter per cell is
    a third of the page's time at 2,000 projects)."""
    return f"{int(amount.quantize(Decimal(1), ROUND_HALF_UP)):,}"


@dataclass
class Cell:
    count: Decimal = ZERO  # a credit-weighted count may be a fraction of a project
    planned: Decimal = ZERO

    def add(self, count, planned) -> None:
        self.count += Decimal(count or 0)
        self.planned += Decimal(planned or 0)

    @property
    def count_text(self) -> str:
        whole = self.count.quantize(Decimal("0.01"), ROUND_HALF_UP).normalize()
        return f"{whole:f}" if self.count else ""

    @property
    def planned_text(self) -> str:
        return wan_text(self.planned)


@dataclass
class Row:
    """One line of a breakdown: its cells per stage (live projects) and its total."""

    label: str
    cells: dict[str, Cell] = field(default_factory=lambda: {code: Cell() for code in CODES})

    @property
    def stage_cells(self) -> list[tuple[str, Cell]]:
        return [(LABELS[code], cell) for code, cell in self.cells.items()]

    @property
    def total(self) -> Cell:
        whole = Cell()
        for cell in self.cells.values():
            whole.add(cell.count, cell.planned)
        return whole


@dataclass
class Stage:
    code: str
    label: str
    now: int  # live projects at the stage
    planned: Decimal  # their planned investment
    reached: int  # projects that ever reached it, dropped ones included
    probability: int  # fixed (the viewer's unit's norm)
    learned: rules.Learned

    @property
    def planned_text(self) -> str:
        return wan_text(self.planned)


@dataclass
class Funnel:
    stages: list[Stage]
    by_source: list[Row]
    by_chain: list[Row]
    by_officer: list[Row]
    weighted_fixed: Decimal
    weighted_learned: Decimal
    stuck: int
    lagging: list[tuple[dict, list[str]]]  # the first LAGGING_SHOWN, by name
    lagging_count: int
    live: int
    dropped: int

    @property
    def weighted_fixed_text(self) -> str:
        return wan_text(self.weighted_fixed)

    @property
    def weighted_learned_text(self) -> str:
        return wan_text(self.weighted_learned)


def _pivot(rows, key: str, labels: dict, none_label: str) -> list[Row]:
    table: dict = {}
    for row in rows:
        name = labels.get(row[key], none_label) if row[key] is not None else none_label
        table.setdefault(row[key], Row(name)).cells[row["stage"]].add(row["n"], row["planned"])
    return sorted(table.values(), key=lambda r: (-r.total.planned, r.label))


def funnel(user, *, today: date) -> Funnel:
    projects = Project.objects.visible_to(user).order_by()
    live = projects.filter(dropped_on__isnull=True)
    is_dropped = ExpressionWrapper(Q(dropped_on__isnull=False), output_field=BooleanField())
    by_stage = list(
        projects.annotate(is_dropped=is_dropped)
        .values("unit_id", "stage", "is_dropped")
        .annotate(n=Count("id"), planned=Sum("planned_investment"))
    )
    unit_ids = sorted({r["unit_id"] for r in by_stage} | ({user.unit_id} if user.unit_id else set()))
    norms = norms_by_unit(unit_ids, today)
    learned = rules.learned((r["stage"], r["is_dropped"], r["n"]) for r in by_stage)
    now, planned, reached = defaultdict(int), defaultdict(Decimal), defaultdict(int)
    weighted_fixed = weighted_learned = ZERO
    for r in by_stage:
        for code in CODES[: INDEX[r["stage"]] + 1]:
            reached[code] += r["n"]
        if r["is_dropped"]:
            continue
        now[r["stage"]] += r["n"]
        planned[r["stage"]] += r["planned"] or ZERO
        weighted_fixed += rules.weighted(r["planned"], norms[r["unit_id"]].probability[r["stage"]])
        weighted_learned += rules.weighted(r["planned"], learned[r["stage"]].percent)
    shown = norms[user.unit_id] if user.unit_id in norms else norms[unit_ids[0]] if unit_ids else None
    stages = [
        Stage(
            code,
            LABELS[code],
            now[code],
            planned[code],
            reached[code],
            (shown.probability if shown else rules.DEFAULT_PROBABILITY)[code],
            learned[code],
        )
        for code in CODES
    ]
    grouped = live.values("stage")
    by_source = grouped.values("source_id", "stage").annotate(n=Count("id"), planned=Sum("planned_investment"))
    by_chain = grouped.values("chain_id", "stage").annotate(n=Count("id"), planned=Sum("planned_investment"))
    station_names = dict(Station.objects.visible_to(user).values_list("id", "name"))
    chain_names = dict(Chain.objects.visible_to(user).values_list("id", "name"))
    lagging = behind(projects)
    return Funnel(
        stages=stages,
        by_source=_pivot(by_source, "source_id", station_names, "未填来源"),
        by_chain=_pivot(by_chain, "chain_id", chain_names, "未归链"),
        by_officer=_by_officer(live),
        weighted_fixed=weighted_fixed,
        weighted_learned=weighted_learned,
        stuck=live.filter(stuck_q(norms, today)).count(),
        lagging=[
            (p, lagging[p["id"]])
            for p in projects.filter(pk__in=list(lagging))
            .order_by("name")
            .values("id", "name", "enterprise__name", "officer__full_name")[:LAGGING_SHOWN]
        ],
        lagging_count=len(lagging),
        live=sum(now.values()),
        dropped=sum(r["n"] for r in by_stage if r["is_dropped"]),
    )


def _by_officer(live) -> list[Row]:
    """Credit-weighted: each officer counts their share of a project and of its planned investment; a project
    without shares counts whole for its officer. Shares are summed in the database and divided by 100 here, so no
    database divides whole numbers."""
    credited = (
        ProjectCredit.objects.filter(project__in=live)
        .values("user_id", stage=F("project__stage"))
        .annotate(
            n=Sum("share"),
            planned=Sum(
                ExpressionWrapper(
                    F("project__planned_investment") * F("share"), output_field=DecimalField(max_digits=24)
                )
            ),
        )
        .order_by()
    )
    uncredited = (
        live.filter(officer__isnull=False)
        .exclude(credits__isnull=False)
        .values(user_id=F("officer_id"))
        .values("user_id", "stage")
        .annotate(n=Count("id"), planned=Sum("planned_investment"))
    )
    hundred = rules.HUNDRED
    rows = [
        {**r, "n": Decimal(r["n"]) / hundred, "planned": Decimal(r["planned"] or 0) / hundred} for r in credited
    ] + list(uncredited)
    names = {u.pk: u.full_name or u.username for u in User.objects.filter(pk__in={r["user_id"] for r in rows})}
    return _pivot(rows, "user_id", names, "未指定")
