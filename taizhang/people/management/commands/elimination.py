import csv

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from taizhang.people import elimination
from taizhang.people.models import Recommendation
from taizhang.people.rules.elimination import ACTIONS
from taizhang.people.selectors_pay import cycle_named


class Command(BaseCommand):
    help = (
        "按淘汰规则列出一个已锁定周期的刚性淘汰建议（与淘汰建议页面相同；建议须经考核委员会在页面上作出决定才生效）："
        "以 CSV 输出 用户名,姓名,建议,理由，理由写明所依规则和依据的周期。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="单位名称，如 济北开发区")
        parser.add_argument("--cycle", required=True, help="考核周期，如 2020Q3")

    def handle(self, *args, unit, cycle, **options):
        found = cycle_named(unit, cycle)
        try:
            elimination.recommendations_sync(cycle=found)
        except ValidationError as exc:
            raise CommandError(exc.messages[0])
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(["用户名", "姓名", "建议", "理由"])
        for rec in (
            Recommendation.objects.filter(cycle=found).select_related("user").order_by("user__username", "rule_code")
        ):
            writer.writerow(
                [
                    rec.user.username,
                    rec.user.full_name,
                    ACTIONS[rec.action],
                    f"{rec.rule_text}（{'、'.join(rec.cycles)}）",
                ]
            )
