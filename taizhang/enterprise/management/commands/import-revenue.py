from taizhang.core.commands import ImportCommand, existing_file
from taizhang.imports.commands import import_ledger, unit_target


class Command(ImportCommand):
    help = (
        "导入开发区的财政收入（.xlsx/.xls/.csv），列：年度、来源、金额（万元）；来源须是本单位已有的收入来源。同一年度同一来源"
        "已登记且金额相同的行跳过，金额不同的行报错（请在“财政收入”页面修改）。整个文件要么全部导入，要么一行都不导入；有错时"
        "打印全部错误并以状态 1 退出；导入后打印导入批次号，可整批撤销。与“导入台账 → 开发区财政收入”页面相同。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--unit", required=True, help="单位名称，如 济北开发区")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")

    def handle(self, *args, file, unit, dry_run, **options):
        path = existing_file(file)
        import_ledger(self, "enterprise.revenue", target=unit_target(unit), path=path, dry_run=dry_run)
