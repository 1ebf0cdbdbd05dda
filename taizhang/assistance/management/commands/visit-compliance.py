from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from taizhang.assistance.exporting import compliance_file
from taizhang.assistance.rules import Month
from taizhang.assistance.selectors import month_compliance
from taizhang.org.scoping import command_line_viewer
from taizhang.org.selectors import unit_by_name


class Command(BaseCommand):
    help = (
        "某月各帮扶户的走访达标情况：户编号、户主、村居、帮扶责任人、有效走访次数、是否达标。"
        "默认以 CSV 输出到屏幕；-o 文件名.csv 或 .xlsx 写入文件（.xlsx 首行为标题，如 新市镇2026年11月帮扶走访达标情况）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="单位名称，如 新市镇")
        parser.add_argument("--month", required=True, help="月份，如 2026-03")
        parser.add_argument("-o", "--output", help="输出文件（.csv 或 .xlsx）")

    def handle(self, *args, unit, month, output, **options):
        try:
            month = Month.parse(month)
        except ValueError as exc:
            raise CommandError(str(exc))
        node = unit_by_name(unit)
        fmt = Path(output).suffix.lower().lstrip(".") if output else "csv"
        if fmt not in ("csv", "xlsx"):
            raise CommandError("输出文件应以 .csv 或 .xlsx 结尾")
        content = compliance_file(month_compliance(command_line_viewer(node), month), fmt, place=node.name)
        if output:
            Path(output).write_bytes(content)
            self.stdout.write(f"已写入 {output}")
        else:
            self.stdout.write(content.decode("utf-8-sig"), ending="")
