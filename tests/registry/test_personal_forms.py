"""Edit forms under the personal-data policy: a role that may not read an ID number or a bank account whole sees the
box empty with the masked value beside it, may type a new one, and saving without one keeps the stored value; the
stored value is never in the page, not even when the form comes back with another field's error."""

from __future__ import annotations

from datetime import date

from taizhang.core.rules import mask_bank_account, mask_id_number
from taizhang.registry import services
from taizhang.registry.models import Household, Person
from tests.conftest import make_id

ACCOUNT = "6228480402564890018"


def xs001() -> Household:
    return Household.objects.get(household_no="XS001")


def head() -> Person:
    return Person.objects.get(household__household_no="XS001", relation="户主")


def person_data(person: Person, **changes) -> dict:
    data = {"name": person.name, "relation": person.relation, "phone": person.phone, "life_status": person.life_status}
    data.update({"employment": person.employment, "id_number": ""})
    return {k: v for k, v in {**data, **changes}.items() if v is not None}


def test_a_field_worker_never_reads_a_members_whole_id_number_in_the_edit_form(client, seeded):
    person = head()
    client.force_login(seeded.xs_worker)
    page = client.get(f"/registry/persons/{person.pk}/edit/").content.decode()
    assert person.id_number not in page
    assert mask_id_number(person.id_number) in page and "留空则不变" in page


def test_saving_without_a_new_id_number_keeps_the_stored_one(client, seeded):
    person = head()
    client.force_login(seeded.xs_worker)
    response = client.post(f"/registry/persons/{person.pk}/edit/", person_data(person, name="张叁"))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name == "张叁" and person.id_number == head().id_number


def test_a_field_worker_may_replace_the_id_number(client, seeded):
    person = head()
    new = make_id(777, date(1961, 3, 1))
    client.force_login(seeded.xs_worker)
    response = client.post(f"/registry/persons/{person.pk}/edit/", person_data(person, id_number=new))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.id_number == new


def test_a_form_returned_with_an_error_still_hides_the_stored_number(client, seeded):
    person = head()
    client.force_login(seeded.xs_worker)
    response = client.post(f"/registry/persons/{person.pk}/edit/", person_data(person, name=""))
    assert response.status_code == 200 and response.context["form"].errors
    assert person.id_number not in response.content.decode()


def test_a_field_worker_never_reads_the_whole_bank_account_in_the_household_form(client, seeded):
    household = services.household_update(actor=None, household=xs001(), bank_name="中国农业银行", bank_account=ACCOUNT)
    client.force_login(seeded.xs_worker)
    page = client.get(f"/registry/households/{household.pk}/edit/").content.decode()
    assert ACCOUNT not in page and mask_bank_account(ACCOUNT) in page
    form = client.get(f"/registry/households/{household.pk}/edit/").context["form"]
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data["community"] = household.community_id
    data["address"] = "新市村幸福街99号"
    assert client.post(f"/registry/households/{household.pk}/edit/", data).status_code == 302
    household.refresh_from_db()
    assert household.address == "新市村幸福街99号" and household.bank_account == ACCOUNT


def test_the_unit_admin_reads_and_edits_the_whole_number(client, seeded):
    person = head()
    client.force_login(seeded.xs_admin)
    page = client.get(f"/registry/persons/{person.pk}/edit/").content.decode()
    assert person.id_number in page
