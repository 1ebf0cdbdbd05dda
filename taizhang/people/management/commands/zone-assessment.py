import csv

from django.core.management.base import BaseCommand, CommandError

from taizhang.people.selectors_zone import assessment
from taizhang.people.zone_import import tree_zones


class Command(BaseCommand):
    help = (
        "按年度打印开发区综合考核结果（CSV：开发区,总分,排名），总分从高到低。每项指标按数值排名（越低越好的指标反向），"
        "第 1 名 100 分、末名 60 分，缺数据列末名；总分 = Σ 权重 × 得分 ÷ 100。系统中只有一个开发区有该年度数据时不必写 --zone。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, type=int, help="年度，如 2020")
        parser.add_argument("--zone", help="本区开发区名称（系统中有多个开发区有该年度数据时必填）")

    def handle(self, *args, year, zone, **options):
        zones = tree_zones()
        results = [assessment(unit, year) for name, unit in zones.items() if not zone or name == zone.strip()]
        results = [r for r in results if r.rows]
        if not results:
            raise CommandError(f"{zone.strip() + ' ' if zone else ''}没有 {year} 年度的开发区考核数据")
        if len(results) > 1:
            names = "、".join(r.unit.name for r in results)
            raise CommandError(f"有多个开发区有 {year} 年度的数据（{names}），请用 --zone 指定")
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(["开发区", "总分", "排名"])
        for row in results[0].rows:
            writer.writerow([row.zone, row.total, row.rank])
