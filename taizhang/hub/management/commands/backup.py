from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from taizhang.hub.backups import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "把数据库和全部附件（MEDIA_ROOT）备份到一个只有本账号能读的文件（默认 var/backups/ 下按时间命名）。"
        "SQLite 用在线备份，PostgreSQL 用 pg_dump。审计密钥文件不在备份里，请另行保管。恢复用 taizhang restore FILE。"
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="备份文件路径（.tar.gz）")

    def handle(self, *args, output, **options):
        try:
            target, manifest = backup_create(output=Path(output) if output else None)
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = target.stat().st_size
        self.stdout.write(f"已备份到 {target}（{size // 1024} KB）：{manifest.summary()}")
