from datetime import date

from django.core.management.base import BaseCommand, CommandError

from taizhang.core import clock
from taizhang.hub.metrics import unit_figures
from taizhang.org.models import OrgNode
from taizhang.org.selectors import unit_by_name


class Command(BaseCommand):
    help = (
        "各单位的指标，每行一项：“单位 指标: 值”。只列单位启用的模块的指标（户数、人数总是列出）；"
        "累计指标截至 --as-of 当天（默认今天），月度指标（如走访达标率）为 --as-of 所在的月份；"
        "比率为 分子÷分母，百分数保留一位小数（四舍五入）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", help="单位名称，如 新市镇（默认全部单位）")
        parser.add_argument("--as-of", dest="as_of", help="日期，如 2026-03-31（默认今天）")

    def handle(self, *args, unit, as_of, **options):
        try:
            day = date.fromisoformat(as_of) if as_of else clock.today()
        except ValueError:
            raise CommandError(f"日期“{as_of}”格式不对，应为 YYYY-MM-DD，如 2026-03-31")
        units = [unit_by_name(unit)] if unit else OrgNode.objects.filter(kind=OrgNode.Kind.UNIT).order_by("path")
        for node, item, value in unit_figures(units, as_of=day):
            self.stdout.write(f"{node.name} {item.label}: {value.text(item.metric.measure)}")
