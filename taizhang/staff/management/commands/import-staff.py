from django.core.management.base import BaseCommand

from taizhang.core.commands import existing_file, finish_import
from taizhang.imports.commands import unit_target
from taizhang.imports.ledgers import declared
from taizhang.imports.services import import_run


class Command(BaseCommand):
    help = (
        "批量新建工作人员账号。列：姓名、用户名、角色、村居或工作组、手机号。整个文件要么全部导入，要么一个账号都不建；"
        "成功时打印导入批次和每个账号的随机初始密码。与“导入台账 → 工作人员账号”页面相同。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--unit", required=True)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, file, unit, dry_run, **options):
        path = existing_file(file)
        report, batch = import_run(
            ledger=declared("staff.accounts"),
            actor=None,
            target=unit_target(unit),
            data=path,
            filename=path.name,
            dry_run=dry_run,
        )
        finish_import(self, report, dry_run=dry_run)
        if batch is not None:
            self.stdout.write(f"导入批次: {batch.pk}。初始密码：")
            for username, password in report.initial_passwords.items():
                self.stdout.write(f"{username}\t{password}")
