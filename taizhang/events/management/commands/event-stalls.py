from django.core.management.base import BaseCommand, CommandError

from taizhang.events import selectors_vendors
from taizhang.events.models import Event


class Command(BaseCommand):
    help = "列出一个活动的展销摊位：摊位号、区域、摊主、村居、产品、状态、销售额，与摊位图页面的摊位表 Excel 相同。"

    def add_arguments(self, parser):
        parser.add_argument("--event", required=True, help="活动名称，如 2020年崔寨街道农民丰收节")
        parser.add_argument("--unit", default="", help="单位名称（不同单位有同名活动时必填）")

    def handle(self, *args, event, unit, **options):
        found = Event.objects.filter(name=event.strip())
        if unit:
            found = found.filter(unit__name=unit.strip())
        events = list(found.select_related("unit")[:2])
        if not events:
            raise CommandError(f"没有名为「{event}」的活动" + (f"（{unit}）" if unit else ""))
        if len(events) > 1:
            raise CommandError(f"有多个单位的活动名为「{event}」，请用 --unit 指定单位")
        rows = selectors_vendors.stall_rows(events[0])
        for number, area, holder, village, produce, status, sales in rows:
            money = f"{sales} 元" if sales is not None else "—"
            self.stdout.write(
                f"{number} {area}: {holder or '—'} {village or ''} {produce or ''} {status} {money}".rstrip()
            )
        taken = sum(1 for row in rows if row[2])
        self.stdout.write(f"共 {len(rows)} 个摊位，已分配 {taken} 个")
