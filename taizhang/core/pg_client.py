"""Running PostgreSQL's client programs (pg_dump, pg_restore) without the password on their command line, where
any account on the server could read it in the process list: it goes into a password file only we can read."""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote


def pg_url(db: dict) -> str:
    """The database's connection URL for libpq, without its password."""
    host = db.get("HOST") or ""
    user = quote(db.get("USER") or "")
    query = f"?host={quote(host)}" if host.startswith("/") else ""
    netloc = f"{user}@" if user else ""
    if host and not host.startswith("/"):
        netloc += host + (f":{db['PORT']}" if db.get("PORT") else "")
    return f"postgresql://{netloc}/{db['NAME']}{query}"


def _passfile_field(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


@contextmanager
def pg_client(db: dict) -> Iterator[tuple[str, dict[str, str]]]:
    """The URL and the environment to run a client program with: the password, if any, in a 0600 PGPASSFILE that is
    removed afterwards (an inherited PGPASSWORD is dropped so that the file is what counts)."""
    env = {k: v for k, v in os.environ.items() if k != "PGPASSWORD"}
    password = db.get("PASSWORD") or ""
    if not password:
        yield pg_url(db), env
        return
    with tempfile.NamedTemporaryFile("w", prefix="taizhang-pgpass.", delete=True) as passfile:  # created 0600
        passfile.write(f"*:*:*:*:{_passfile_field(password)}\n")
        passfile.flush()
        env["PGPASSFILE"] = passfile.name
        yield pg_url(db), env
