from taizhang.core.commands import ImportCommand, existing_file
from taizhang.imports.commands import import_ledger, unit_target


class Command(ImportCommand):
    help = (
        "导入户籍台账（一行一人，.xlsx/.xls/.csv，CSV 可为 UTF-8 或 GBK）。必填列：户编号、村居、地址、姓名、身份证号、"
        "与户主关系、联系电话。整个文件要么全部导入，要么一行都不导入；任何一行有错时打印错误并以状态 1 退出。"
        "重复导入同一文件不会改变数据（户按户编号、人按身份证号匹配）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--unit", required=True, help="单位名称，如 新市镇")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")

    def handle(self, *args, file, unit, dry_run, **options):
        import_ledger(self, "registry.households", target=unit_target(unit), path=existing_file(file), dry_run=dry_run)
