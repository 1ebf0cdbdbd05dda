from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from taizhang.events import events
from taizhang.events.models import Session
from taizhang.events.rules.programme import parse_session_arg
from taizhang.org.models import OrgNode


class Command(BaseCommand):
    help = (
        "新建一个活动及其场次，与活动页面上的“新建活动”“添加场次”相同：带容量的场次接受个人报名，不带容量的无需报名。"
        "例：taizhang create-event 2021年崔寨街道农民丰收节 --unit 崔寨街道 --date 2021-09-18 "
        '--session "现场采摘·上午场:60" --session 群众演出专场'
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="活动名称")
        parser.add_argument("--unit", required=True, help="举办单位名称，如 崔寨街道")
        parser.add_argument("--date", required=True, help="活动日期，YYYY-MM-DD")
        parser.add_argument("--place", default="", help="地点（可省略，之后在页面上补充）")
        parser.add_argument("--session", action="append", default=[], help="场次，“名称:容量”，可重复")

    def handle(self, *args, name, unit, date: str, place, session, **options):
        found = OrgNode.objects.filter(kind=OrgNode.Kind.UNIT, name=unit.strip(), is_active=True).first()
        if found is None:
            raise CommandError(f"--unit：找不到单位“{unit}”")
        try:
            day = _date(date)
        except ValueError:
            raise CommandError(f"--date：“{date}”不是 YYYY-MM-DD 格式的日期") from None
        try:
            programme = [parse_session_arg(text) for text in session]
        except ValueError as exc:
            raise CommandError(f"--session：{exc}") from None
        try:
            with transaction.atomic():
                event = events.event_create(actor=None, unit=found, name=name, starts_on=day, place=place or "待定")
                for title, capacity in programme:
                    signup = Session.Signup.PERSON if capacity else Session.Signup.NONE
                    events.session_create(actor=None, event=event, name=title, signup=signup, capacity=capacity)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from None
        self.stdout.write(f"已新建活动：{event.name}（{found.name}，{day:%Y-%m-%d}，{event.place}）")
        for title, capacity in programme:
            self.stdout.write(f"  场次：{title}，" + (f"限 {capacity} 人，个人报名" if capacity else "无需报名"))
        self.stdout.write(f"共 {len(programme)} 个场次。")


def _date(text: str) -> date:
    return date.fromisoformat(text.strip())
