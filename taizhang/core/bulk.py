"""Inserting many rows fast: one prepared statement per table instead of Django's per-object work.

`bulk_create` builds a model instance per row and prepares every value through the field API
(about 3 µs a value: seconds for an import of 150,000 persons) while the database itself needs a
fraction of that. Here rows are plain dicts, each column's conversion is chosen once, and rows go
to SQLite with `executemany` and to PostgreSQL with `COPY`. No primary keys come back and no
signals are sent; callers look rows up by their natural keys when they need ids.
"""

from __future__ import annotations

import enum
import gc
import itertools
import operator
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager

from django.db import connections, models, router, transaction
from django.utils import timezone


class JsonText(str):
    """A JSON field's value already serialised, stored as is (the audit trail hashes this very text)."""


# Field types whose Python value is already what both database drivers take.
PLAIN_TYPES = {
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "ForeignKey",
    "IntegerField",
    "OneToOneField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
    "TextField",
}


def _prepare(field: models.Field, connection) -> Callable[[object], object] | None:
    kind = field.get_internal_type()
    if kind in PLAIN_TYPES:
        return None
    if kind == "DateField" and connection.vendor == "sqlite":
        return lambda value: None if value is None else value.isoformat()
    if kind == "JSONField":
        return lambda value: str(value) if isinstance(value, JsonText) else field.get_db_prep_save(value, connection)
    last = [object(), None]

    def prepare(value):
        # Timestamps are usually one `now` for the whole batch: convert it once.
        if value is not last[0]:
            last[0], last[1] = value, field.get_db_prep_save(value, connection)
        return last[1]

    return prepare


def _fallback(field: models.Field, now):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    # A callable default (dict, list) can be shared: the value is serialised straight away.
    return _plain(field.get_default())


def _plain(value):
    """A choice's value as a plain str or int: sqlite3 binds only exact types directly, and looks a subclass (a
    TextChoices member such as the default status) up as an adapter first, at every row (a third of the insert)."""
    return value.value if isinstance(value, enum.Enum) else value


def bulk_insert(
    model: type[models.Model],
    rows: Iterable[dict] | Iterable[tuple],
    *,
    columns: Sequence[str] | None = None,
    constants: dict | None = None,
) -> int:
    """INSERT rows given as {attname: value} (absent fields take their defaults); returns the row count.

    With `columns`, rows are tuples of those fields' values in that order, already as both databases take them
    (text, numbers, booleans, None; a date as ISO text), and the other fields take `constants` ({attname: value},
    the same for every row) or their defaults: nothing is done per row but adding the constants, for the biggest
    loads."""
    connection = connections[router.db_for_write(model)]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()  # what auto_now fields take from Django itself, not the test-fixable clock
    defaults = {f.attname: _fallback(f, now) for f in fields}
    if columns is None:
        pick = operator.itemgetter(*(f.attname for f in fields))
        conversions = [(i, prepare) for i, f in enumerate(fields) if (prepare := _prepare(f, connection))]

        def values():
            for row in rows:
                value = pick({**defaults, **row})
                if conversions:
                    value = list(value)
                    for i, prepare in conversions:
                        value[i] = prepare(value[i])
                yield value

    else:
        by_name = {f.attname: f for f in fields}
        given = [by_name[name] for name in columns]
        fixed = {**defaults, **{name: _plain(value) for name, value in (constants or {}).items()}}
        # A NULL is left to the column (sqlite3 looks every None up as an adapter first), a constant flag is a number.
        others = [f for f in fields if f.attname not in set(columns) and not (fixed[f.attname] is None and f.null)]
        rest = tuple(
            prepare(fixed[f.attname])
            if (prepare := _prepare(f, connection))
            else int(fixed[f.attname])
            if type(fixed[f.attname]) is bool
            else fixed[f.attname]
            for f in others
        )
        fields = given + others

        def values():
            return map(operator.add, rows, itertools.repeat(rest))

    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        count = 0
        with (
            connection.wrap_database_errors,
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for value in values():
                copy.write_row(value)
                count += 1
        return count
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['?'] * len(fields))})"
    with connection.wrap_database_errors:
        cursor = connection.connection.cursor()
        try:
            cursor.executemany(sql, values())  # takes the rows one by one from the generator
            return cursor.rowcount
        finally:
            cursor.close()


def statement_chunks(items: list, using: str = "default"):
    """`items` in chunks that fit one statement's parameters: SQLite takes 999 bound parameters per statement;
    PostgreSQL far more, and fewer round trips pay."""
    size = min(connections[using].features.max_query_params or 5000, 5000) - 50
    for start in range(0, len(items), size):
        yield items[start : start + size]


BIG_LOAD = 10_000


def analyze_after_commit(*models_: type[models.Model], rows: int) -> None:
    """After a big load, refresh PostgreSQL's table statistics once the data is committed, so the next queries
    are planned for the tables as they now are rather than waiting for autovacuum (SQLite needs no such step)."""
    connection = connections[router.db_for_write(models_[0])]
    if connection.vendor != "postgresql" or rows < BIG_LOAD:
        return
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models_)

    def analyze():
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {tables}")

    transaction.on_commit(analyze, using=connection.alias)


@contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector for a bulk job. An import builds a few million small objects (rows,
    values, records) that live until it ends and form no cycles; the collector would walk them again and again
    (a third of the Python time of a 150,000-row import) to free nothing. Reference counting still frees what is let
    go, and the collector runs again, as usual, once the job ends."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
