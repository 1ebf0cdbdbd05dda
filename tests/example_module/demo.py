"""The module's part of `taizhang demo`: run after the kernel's demo (the tree and households exist), idempotent."""

from datetime import timedelta

from taizhang.core import clock
from taizhang.registry.models import Household
from tests.example_module.models import Note
from tests.example_module.services import note_create

TOWN = "新市镇"
TITLES = ["反映村口路灯不亮", "询问医保缴费", "院墙开裂需要查看"]


def build(*, nodes, seed: int, write) -> None:
    unit = nodes[(TOWN,)]
    if Note.objects.filter(unit=unit).exists():
        return
    today = clock.today()
    households = Household.objects.filter(unit=unit).order_by("household_no")[: len(TITLES)]
    for index, (household, title) in enumerate(zip(households, TITLES, strict=False)):
        opened = today - timedelta(days=10 * (index + 1))
        note_create(actor=None, household=household, title=title, opened_on=opened, due_on=opened + timedelta(days=7))
    write(f"{TOWN}民情记录：{len(TITLES)} 条")
