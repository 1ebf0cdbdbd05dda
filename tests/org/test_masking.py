"""The masking walk: every page, PDF, export, API response and audit view, requested by each role that reads ID
numbers masked, in the base case with every module's records (tests/masking_walk.py). No whole ID number or bank
account may appear."""

import pytest

from taizhang.org.models import Role
from taizhang.registry.models import Household
from taizhang.registry.services import household_update
from taizhang.staff.services import staff_create
from tests.conftest import PASSWORD
from tests.masking_walk import full_numbers, leaks_in, readable, walk_as
from tests.scoping_walk import Walk

ACCOUNT = "6228480402564890018"


@pytest.fixture(scope="module")
def walk():
    return Walk()


@pytest.fixture
def full_world(seeded, walk):
    """The base case with every module's records in 新市镇, a bank account on XS001 (changed once, so the audit trail
    holds it too) and a district admin."""
    household = Household.objects.get(household_no="XS001")
    household_update(
        actor=seeded.xs_admin, household=household, bank_name="农业银行", bank_account="6228480402564890026"
    )
    household_update(actor=seeded.xs_admin, household=household, bank_account=ACCOUNT)
    for make in walk.every_factory():
        make(seeded)
    staff_create(
        actor=None,
        node=seeded.district,
        username="qu_admin",
        full_name="钱科长",
        role=Role.DISTRICT_ADMIN,
        password=PASSWORD,
    )
    return seeded


def test_the_walk_knows_every_whole_number_of_the_data(full_world):
    numbers = full_numbers()
    assert ACCOUNT in numbers
    xs001 = Household.objects.get(household_no="XS001")
    assert all(p.id_number in numbers for p in xs001.members.all())
    assert any(source.startswith("renewal.") for source in numbers.values())  # the cross-check's and determinations'


def test_the_walk_finds_a_whole_number_wherever_it_is_shown():
    numbers = {"370125197005170011": "registry.Person.id_number"}
    assert leaks_in("/x/", "身份证号370125197005170011。", numbers)
    assert not leaks_in("/x/", "身份证号370125************。", numbers)


@pytest.mark.parametrize("username", ["leader", "qu_admin", "xs_group", "xs_worker"])
def test_no_role_that_reads_numbers_masked_finds_a_whole_one_anywhere(client, full_world, walk, username):
    assert client.login(username=username, password=PASSWORD)
    numbers = full_numbers()
    leaks, read = walk_as(client, walk, full_world, numbers)
    assert read > 100, f"only {read} responses read: the walk did not reach the pages"
    assert not leaks, f"{len(leaks)} whole numbers shown to {username}:\n" + "\n".join(map(str, leaks[:60]))


def test_the_unit_admin_reads_the_same_pages_with_whole_numbers(client, full_world):
    """The walk is not passing because the numbers are nowhere: the one who may read them whole does."""
    assert client.login(username="xs_admin", password=PASSWORD)
    xs001 = Household.objects.get(household_no="XS001")
    text = readable(client.get(f"/registry/households/{xs001.pk}/"))
    assert ACCOUNT in text and xs001.members.first().id_number in text


def test_the_search_box_offers_id_tails_only_to_who_reads_id_numbers_whole(client, world):
    client.force_login(world.xs_worker)
    assert "身份证后几位" not in client.get("/").content.decode()
    client.force_login(world.xs_admin)
    assert "身份证后几位" in client.get("/").content.decode()
