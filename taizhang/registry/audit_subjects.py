"""The records a full ID number or a 户编号 names, for the audit trail's search (taizhang.audit.subjects)."""

from __future__ import annotations

from taizhang.audit.selectors import IMPORT_BATCH
from taizhang.audit.subjects import Subjects
from taizhang.core import clock
from taizhang.core.rules import InvalidValue
from taizhang.registry.models import Household, Person
from taizhang.registry.rules import normalize_id_number


def registry_subjects(user, text: str) -> Subjects:
    """Voided records too: their history is what an auditor looks for."""
    text = text.strip()
    found = Subjects()
    try:
        id_number = normalize_id_number(text, today=clock.today()) if len(text) in (15, 18) else ""
    except InvalidValue:
        id_number = ""
    if id_number:
        for pk, household_id, batch_id in (
            Person.objects.visible_to(user)
            .filter(id_number=id_number)
            .values_list("pk", "household_id", "import_batch_id")
        ):
            found.objects.add(("registry.person", str(pk)))
            if household_id:
                found.household_ids.add(household_id)
            _created_by(found, batch_id)
    for pk, batch_id in (
        Household.objects.visible_to(user).filter(household_no=text).values_list("pk", "import_batch_id")
    ):
        found.household_ids.add(pk)
        found.objects.add(("registry.household", str(pk)))
        _created_by(found, batch_id)
    return found


def _created_by(found: Subjects, batch_id: int | None) -> None:
    """A record an import batch created is found with the batch's entries: the batch's entry records its creation."""
    if batch_id:
        found.objects.add((IMPORT_BATCH, str(batch_id)))
