from django.core.management.base import CommandError

from taizhang.core.commands import ImportCommand, existing_file
from taizhang.enterprise.command_units import unit_for
from taizhang.enterprise.ledgers_subsidies import year_target
from taizhang.enterprise.subsidies import FIRST_YEAR, LAST_YEAR
from taizhang.imports.commands import import_ledger


class Command(ImportCommand):
    help = (
        "导入某年度企业获得的市级补贴（.xlsx/.xls/.csv），列：统一社会信用代码、项目、市级补贴金额（元）。四新企业按其 30% 享受配套。"
        "整个文件要么全部导入，要么一行都不导入；有错时打印全部错误并以状态 1 退出；导入后打印导入批次号，可整批撤销。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--year", required=True, type=int, help="年度，如 2020")
        parser.add_argument("--unit", help="单位名称，如 济北开发区；不写时按文件中的信用代码所在单位")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")

    def handle(self, *args, file, year, unit=None, dry_run=False, **options):
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise CommandError(f"年度应在 {FIRST_YEAR}—{LAST_YEAR} 之间")
        path = existing_file(file)
        target = year_target(unit_for(unit, path), year)
        import_ledger(self, "enterprise.city_subsidies", target=target, path=path, dry_run=dry_run)
