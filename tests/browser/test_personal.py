"""Personal data in chromium: a field worker edits a member without ever reading the whole ID number — the box is
empty with the masked number beside it, and saving with it empty keeps the number — and reads the age, not the birth
date, on the household page."""

import pytest

from taizhang.core.rules import mask_id_number
from taizhang.registry.importing import household_import
from taizhang.registry.models import Person
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD, csv_bytes, household_rows

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 360])
def test_a_field_worker_replaces_nothing_and_keeps_the_number(open_page, browser_world, width):
    assert household_import(
        unit=browser_world.xinshi, data=csv_bytes(household_rows("XS001", "新市村", 3, 10)), filename="seed.csv"
    ).applied
    person = Person.objects.get(household__household_no="XS001", relation="户主")
    page = open_page(width)
    login(page, "xs_worker", PASSWORD)
    page.goto(f"/registry/households/{person.household_id}/")
    body = page.content()
    assert person.id_number not in body and "1960-03-01" not in body and "岁" in body
    shoot(page, "personal-household-masked")
    page.goto(f"/registry/persons/{person.pk}/edit/")
    assert page.input_value("#id_id_number") == ""
    form = page.locator("form", has=page.locator("#id_id_number"))
    assert mask_id_number(person.id_number) in form.inner_text() and person.id_number not in page.content()
    shoot(page, "personal-person-form")
    page.fill("#id_name", "张叁")
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"**/registry/households/{person.household_id}/")
    stored = person.id_number
    person.refresh_from_db()
    assert person.name == "张叁" and person.id_number == stored
