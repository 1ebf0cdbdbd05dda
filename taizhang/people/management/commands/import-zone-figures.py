from django.core.management.base import CommandError

from taizhang.core.commands import ImportCommand, existing_file
from taizhang.imports.commands import import_ledger
from taizhang.people.ledgers_zone import year_target
from taizhang.people.zone import FIRST_YEAR, LAST_YEAR
from taizhang.people.zone_import import tree_zones, zones_named_in


class Command(ImportCommand):
    help = (
        "导入某年度开发区综合考核的比较数据（.xlsx/.xls/.csv），列：开发区、指标、数值。文件中名称与系统中开发区一致的行是该开发区"
        "自己的数据，整个文件就是它该年度的比较数据（文件列出几个本区开发区，就分别导入几次）；再次导入同一年度即取代此前的数据。"
        "整个文件要么全部导入，要么一行都不导入；有错时打印全部错误并以状态 1 退出；导入后打印导入批次号，可整批撤销。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--year", required=True, type=int, help="年度，如 2020")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")

    def handle(self, *args, file, year, dry_run, **options):
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise CommandError(f"年度应在 {FIRST_YEAR}—{LAST_YEAR} 之间")
        path = existing_file(file)
        zones = zones_named_in(path, path.name)
        if not zones:
            known = "、".join(tree_zones()) or "（系统中还没有开发区）"
            raise CommandError(f"文件中没有系统中的开发区（开发区名称须与系统中一致）。现有开发区：{known}")
        for zone in zones:
            self.stdout.write(f"{zone.name} {year} 年度：")
            import_ledger(self, "people.zone_figures", target=year_target(zone, year), path=path, dry_run=dry_run)
