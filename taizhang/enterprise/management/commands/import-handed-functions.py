from django.core.management.base import BaseCommand

from taizhang.core.commands import existing_file
from taizhang.imports.commands import import_ledger, unit_target


class Command(BaseCommand):
    help = (
        "导入职能移交台账（.xlsx/.csv），即开发区把社会事务职能移交给街道。列：序号、职能名称、类别、承接街道、移交日期"
        "（可选：依据/说明）。承接街道须与系统中的单位名称一致。整个文件要么全部导入，要么一行都不导入；有错时逐行打印错误并以状态 1 退出；"
        "导入后打印导入批次号，可整批撤销。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--unit", required=True, help="移交单位名称，如 济北开发区")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")

    def handle(self, *args, file, unit, dry_run, **options):
        import_ledger(self, "enterprise.handover", target=unit_target(unit), path=existing_file(file), dry_run=dry_run)
