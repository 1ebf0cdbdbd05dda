"""The example module plugs in through its manifest alone: mounted, gated by the unit's choice, scoped, in the menu,
on the household page, in the audit filter — and no kernel file names it."""

import subprocess
from datetime import date
from pathlib import Path

import pytest

from taizhang.hub.services import unit_modules_set
from taizhang.org.models import Role
from taizhang.registry.models import Household
from taizhang.staff.services import staff_create
from tests.conftest import PASSWORD
from tests.example_module.services import note_create

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def notes(seeded):
    """A note on 新市镇's XS001 (新市村) and one on 济阳街道's JY001 (城里居)."""
    xs001 = Household.objects.get(household_no="XS001")
    jy001 = Household.objects.get(household_no="JY001")
    seeded.xs_note = note_create(
        actor=seeded.xs_worker,
        household=xs001,
        title="反映村口路灯不亮",
        opened_on=date(2026, 3, 2),
        due_on=date(2026, 3, 9),
    )
    seeded.jy_note = note_create(
        actor=seeded.jy_admin,
        household=jy001,
        title="询问棚改进度",
        opened_on=date(2026, 3, 2),
        due_on=date(2026, 3, 9),
    )
    return seeded


def login(client, username):
    client.login(username=username, password=PASSWORD)
    return client


def test_its_page_is_mounted_at_its_key_and_lists_only_the_units_notes(client, notes):
    page = login(client, "xs_admin").get("/example/")
    assert page.status_code == 200
    assert "反映村口路灯不亮" in page.content.decode() and "询问棚改进度" not in page.content.decode()


def test_its_api_answers_the_owner_and_404s_a_sibling_unit(client, notes):
    login(client, "xs_admin")
    assert client.get(f"/api/example/notes/{notes.xs_note.pk}").json()["household_no"] == "XS001"
    assert client.get(f"/api/example/notes/{notes.jy_note.pk}").status_code == 404


def test_a_unit_that_has_not_enabled_it_gets_403(client, notes):
    qu_admin = staff_create(
        actor=None,
        node=notes.district,
        username="qu_admin",
        full_name="钱科长",
        role=Role.DISTRICT_ADMIN,
        password=PASSWORD,
    )
    unit_modules_set(actor=qu_admin, unit=notes.jiyang, keys={"assistance", "renewal"})
    login(client, "jy_admin")
    assert client.get("/example/").status_code == 403
    assert client.get(f"/api/example/notes/{notes.jy_note.pk}").status_code == 403
    assert 'href="/example/"' not in client.get("/").content.decode()


def test_it_is_in_the_menu(client, notes):
    assert 'href="/example/"' in login(client, "xs_worker").get("/").content.decode()


def test_its_section_is_on_the_household_page(client, notes):
    page = login(client, "xs_worker").get(f"/registry/households/{notes.xs_note.household_id}/").content.decode()
    assert 'id="section-example"' in page and "反映村口路灯不亮" in page


def test_a_household_without_notes_has_no_section(client, notes):
    other = Household.objects.get(household_no="XS002")
    page = login(client, "xs_admin").get(f"/registry/households/{other.pk}/").content.decode()
    assert 'id="section-example"' not in page


def test_its_audit_type_is_in_the_audit_filter_and_its_writes_are_audited(client, notes):
    page = login(client, "xs_admin").get("/audit/", {"object_type": "example.note"}).content.decode()
    assert '<option value="example.note"' in page and "反映村口路灯不亮" in page


def test_the_list_page_reads_in_a_fixed_number_of_queries(client, notes, django_assert_max_num_queries):
    for day in range(3, 20):
        note_create(
            actor=notes.xs_admin,
            household=notes.xs_note.household,
            title=f"民情{day}",
            opened_on=date(2026, 3, day),
            due_on=date(2026, 3, day),
        )
    login(client, "xs_admin")
    with django_assert_max_num_queries(12):
        assert client.get("/example/").status_code == 200


def test_no_kernel_file_names_the_example():
    found = subprocess.run(
        ["git", "grep", "-l", "-e", "example_module", "-e", "tests.example", "--", "taizhang/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert found.stdout == ""


def test_its_figure_is_in_the_cockpit_and_its_overdue_notes_in_the_inbox(client, notes):
    login(client, "xs_admin")
    assert "未办结民情" in client.get("/").content.decode()
    login(client, "xs_worker")
    assert "反映村口路灯不亮" in client.get("/hub/inbox/").content.decode()
