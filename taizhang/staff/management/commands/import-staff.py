from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from taizhang.org.selectors import unit_by_name
from taizhang.staff.services import staff_import


class Command(BaseCommand):
    help = (
        "批量新建工作人员账号。列：姓名、用户名、角色、村居或工作组、手机号。整个文件要么全部导入，要么一个账号都不建；"
        "成功时打印每个账号的随机初始密码。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--unit", required=True)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, file, unit, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{file}")
        report = staff_import(actor=None, unit=unit_by_name(unit), data=path, filename=path.name, dry_run=dry_run)
        if not report.ok:
            for error in report.errors:
                self.stdout.write(error.as_text())
            self.stdout.write(f"共 {len(report.errors)} 处错误，没有新建任何账号。")
            raise SystemExit(1)
        if dry_run:
            self.stdout.write(f"检查通过：{report.rows} 个账号可以新建（未写入）。")
            return
        self.stdout.write(f"已新建 {report.created} 个账号。初始密码：")
        for username, password in report.initial_passwords.items():
            self.stdout.write(f"{username}\t{password}")
