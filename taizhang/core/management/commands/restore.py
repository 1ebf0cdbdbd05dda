import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from taizhang.core.pg_client import pg_client


class Command(BaseCommand):
    help = "从 taizhang backup 生成的文件恢复数据库（覆盖当前数据）。恢复后建议运行 taizhang verify-audit。"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--yes", action="store_true", help="不再确认，直接覆盖")

    def handle(self, *args, file, yes, **options):
        source = Path(file)
        if not source.is_file():
            raise CommandError(f"找不到备份文件：{file}")
        if not yes and input("恢复会覆盖当前数据库的全部数据，输入 yes 继续：").strip() != "yes":
            raise CommandError("已取消")
        db = settings.DATABASES["default"]
        connection.close()
        if connection.vendor == "sqlite":
            check = sqlite3.connect(source)
            if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise CommandError("备份文件已损坏（SQLite 完整性检查未通过）")
            dest = sqlite3.connect(db["NAME"])
            with dest:
                check.backup(dest)
            dest.close()
            check.close()
        elif connection.vendor == "postgresql":
            if not shutil.which("pg_restore"):
                raise CommandError("找不到 pg_restore，请安装 PostgreSQL 客户端")
            with pg_client(db) as (url, env):
                subprocess.run(
                    ["pg_restore", "--clean", "--if-exists", "--no-owner", "--dbname", url, str(source)],
                    check=True,
                    env=env,
                )
        self.stdout.write(f"已从 {source} 恢复。")
