from taizhang.core.commands import ImportCommand, existing_file
from taizhang.imports.commands import import_ledger, unit_target


class Command(ImportCommand):
    help = (
        "导入企业名录（.xlsx/.xls/.csv），列：统一社会信用代码、企业名称、园区、产业链、标签、用地面积（可选：成立日期、入园日期、"
        "地址、联系人、联系电话）。标签用顿号分隔；已有的统一社会信用代码更新该企业。整个文件要么全部导入，要么一行都不导入；"
        "有错时打印全部错误（行、列、原因）并以状态 1 退出；导入后打印导入批次号，可整批撤销。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--unit", required=True, help="单位名称，如 济北开发区")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")

    def handle(self, *args, file, unit, dry_run, **options):
        path = existing_file(file)
        import_ledger(self, "enterprise.enterprises", target=unit_target(unit), path=path, dry_run=dry_run)
