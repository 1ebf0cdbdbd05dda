"""The cache the public forms' rate limits count in (django-ratelimit): Django's database cache, shared by every
gunicorn worker through the database the app already has, with an increment that is atomic.

Django's DatabaseCache increments by reading the value and writing it back (and the write resets its expiry), so two
workers counting the same client at the same moment both write n + 1 — which is why django-ratelimit's system check
calls it "not atomic". Here the increment locks the row first (`SELECT … FOR UPDATE` on PostgreSQL; on SQLite the
settings' IMMEDIATE transactions take the write lock when the transaction begins) and writes the value alone,
keeping the window's expiry."""

from __future__ import annotations

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction


class AtomicDatabaseCache(DatabaseCache):
    def incr(self, key, delta=1, version=None):
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table, cache_key = quote(self._table), quote("cache_key")
        stored_key = self.make_and_validate_key(key, version=version)
        with transaction.atomic(using=db), connection.cursor() as cursor:
            if connection.features.has_select_for_update:
                cursor.execute(f"SELECT {cache_key} FROM {table} WHERE {cache_key} = %s FOR UPDATE", [stored_key])
            value = self.get(key, self._missing_key, version=version)  # an expired row is missing too
            if value is self._missing_key:
                raise ValueError(f"Key '{stored_key}' not found")
            value += delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(f"UPDATE {table} SET {quote('value')} = %s WHERE {cache_key} = %s", [encoded, stored_key])
        return value


def create_cache_tables(sender, using: str = "default", **kwargs) -> None:
    """After every `migrate` (scripts/start, the demo, `taizhang migrate`, the test database): the database caches'
    tables, so that a fresh installation never meets a missing one. `createcachetable` leaves existing tables be."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
