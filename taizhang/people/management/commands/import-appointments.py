from django.core.management.base import BaseCommand

from taizhang.core.commands import existing_file
from taizhang.imports.commands import import_ledger, unit_target


class Command(BaseCommand):
    help = (
        "导入聘任台账（.xlsx/.csv）。列：用户名、姓名、部门、岗位、岗位工资、聘期开始、聘期结束、绩效薪酬占比"
        "（如 30%→35%→40%、30,35,40，或一个数表示各年相同）。部门须已存在；岗位不存在时在该部门下新建。"
        "整个文件要么全部导入，要么一行都不导入；有错时逐行打印错误并以状态 1 退出；导入后打印导入批次号，可整批撤销。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--unit", required=True, help="单位名称，如 济北开发区")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")

    def handle(self, *args, file, unit, dry_run, **options):
        import_ledger(self, "people.appointments", target=unit_target(unit), path=existing_file(file), dry_run=dry_run)
