from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from taizhang.enterprise.rules.workdays import CalendarNotCovered, add_workdays


class Command(BaseCommand):
    help = (
        "按国家法定节假日和调休安排推算办理期限：从申报日期起第 N 个工作日（不含申报当日），与审批事项页面的期限相同。"
        "工作日历尚未收录的年份不推算，报错退出。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--start", required=True, help="起算日期，如 2020-09-30")
        parser.add_argument("--workdays", required=True, type=int, help="工作日天数，如 5")

    def handle(self, *args, start, workdays, **options):
        try:
            day = date.fromisoformat(start)
        except ValueError:
            raise CommandError(f"起算日期「{start}」不是 YYYY-MM-DD 格式的日期") from None
        if workdays < 1:
            raise CommandError("工作日天数应为正整数")
        try:
            due = add_workdays(day, workdays)
        except CalendarNotCovered as exc:
            raise CommandError(exc.messages[0]) from None
        except ValidationError as exc:  # too many days
            raise CommandError(getattr(exc, "messages", [str(exc)])[0]) from None
        self.stdout.write(due.isoformat())
