import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from taizhang.core import clock
from taizhang.core.pg_client import pg_client
from taizhang.core.private_files import make_private, private_dir, write_private


class Command(BaseCommand):
    help = (
        "备份数据库到一个文件：SQLite 用在线备份（运行中也能得到一致的副本），PostgreSQL 用 pg_dump（自定义格式）。"
        "恢复用 taizhang restore FILE。上传的附件在 MEDIA_ROOT 目录，请一并复制。"
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="备份文件路径（默认 var/backups/ 下按时间命名）")

    def handle(self, *args, output, **options):
        stamp = timezone.localtime(clock.now()).strftime("%Y%m%d-%H%M%S")
        db = settings.DATABASES["default"]
        if connection.vendor == "sqlite":
            target = _private_target(output, f"taizhang-{stamp}.sqlite3")
            source = sqlite3.connect(db["NAME"])
            dest = sqlite3.connect(target)
            with dest:
                source.backup(dest)
            dest.close()
            source.close()
        elif connection.vendor == "postgresql":
            if not shutil.which("pg_dump"):
                raise CommandError("找不到 pg_dump，请安装 PostgreSQL 客户端（Debian：postgresql-client）")
            target = _private_target(output, f"taizhang-{stamp}.dump")
            with pg_client(db) as (url, env):
                subprocess.run(["pg_dump", "-Fc", "-f", str(target), "--dbname", url], check=True, env=env)
        else:
            raise CommandError(f"不支持的数据库：{connection.vendor}")
        make_private(target)
        self.stdout.write(f"已备份到 {target}（{target.stat().st_size // 1024} KB）")


def _private_target(output: str | None, name: str) -> Path:
    """The backup file, created empty with mode 0600 before the database is copied into it (var/backups/ is 0700)."""
    if output:
        target = Path(output)
        target.parent.mkdir(parents=True, exist_ok=True)
    else:
        target = private_dir(settings.VAR_DIR / "backups") / name
    if not target.exists():
        write_private(target, "")
    return target
