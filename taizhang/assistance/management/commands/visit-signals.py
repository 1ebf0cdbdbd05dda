import io

from django.core.management.base import BaseCommand, CommandError

from taizhang.assistance.integrity.kinds import COLUMNS
from taizhang.assistance.rules import Month
from taizhang.integrity.detection import detect
from taizhang.integrity.exporting import write_csv
from taizhang.integrity.kinds import kind_labels
from taizhang.org.selectors import unit_by_name


class Command(BaseCommand):
    help = (
        "某单位某月的走访疑点（不改动任何记录）：以 CSV 输出到屏幕，列为 户编号、走访日期、开始时间、帮扶责任人、"
        "疑点类型、说明；一条疑点涉及几次走访就占几行。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="单位名称，如 新市镇")
        parser.add_argument("--month", required=True, help="月份，如 2026-03")

    def handle(self, *args, unit, month, **options):
        try:
            month = Month.parse(month)
        except ValueError as exc:
            raise CommandError(str(exc))
        node = unit_by_name(unit)
        found = detect(node.pk, month.first_day, month.last_day, module_keys={"assistance"})
        out = io.StringIO()
        write_csv(out, COLUMNS, (f.finding for f in found), kind_labels())
        self.stdout.write(out.getvalue(), ending="")
