from django.core.management.base import BaseCommand, CommandError

from taizhang.events import selectors_report
from taizhang.events.models import Event
from taizhang.org.selectors import unit_by_name


class Command(BaseCommand):
    help = "打印活动各报名场次的报名、候补、签到人数（与活动报告页相同），以及活动简报。"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--event", required=True, help="活动名称，如 2020年崔寨街道农民丰收节")
        parser.add_argument("--unit", help="单位名称，如 崔寨街道；不同单位有同名活动时必填")

    def handle(self, *args, event, unit=None, **options):
        found = Event.objects.filter(name=event.strip()).select_related("unit")
        if unit:
            found = found.filter(unit=unit_by_name(unit))
        events = list(found[:10])
        if not events:
            where = f"“{unit}”" if unit else "任何单位"
            raise CommandError(f"{where}没有名为“{event}”的活动，请核对活动名称")
        if len(events) > 1:
            units = "、".join(e.unit.name for e in events)
            raise CommandError(f"有 {len(events)} 个单位都有名为“{event}”的活动（{units}），请用 --unit 指定单位")
        report = selectors_report.report(events[0])
        for row in report.rows:
            self.stdout.write(f"{row.session.name}: 报名 {row.confirmed}, 候补 {row.waiting}, 签到 {row.checked_in}")
        self.stdout.write("")
        self.stdout.write(report.brief)
