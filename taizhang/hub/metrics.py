"""The figures modules publish (`ModuleSpec.metrics`), computed from the data as of any day — never stored.

The compute contract, for a function named by `Metric.compute`:

    def compute(*, unit_ids: list[int], as_of: date, month: date) -> dict[tuple[int, int | None], Value]

- `unit_ids`: every unit to compute (the viewer's units that enabled the module). One call covers them all in a
  fixed number of grouped queries (`GROUP BY unit_id, community_id`), so the cockpit's query count does not grow
  with the number of units.
- `as_of`: the day the figure stands at, to its end: running totals count what is dated on or before it.
- `month`: the first day of the month of a monthly figure (the month of `as_of`).
- The result is keyed by (unit id, 村居 id); 村居 None for records that have none; a missing key is zero. A ratio
  returns `Value(numerator, denominator)`: the engine adds numerators and denominators to roll 村居 up into units
  and units into the district, and divides last, so a rate is never an average of rates.

`per_person(user, *, as_of, month) -> Value | None` is the figure for one person (a helper's compliance, a
measurer's households), None where it does not apply to that person.

The engine reads the specs through the manifest and names no module; the registry's household and person counts
are the kernel's own figures, published the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from taizhang.core.manifest import Metric, ModuleSpec, Value, modules
from taizhang.core.models import RecordStatus
from taizhang.registry.models import Household, Person

Key = tuple[int, "int | None"]
ZERO = Value()

# Within one `compute_all`, figures read from the same grouped query share it (`shared`): 累计测量户数 and
# 人口界定户数 are two columns of one count over the renewal households.
_memo: ContextVar[dict | None] = ContextVar("taizhang_metric_memo", default=None)


def shared(key: tuple, compute: Callable[[], object]):
    """`compute()`, once per key within the current `compute_all` (every call outside one)."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def end_of_day(day: date) -> datetime:
    """The first moment after `day` in the project's time zone: timestamps before it happened on or before the day."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def first_of_month(day: date) -> date:
    return day.replace(day=1)


# --- the kernel's own figures -------------------------------------------------------------------------


def household_counts(*, unit_ids: list[int], as_of: date, month: date) -> dict[Key, Value]:
    """Households registered by the end of the day and not voided by then (today: the active households)."""
    moment = end_of_day(as_of)
    rows = (
        Household.objects.filter(unit_id__in=unit_ids, created_at__lt=moment)
        .filter(Q(status=RecordStatus.ACTIVE) | Q(voided_at__gte=moment))
        .values_list("unit_id", "community_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {(unit_id, community_id): Value(n) for unit_id, community_id, n in rows}


def person_counts(*, unit_ids: list[int], as_of: date, month: date) -> dict[Key, Value]:
    """Persons of those households, registered by the end of the day and not voided by then."""
    moment = end_of_day(as_of)
    rows = (
        Person.objects.filter(unit_id__in=unit_ids, created_at__lt=moment, household__created_at__lt=moment)
        .filter(Q(status=RecordStatus.ACTIVE) | Q(voided_at__gte=moment))
        .filter(Q(household__status=RecordStatus.ACTIVE) | Q(household__voided_at__gte=moment))
        .values_list("unit_id", "household__community_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {(unit_id, community_id): Value(n) for unit_id, community_id, n in rows}


KERNEL = ModuleSpec(
    key="registry",
    name="户籍",
    metrics=(
        Metric(
            "households",
            "户数",
            "户",
            "taizhang.hub.metrics.household_counts",
            link="registry:household_list?unit={unit}&community={community}",
            order=1,
        ),
        Metric("persons", "人数", "人", "taizhang.hub.metrics.person_counts", order=2),
    ),
    order=0,
)


@dataclass(frozen=True)
class Published:
    """One published figure: the module (or the kernel) and its metric."""

    spec: ModuleSpec
    metric: Metric

    @property
    def key(self) -> str:
        return f"{self.spec.key}.{self.metric.key}"

    @property
    def label(self) -> str:
        return self.metric.label

    def compute(self, *, unit_ids: list[int], as_of: date) -> dict[Key, Value]:
        if not unit_ids:
            return {}
        return self.spec.load(self.metric.compute)(unit_ids=list(unit_ids), as_of=as_of, month=first_of_month(as_of))

    def per_person(self, user, *, as_of: date) -> Value | None:
        if not self.metric.per_person:
            return None
        return self.spec.load(self.metric.per_person)(user, as_of=as_of, month=first_of_month(as_of))

    def url(self, *, unit_id: int | None = None, community_id: int | None = None, as_of: date | None = None) -> str:
        """The list behind the figure, filtered by what the list accepts ("" when the metric names no list)."""
        if not self.metric.link:
            return ""
        name, _, query = self.metric.link.partition("?")
        values = {"unit": unit_id or "", "community": community_id or "", "month": f"{as_of:%Y-%m}" if as_of else ""}
        params = []
        for pair in filter(None, query.split("&")):
            field, _, template = pair.partition("=")
            value = template.format(**values)
            if value:
                params.append((field, value))
        return reverse(name) + (f"?{urlencode(params)}" if params else "")

    @property
    def zero(self) -> Value:
        """Nothing counted: 0, or for a ratio 0 of 0 (shown as "—", never 0%)."""
        return Value(0, 0) if self.metric.is_ratio else Value(0)

    def period(self, as_of: date) -> str:
        return f"{as_of.year}年{as_of.month}月" if self.metric.monthly else f"截至{as_of:%Y-%m-%d}"


def published(module_keys=None) -> list[Published]:
    """The kernel's figures, then each module's in menu order (only `module_keys` when given)."""
    result = [Published(KERNEL, metric) for metric in sorted(KERNEL.metrics, key=lambda m: m.order)]
    for spec in modules():
        if module_keys is not None and spec.key not in module_keys:
            continue
        result += [Published(spec, metric) for metric in sorted(spec.metrics, key=lambda m: (m.order, m.key))]
    return result


def find(key: str) -> Published | None:
    return next((item for item in published() if item.key == key), None)


def is_behind(metric: Metric, number: Decimal | None, target: Decimal | None) -> bool:
    """Whether a figure falls short of its target (below it, or above it for a figure where lower is better)."""
    if number is None or target is None:
        return False
    return number < target if metric.higher_is_better else number > target


def compute_all(
    items: list[Published], unit_modules: dict[int, frozenset[str]], *, as_of: date, community_id: int | None = None
) -> dict[str, dict[Key, Value]]:
    """Every figure for every unit that works with its module: one compute call per figure, whatever the number of
    units. `community_id` keeps one 村居's values (a 村居's staff see their 村居 only)."""
    result: dict[str, dict[Key, Value]] = {}
    token = _memo.set({})
    try:
        for item in items:
            result[item.key] = _compute_one(item, unit_modules, as_of, community_id)
    finally:
        _memo.reset(token)
    return result


def _compute_one(item: Published, unit_modules, as_of: date, community_id: int | None) -> dict[Key, Value]:
    unit_ids = [unit_id for unit_id, keys in unit_modules.items() if item.spec is KERNEL or item.spec.key in keys]
    values = item.compute(unit_ids=unit_ids, as_of=as_of)
    if community_id is not None:
        values = {key: value for key, value in values.items() if key[1] == community_id}
    return values


def by_unit(values: dict[Key, Value], zero: Value = ZERO) -> dict[int, Value]:
    units: dict[int, Value] = defaultdict(lambda: zero)
    for (unit_id, _), value in values.items():
        units[unit_id] = units[unit_id] + value
    return dict(units)


def total(values: dict[Key, Value], zero: Value = ZERO) -> Value:
    result = zero
    for value in values.values():
        result = result + value
    return result


def unit_figures(units, *, as_of: date) -> list[tuple[object, Published, Value]]:
    """(unit, figure, value) for each unit and each figure of the kernel and the unit's enabled modules, in that
    order (the `metrics` command; the cockpit reads the same computes)."""
    from taizhang.org.modules import unit_module_keys

    units = list(units)
    unit_modules = unit_module_keys([unit.pk for unit in units])
    items = published(frozenset().union(*unit_modules.values()) if unit_modules else frozenset())
    values = compute_all(items, unit_modules, as_of=as_of)
    per_unit = {item.key: by_unit(values[item.key], item.zero) for item in items}
    return [
        (unit, item, per_unit[item.key].get(unit.pk, item.zero))
        for unit in units
        for item in items
        if item.spec is KERNEL or item.spec.key in unit_modules[unit.pk]
    ]
