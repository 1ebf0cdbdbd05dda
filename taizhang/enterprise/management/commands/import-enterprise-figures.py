from django.core.management.base import CommandError

from taizhang.core import clock
from taizhang.core.commands import ImportCommand, existing_file
from taizhang.enterprise.command_units import unit_for
from taizhang.enterprise.ledgers_registry import year_target
from taizhang.enterprise.registry_import import FIRST_YEAR
from taizhang.imports.commands import import_ledger


class Command(ImportCommand):
    help = (
        "导入某年度企业统计数据（.xlsx/.xls/.csv），列：统一社会信用代码、营业收入、税收、工业总产值、研发投入、综合能耗"
        "（金额万元，能耗吨标准煤）。企业须已在该单位的企业名录中；该年度已有数据的企业由本表替换。整个文件要么全部导入，"
        "要么一行都不导入；有错时打印全部错误并以状态 1 退出；导入后打印导入批次号，可整批撤销。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--year", required=True, type=int, help="年度，如 2020")
        parser.add_argument("--unit", help="单位名称，如 济北开发区；不写时按文件中的信用代码所在单位")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")

    def handle(self, *args, file, year, unit=None, dry_run=False, **options):
        if not FIRST_YEAR <= year <= clock.today().year:
            raise CommandError(f"年度应在 {FIRST_YEAR}—{clock.today().year} 之间")
        path = existing_file(file)
        target = year_target(unit_for(unit, path), year)
        import_ledger(self, "enterprise.figures", target=target, path=path, dry_run=dry_run)
