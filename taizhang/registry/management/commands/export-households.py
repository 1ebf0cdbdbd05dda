from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from taizhang.core.personal import Disclosure
from taizhang.org.models import OrgNode
from taizhang.org.personal import MASKED
from taizhang.org.selectors import unit_by_name
from taizhang.registry.exporting import household_export


class Command(BaseCommand):
    help = "导出一个单位（或其中一个村居）的户籍台账，一行一人，列与导入模板相同。默认输出完整身份证号，--masked 脱敏。每次导出记入审计。"

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True)
        parser.add_argument("--community", help="只导出这个村居")
        parser.add_argument("-o", "--output", required=True, help="FILE.xlsx 或 FILE.csv")
        parser.add_argument("--masked", action="store_true", help="身份证号和银行账号脱敏")

    def handle(self, *args, unit, community, output, masked, **options):
        path = Path(output)
        fmt = path.suffix.lower().lstrip(".")
        if fmt not in ("xlsx", "csv"):
            raise CommandError("输出文件须以 .xlsx 或 .csv 结尾")
        unit_node = unit_by_name(unit)
        community_node = None
        if community:
            community_node = OrgNode.objects.filter(unit=unit_node, kind=OrgNode.Kind.COMMUNITY, name=community).first()
            if community_node is None:
                raise CommandError(f"{unit} 没有名为“{community}”的村居")
        with path.open("wb") as target:
            _, _, count = household_export(
                actor=None,
                unit=unit_node,
                community=community_node,
                fmt=fmt,
                personal=MASKED if masked else Disclosure.everything(),
                target=target,
            )
        self.stdout.write(f"已导出 {count} 人到 {path}")
