"""The module's URL keywords for the scoping walk (tests/scoping_walk.py): a note of 新市镇 (XS001, 新市村)."""

from datetime import date

from taizhang.registry.models import Household


def note_id(world):
    from tests.example_module.models import Note
    from tests.example_module.services import note_create

    household = Household.objects.get(unit=world.xinshi, household_no="XS001")
    note = Note.objects.filter(household=household).first() or note_create(
        actor=world.xs_worker,
        household=household,
        title="反映村口路灯不亮",
        opened_on=date(2026, 3, 2),
        due_on=date(2026, 3, 9),
    )
    return note.pk


FACTORIES = {"note_id": note_id}
