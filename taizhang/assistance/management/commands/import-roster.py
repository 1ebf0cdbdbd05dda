from django.core.management.base import BaseCommand, CommandError

from taizhang.assistance.ledgers import roster_target
from taizhang.assistance.rules import ROSTERS
from taizhang.core.commands import existing_file
from taizhang.imports.commands import import_ledger
from taizhang.org.selectors import unit_by_name

BY_LABEL = {label: key for key, label in ROSTERS.items()}


class Command(BaseCommand):
    help = (
        "导入部门名册（低保、残联、学籍、医保；列：身份证号、姓名），替换此前导入的同名名册；"
        "之后运行 archive-check 按身份证号比对。有错的行打印出来并以状态 1 退出，不写入；成功时打印导入批次。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--unit", required=True, help="单位名称，如 新市镇")
        parser.add_argument("--roster", required=True, help="、".join(ROSTERS.values()))
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")

    def handle(self, *args, file, unit, roster, dry_run, **options):
        if roster not in BY_LABEL:
            raise CommandError(f"名册应为：{'、'.join(ROSTERS.values())}")
        target = roster_target(unit_by_name(unit), BY_LABEL[roster])
        import_ledger(self, "assistance.roster", target=target, path=existing_file(file), dry_run=dry_run)
