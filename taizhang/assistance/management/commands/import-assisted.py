from django.core.management.base import BaseCommand

from taizhang.core.commands import existing_file
from taizhang.imports.commands import import_ledger, unit_target


class Command(BaseCommand):
    help = (
        "导入帮扶户名单（.xlsx/.csv）。列：户编号、帮扶类别（建档立卡户/监测户）、帮扶开始日期、帮扶责任人（用户名，"
        "多人用“、”分隔）。户须已在户籍台账中。整个文件要么全部导入，要么一行都不导入；有错时打印错误并以状态 1 退出。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--unit", required=True, help="单位名称，如 新市镇")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")

    def handle(self, *args, file, unit, dry_run, **options):
        import_ledger(self, "assistance.assisted", target=unit_target(unit), path=existing_file(file), dry_run=dry_run)
