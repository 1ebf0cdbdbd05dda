"""The example's figure and to-dos, checked against their contracts (the engines that list them come later)."""

from datetime import date, timedelta

from django.utils import timezone

from taizhang.core.manifest import Value, module
from taizhang.hub.tasks import Audience
from taizhang.registry.models import Household
from tests.example_module.services import note_close, note_create


def test_the_figure_counts_notes_open_on_the_day_per_village(seeded):
    xs001, jy001 = Household.objects.get(household_no="XS001"), Household.objects.get(household_no="JY001")
    note = note_create(actor=None, household=xs001, title="a", opened_on=date(2026, 3, 2), due_on=date(2026, 3, 9))
    note_create(actor=None, household=jy001, title="b", opened_on=date(2026, 3, 2), due_on=date(2026, 3, 9))
    note_close(actor=None, note=note, on=date(2026, 3, 5))
    compute = module("example").load(module("example").metrics[0].compute)
    assert compute(unit_ids=[seeded.xinshi.id], as_of=date(2026, 3, 4), month=None) == {
        (seeded.xinshi.id, seeded.xinshi_village.id): Value(1)
    }
    assert compute(unit_ids=[seeded.xinshi.id], as_of=date(2026, 3, 5), month=None) == {}
    assert compute(unit_ids=[seeded.xinshi.id], as_of=date(2026, 3, 1), month=None) == {}


def test_the_overdue_notes_are_the_to_dos_of_those_who_see_them(seeded):
    today = timezone.localdate()
    xs001, xs002 = Household.objects.get(household_no="XS001"), Household.objects.get(household_no="XS002")
    for household in (xs001, xs002):
        note_create(
            actor=None,
            household=household,
            title="逾期",
            opened_on=today - timedelta(days=9),
            due_on=today - timedelta(days=2),
        )
    note_create(actor=None, household=xs001, title="未到期", opened_on=today, due_on=today + timedelta(days=7))
    collect = module("example").load(module("example").task_kinds[0].collect)

    def titles(user):
        return [task.subject for task in collect(Audience(user=user, today=today))]

    assert titles(seeded.xs_worker) == ["户 XS001"]  # 新市村's worker: their village only
    assert len(titles(seeded.xs_admin)) == 2
    assert titles(seeded.jy_admin) == []


def test_the_demo_step_adds_a_few_notes_once(seeded):
    from tests.example_module.demo import build
    from tests.example_module.models import Note

    lines = []
    for _ in range(2):
        build(nodes={("新市镇",): seeded.xinshi}, seed=1, write=lines.append)
    assert Note.objects.filter(unit=seeded.xinshi).count() == 2 and lines == ["新市镇民情记录：3 条"]
