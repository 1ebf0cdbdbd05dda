"""Requests at the same moment, from threads, against a database every thread really shares.

On PostgreSQL each thread has its own connection to the test database, as gunicorn's workers would. On SQLite the
test database lives in memory, where a second connection gets "table is locked" at once instead of waiting; the
`shared_db` fixture copies it into a file opened with the settings' WAL journal, IMMEDIATE transactions and busy
timeout, as the application runs, for the duration of the test."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections


@pytest.fixture
def shared_db(transactional_db, tmp_path):
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    memory, name = connection.connection, connection.settings_dict["NAME"]
    path = tmp_path / "shared.sqlite3"
    with sqlite3.connect(path) as copy:
        memory.backup(copy)
    connection.connection = None  # the in-memory database stays open (and kept) through `memory`
    connection.settings_dict["NAME"] = str(path)
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
        connection.connection = memory


def at_once(calls: list[Callable[[], object]]) -> list[object]:
    """Run the calls in threads released together; each result, or the exception it raised, in order."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait()
            return call()
        except Exception as exc:  # the test looks at every outcome
            return exc
        finally:
            connections.close_all()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))
