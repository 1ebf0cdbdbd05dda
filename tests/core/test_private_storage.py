"""Storage of secrets and personal data (issue 10, item 5): owner-only files, no database password on a command line,
no search terms in the access log."""

import os
import stat
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from taizhang.core.pg_client import pg_client
from taizhang.hub import backups

REPO = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_secret_key_database_and_backups_are_the_owners_only(tmp_path):
    """A checkout whose var/ and database were made before this rule (readable by all) is tightened, and what the
    command creates (the secret key, var/backups/, the backup) is owner-only from the start."""
    var = tmp_path / "var"
    database = tmp_path / "db.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DATABASE_URL")}
    env |= {"TAIZHANG_VAR_DIR": str(var), "DATABASE_URL": f"sqlite:///{database}"}
    manage = [sys.executable, "-m", "taizhang.manage"]
    subprocess.run([*manage, "migrate", "-v0"], env=env, cwd=REPO, check=True, capture_output=True)
    for path, loose in ((var, 0o755), (var / "secret_key", 0o644), (database, 0o644)):
        os.chmod(path, loose)
    subprocess.run([*manage, "backup"], env=env, cwd=REPO, check=True, capture_output=True)
    (made,) = (var / "backups").iterdir()
    assert mode(var) == 0o700 and mode(var / "secret_key") == 0o600
    assert mode(database) == 0o600
    assert mode(var / "backups") == 0o700 and mode(made) == 0o600


def test_uploads_are_stored_for_the_owner_only(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    name = default_storage.save("visits/2026/photo.jpg", ContentFile(b"\xff\xd8\xff"))
    path = Path(default_storage.path(name))
    assert mode(path) == 0o600 and mode(path.parent) == 0o700 and mode(path.parent.parent) == 0o700


# --- PostgreSQL's password ------------------------------------------------------------------------------------------

DB = {"NAME": "taizhang", "USER": "taizhang", "PASSWORD": "p:w\\d s3cret", "HOST": "db.example", "PORT": 5432}


def test_pg_clients_get_the_password_in_a_private_file_never_in_their_arguments(monkeypatch):
    monkeypatch.setenv("PGPASSWORD", "inherited")
    with pg_client(DB) as (url, env):
        passfile = Path(env["PGPASSFILE"])
        assert url == "postgresql://taizhang@db.example:5432/taizhang" and "s3cret" not in url
        assert "PGPASSWORD" not in env
        assert passfile.read_text() == "*:*:*:*:p\\:w\\\\d s3cret\n" and mode(passfile) == 0o600
    assert not passfile.exists()


def test_backup_and_restore_run_pg_dump_and_pg_restore_without_the_password(monkeypatch):
    calls = []

    def run(argv, **kwargs):
        calls.append((argv, kwargs["env"], Path(kwargs["env"]["PGPASSFILE"]).read_text()))
        return SimpleNamespace(returncode=0)

    monkeypatch.setattr(backups, "connection", SimpleNamespace(vendor="postgresql", settings_dict=DB))
    monkeypatch.setattr(backups.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(backups.subprocess, "run", run)
    backups._pg("pg_dump", "-Fc", "-f", "b.dump")
    backups._pg("pg_restore", "--list", "b.dump")
    assert [argv[0] for argv, _, _ in calls] == ["pg_dump", "pg_restore"]
    for argv, env, passfile in calls:
        assert not any("s3cret" in part for part in argv) and "s3cret" in passfile
        assert "PGPASSWORD" not in env and env["PGDATABASE"] == "taizhang"


# --- the access log -------------------------------------------------------------------------------------------------


def test_the_access_log_keeps_search_terms_and_referrers_out(tmp_path):
    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    from taizhang import gunicorn_conf

    cfg = Config()
    cfg.set("access_log_format", gunicorn_conf.access_log_format)
    cfg.set("accesslog", str(tmp_path / "access.log"))
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/registry/search/?q=%E5%BC%A0%E4%B8%89+1234",
        "PATH_INFO": "/registry/search/",
        "QUERY_STRING": "q=%E5%BC%A0%E4%B8%89+1234",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.7",
        "HTTP_REFERER": "http://taizhang/registry/households/?q=370125",
        "HTTP_USER_AGENT": "Mozilla/5.0",
    }
    response = SimpleNamespace(status="200 OK", headers=[], sent=512)
    Logger(cfg).access(response, SimpleNamespace(headers=[]), environ, timedelta(milliseconds=42))
    line = (tmp_path / "access.log").read_text()
    assert '"GET /registry/search/ HTTP/1.1" 200 512 0.042000 "Mozilla/5.0"' in line and "10.0.0.7" in line
    assert "q=" not in line and "%E5" not in line and "1234" not in line and "370125" not in line
