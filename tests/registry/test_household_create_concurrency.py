"""Five people create the same 户编号 at the same moment (a list shared in the office chat): one household is
created, the four others are told it exists, none gets a server error. Threads against a shared database
(tests/concurrency.py): meaningful on SQLite and PostgreSQL alike."""

from django.test import Client

from taizhang.audit.models import AuditEntry
from taizhang.registry.models import Household
from tests.concurrency import at_once
from tests.registry.test_views import household_form


def test_five_creations_of_one_household_number_give_one_household_and_four_refusals(world, shared_db):
    clerks = []
    for _ in range(5):
        clerk = Client()
        clerk.force_login(world.xs_admin)
        clerks.append(clerk)
    form = household_form(world, household_no="XS777")
    answers = at_once([lambda c=c: c.post("/registry/households/new/", form) for c in clerks])

    assert sorted(getattr(a, "status_code", a) for a in answers) == [200, 200, 200, 200, 302]
    household = Household.objects.get(household_no="XS777")
    refusals = [a.content.decode() for a in answers if a.status_code == 200]
    assert all("本单位已有户编号 XS777（可能是同事刚刚新建的），请在户籍台账中查找该户" in page for page in refusals)
    assert AuditEntry.objects.filter(object_type="registry.household", object_id=str(household.pk)).count() == 1
