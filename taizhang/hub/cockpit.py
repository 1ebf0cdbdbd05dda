"""The cockpit (the home page): the published figures of the user's scope, side by side, with targets and trend.

One reader, three scopes: district roles get a row per unit, a unit's staff a row per 村居 (a 村居's staff their
村居), and a field worker what they must do now (`ModuleSpec.worker_home`) with their own figures (`per_person`).
Queries: a few for the org tree, the modules and the targets, then one compute per figure and month — never one per
unit (tests/hub/test_cockpit_queries.py guards it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from taizhang.core.manifest import Value
from taizhang.hub import metrics
from taizhang.hub.metrics import Published
from taizhang.org.models import OrgNode, Role
from taizhang.org.modules import enabled_keys, unit_module_keys, user_modules
from taizhang.org.scoping import user_scope

TREND_MONTHS = 6


# --- what a module shows a field worker (the `worker_home` hook returns one card) -----------------------------


@dataclass
class WorkItem:
    text: str
    detail: str = ""
    url: str = ""


@dataclass
class WorkCard:
    title: str
    items: list[WorkItem]
    note: str = ""
    empty: str = ""  # shown when there is nothing left to do
    more_url: str = ""
    more_label: str = ""
    more_count: int = 0  # items beyond those listed


# --- the board -------------------------------------------------------------------------------------------------


@dataclass
class Cell:
    value: Value
    text: str  # the number as shown ("87.5%", "1,234")
    suffix: str  # the measure after a count ("户"), "" after a ratio
    url: str
    behind: bool


@dataclass
class Column:
    item: Published
    target: Decimal | None
    module: str

    @property
    def target_text(self) -> str:
        if self.target is None:
            return ""
        return f"{self.target.normalize():f}{self.item.metric.measure if self.item.metric.is_ratio else ''}"


@dataclass
class Row:
    node: OrgNode
    cells: list[tuple[Column, Cell | None]]  # one per column; None where the unit does not use the figure's module


@dataclass
class Board:
    as_of: date
    title: str
    row_label: str  # 单位 or 村居
    columns: list[Column]
    cards: list[tuple[Column, Cell]]  # the scope's totals
    rows: list[Row]
    trend: dict = field(default_factory=dict)

    @property
    def has_targets(self) -> bool:
        return any(column.target is not None for column in self.columns)


def is_worker(user) -> bool:
    return getattr(user, "role", None) == Role.FIELD_WORKER


def is_district(user) -> bool:
    node = getattr(user, "node", None)
    return (node is None and user.is_superuser) or (node is not None and node.kind == OrgNode.Kind.DISTRICT)


def targets() -> dict[str, Decimal]:
    from taizhang.hub.models import MetricTarget

    return dict(MetricTarget.objects.values_list("metric", "value"))


def month_ends(as_of: date, count: int = TREND_MONTHS) -> list[date]:
    """The last day of each of the `count - 1` months before `as_of`'s, then `as_of` itself."""
    points = [as_of]
    day = as_of.replace(day=1)
    for _ in range(count - 1):
        day = day - timedelta(days=1)
        points.insert(0, day)
        day = day.replace(day=1)
    return points


def _cell(item: Published, value: Value | None, target, *, unit_id=None, community_id=None, as_of=None) -> Cell:
    value = value if value is not None else item.zero
    ratio = item.metric.is_ratio
    return Cell(
        value,
        value.text("%" if ratio else ""),
        "" if ratio or value.number is None else item.metric.measure,
        item.url(unit_id=unit_id, community_id=community_id, as_of=as_of),
        metrics.is_behind(item.metric, value.number, target),
    )


def board(user, *, as_of: date) -> Board:
    scope = user_scope(user)
    district = is_district(user)
    units = list(OrgNode.objects.visible_to(user).filter(kind=OrgNode.Kind.UNIT).order_by("path"))
    unit_modules = unit_module_keys([unit.pk for unit in units])
    if not district:  # a unit's staff see the figures of the modules their unit works with
        unit_modules = {unit_id: keys & enabled_keys(user) for unit_id, keys in unit_modules.items()}
    used = frozenset().union(*unit_modules.values()) if unit_modules else frozenset()
    items = metrics.published(used)
    goals = targets()
    columns = [Column(item, goals.get(item.key), item.spec.name) for item in items]

    # The trend is of the modules' figures: the registry's counts go back only as far as the records were entered.
    trended = [item for item in items if item.spec is not metrics.KERNEL]
    points = month_ends(as_of)
    now = metrics.compute_all(items, unit_modules, as_of=as_of, community_id=scope.community_id)
    series = [
        metrics.compute_all(trended, unit_modules, as_of=point, community_id=scope.community_id)
        for point in points[:-1]
    ] + [now]

    def uses(unit_id: int, item: Published) -> bool:
        return item.spec is metrics.KERNEL or item.spec.key in unit_modules.get(unit_id, frozenset())

    cards = [(c, _cell(c.item, metrics.total(now[c.item.key], c.item.zero), c.target, as_of=as_of)) for c in columns]
    if district:
        per_unit = {c.item.key: metrics.by_unit(now[c.item.key], c.item.zero) for c in columns}
        rows = [
            Row(
                unit,
                [
                    (
                        c,
                        _cell(c.item, per_unit[c.item.key].get(unit.pk), c.target, unit_id=unit.pk, as_of=as_of)
                        if uses(unit.pk, c.item)
                        else None,
                    )
                    for c in columns
                ],
            )
            for unit in units
        ]
        title, row_label = "全区", "单位"
    else:
        communities = OrgNode.objects.visible_to(user).filter(kind=OrgNode.Kind.COMMUNITY)
        if scope.community_id is not None:
            communities = communities.filter(pk=scope.community_id)
        rows = [
            Row(
                c,
                [
                    (
                        col,
                        _cell(
                            col.item,
                            now[col.item.key].get((c.unit_id, c.pk)),
                            col.target,
                            unit_id=c.unit_id,
                            community_id=c.pk,
                            as_of=as_of,
                        )
                        if uses(c.unit_id, col.item)
                        else None,
                    )
                    for col in columns
                ],
            )
            for c in communities.order_by("unit_id", "sort_order", "name")
        ]
        title = (
            user.node.name
            if scope.community_id is None or user.node.kind == OrgNode.Kind.COMMUNITY
            else (next((row.node.name for row in rows), user.node.name))
        )
        row_label = "村居"
    return Board(as_of, title, row_label, columns, cards, rows, _trend(columns, points, series, rows, district))


def _trend(columns: list[Column], points: list[date], series: list[dict], rows: list[Row], district: bool) -> dict:
    """For the chart: per figure, the scope's total at each month end, and a line per row (unit or 村居)."""
    figures = []
    for index, column in enumerate(columns):
        item = column.item
        if item.spec is metrics.KERNEL:
            continue
        lines = [{"name": "合计", "data": [_number(metrics.total(values[item.key], item.zero)) for values in series]}]
        for row in rows:
            if row.cells[index][1] is None:
                continue
            if district:
                data = [metrics.by_unit(values[item.key], item.zero).get(row.node.pk, item.zero) for values in series]
            else:
                data = [values[item.key].get((row.node.unit_id, row.node.pk), item.zero) for values in series]
            lines.append({"name": row.node.name, "data": [_number(value) for value in data]})
        if len(lines) == 2:  # one row: its line is the total
            lines = lines[:1]
        figures.append(
            {
                "key": item.key,
                "label": item.label,
                "measure": item.metric.measure,
                "target": _number_or_none(column.target),
                "lines": lines,
            }
        )
    return {"labels": [f"{p.year}-{p.month:02d}" for p in points], "figures": figures}


def _number(value: Value) -> float | None:
    return _number_or_none(value.number)


def _number_or_none(number: Decimal | None) -> float | None:
    return None if number is None else float(number)


# --- the field worker's home -------------------------------------------------------------------------------------


@dataclass
class PersonFigure:
    label: str
    text: str
    period: str
    behind: bool


def worker_home(user, *, today: date) -> dict:
    goals = targets()
    cards, figures = [], []
    for spec in user_modules(user):
        if spec.worker_home:
            card = spec.load(spec.worker_home)(user, today)
            if card is not None:
                cards.append(card)
    for item in metrics.published(enabled_keys(user)):
        value = item.per_person(user, as_of=today)
        if value is not None:
            figures.append(
                PersonFigure(
                    item.label,
                    value.text(item.metric.measure),
                    item.period(today),
                    metrics.is_behind(item.metric, value.number, goals.get(item.key)),
                )
            )
    return {"cards": cards, "figures": figures, "today": today}
