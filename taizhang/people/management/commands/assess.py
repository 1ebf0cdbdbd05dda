import csv

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from taizhang.people.assessment import cycle_assess
from taizhang.people.commands import cycle_by_name
from taizhang.people.models import Cycle, Result


class Command(BaseCommand):
    help = (
        "评定一个考核周期（周期考核中时先评定，已评定或已锁定时只打印）并打印 CSV："
        "用户名,姓名,KPI得分,评议得分,综合得分,等次（按综合得分从高到低）。与页面上的“评定”相同。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="单位名称，如 济北开发区")
        parser.add_argument("--cycle", required=True, help="考核周期，如 2020Q3")

    def handle(self, *args, unit, cycle, **options):
        found = cycle_by_name(unit, cycle)
        if found.status == Cycle.Status.OPEN:
            try:
                done = cycle_assess(actor=None, cycle=found)
            except ValidationError as exc:
                raise CommandError(exc.messages[0])
            for user_id, problem in done.skipped.items():
                self.stderr.write(f"未评定（用户 {user_id}）：{problem}")
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(["用户名", "姓名", "KPI得分", "评议得分", "综合得分", "等次"])
        for r in Result.objects.filter(cycle=found).select_related("user").order_by("-final_score", "user__username"):
            writer.writerow(
                [
                    r.user.username,
                    r.user.full_name,
                    r.kpi_score,
                    "" if r.review_score is None else r.review_score,
                    r.final_score,
                    r.get_grade_display(),
                ]
            )
