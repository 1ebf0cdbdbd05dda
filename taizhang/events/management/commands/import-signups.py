from django.core.management.base import CommandError

from taizhang.core.commands import ImportCommand, existing_file, finish_import
from taizhang.events.ledgers import SIGNUPS, event_target
from taizhang.events.models import Event
from taizhang.events.selectors import sessions_with_counts
from taizhang.imports.services import import_run


def event_named(name: str, unit: str | None) -> Event:
    found = Event.objects.select_related("unit").filter(name=name)
    if unit:
        found = found.filter(unit__name=unit)
    events = list(found[:2])
    if not events:
        raise CommandError(f"找不到活动“{name}”" + (f"（{unit}）" if unit else ""))
    if len(events) > 1:
        raise CommandError(f"有不止一个单位的活动名为“{name}”，请用 --unit 指明单位")
    return events[0]


class Command(ImportCommand):
    help = (
        "导入活动报名名单（.xlsx/.xls/.csv），列：姓名、手机号、场次、报名时间（可选：队名、队员、村居）。按报名时间先后占用名额，"
        "超出场次容量的进入候补。整个文件要么全部导入，要么一行都不导入；有错时打印全部错误（行、列、原因）并以状态 1 退出；"
        "导入后每个场次打印一行“场次: 报名 N, 候补 M”和导入批次号，可整批撤销。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--event", required=True, help="活动名称，如 2021年崔寨街道农民丰收节")
        parser.add_argument("--unit", help="单位名称（不同单位有同名活动时）")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")

    def handle(self, *args, file, event, unit, dry_run, **options):
        path = existing_file(file)
        found = event_named(event, unit)
        report, batch = import_run(
            ledger=SIGNUPS, actor=None, target=event_target(found), data=path, filename=path.name, dry_run=dry_run
        )
        finish_import(self, report, dry_run=dry_run)
        for session in sessions_with_counts(found):
            if session.takes_signups:
                self.stdout.write(f"{session.name}: 报名 {session.n_confirmed}, 候补 {session.n_waiting}")
        if batch is not None:
            self.stdout.write(f"导入批次: {batch.pk}（撤销：taizhang void-import {batch.pk} --reason 原因）")
