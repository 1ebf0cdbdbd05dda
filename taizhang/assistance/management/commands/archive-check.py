from django.core.management.base import BaseCommand

from taizhang.assistance.archives import archive_check
from taizhang.org.selectors import unit_by_name


class Command(BaseCommand):
    help = (
        "检查单位内每个帮扶户的一户一档：缺项（缺少的资料和数据）与错项（与户籍台账、部门名册不一致），"
        "新发现的列为待整改，已更正的自动销号。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="单位名称，如 新市镇")

    def handle(self, *args, unit, **options):
        self.stdout.write(archive_check(actor=None, unit=unit_by_name(unit)).summary())
