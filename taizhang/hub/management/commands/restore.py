from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from taizhang.hub.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "从 taizhang backup 生成的文件恢复数据库和全部附件（覆盖当前数据）。先完整读取并检查备份文件，损坏时什么也不改；"
        "恢复后校验审计链，不通过时以状态 1 退出。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--yes", action="store_true", help="不再确认，直接覆盖")

    def handle(self, *args, file, yes, **options):
        def confirm(manifest) -> bool:
            if yes:
                return True
            question = f"这是{manifest.summary()}。恢复会覆盖当前数据库和全部附件，输入 yes 继续："
            return input(question).strip() == "yes"

        try:
            restored = backup_restore(source=Path(file), confirm=confirm)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"已恢复：{restored.manifest.summary()}。")
        self.stdout.write(f"审计链校验：{restored.audit.message}")
        if not restored.audit.ok:
            raise SystemExit(1)
