import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from taizhang.core import clock


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
            target = Path(output or settings.VAR_DIR / "backups" / f"taizhang-{stamp}.sqlite3")
            target.parent.mkdir(parents=True, exist_ok=True)
            source = sqlite3.connect(db["NAME"])
            dest = sqlite3.connect(target)
            with dest:
                source.backup(dest)
            dest.close()
            source.close()
        elif connection.vendor == "postgresql":
            if not shutil.which("pg_dump"):
                raise CommandError("找不到 pg_dump，请安装 PostgreSQL 客户端（Debian：postgresql-client）")
            target = Path(output or settings.VAR_DIR / "backups" / f"taizhang-{stamp}.dump")
            target.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(["pg_dump", "-Fc", "-f", str(target), "--dbname", _pg_url(db)], check=True)
        else:
            raise CommandError(f"不支持的数据库：{connection.vendor}")
        self.stdout.write(f"已备份到 {target}（{target.stat().st_size // 1024} KB）")


def _pg_url(db: dict) -> str:
    from urllib.parse import quote

    host = db.get("HOST") or ""
    auth = quote(db.get("USER") or "") + (":" + quote(db["PASSWORD"]) if db.get("PASSWORD") else "")
    query = f"?host={quote(host)}" if host.startswith("/") else ""
    netloc = f"{auth}@" if auth else ""
    if host and not host.startswith("/"):
        netloc += host + (f":{db['PORT']}" if db.get("PORT") else "")
    return f"postgresql://{netloc}/{db['NAME']}{query}"
