"""The sign-up list ledger (`姓名, 手机号, 场次, 报名时间`) through the kernel's import pages: one target per event of
the user's unit, latest first."""

from __future__ import annotations

from taizhang.documents.importing import Ledger, Target
from taizhang.events import policies, signups_import
from taizhang.events.models import Event
from taizhang.imports.ledgers import runner

EVENTS_OFFERED = 20


def event_target(event: Event) -> Target:
    return Target(
        unit=event.unit, label=f"{event.name}（{event.starts_on:%Y-%m-%d}）", key=str(event.pk), kwargs={"event": event}
    )


def _targets(user) -> list[Target]:
    if not policies.can_plan(user) or user.unit_id is None:
        return []
    found = Event.objects.filter(unit_id=user.unit_id).select_related("unit").order_by("-starts_on", "name")
    return [event_target(event) for event in found[:EVENTS_OFFERED]]


SIGNUPS = Ledger(
    key="events.signups",
    title="活动报名名单",
    required=signups_import.COLUMNS,
    optional=signups_import.OPTIONAL,
    run=runner(signups_import.signups_import, per_unit=False),
    targets=_targets,
    undo=signups_import.signups_undo,
    examples={
        "姓名": "王秀英",
        "手机号": "13805310001",
        "场次": "现场采摘·上午场",
        "报名时间": "2020-09-01 08:30",
        "队名": "",
        "队员": "",
        "村居": "东辛村",
    },
    help="每行一个报名：场次须与活动的场次名称一致；组队项目填写队名，队员用顿号分隔（报名人为领队，不必重复）。"
    "按报名时间先后占用名额，超出场次容量的进入候补名单，按报名时间排队。同一手机号在一个场次只能报名一次。"
    "撤销批次即取消本批次的报名（已有签到时不能撤销），空出的名额按候补顺序递补。",
    order=85,
)
