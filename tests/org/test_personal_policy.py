"""The personal-data policy's table (taizhang.org.personal): who reads which field whole, decided per role, extended
only by a module's declared grant; documented in docs/security.md."""

from pathlib import Path

import pytest

from taizhang.core.personal import ADDRESS, BANK_ACCOUNT, FIELDS, ID_NUMBER, PHONE
from taizhang.org.models import Role
from taizhang.org.personal import WHOLE, disclosure
from taizhang.registry.models import Person
from taizhang.registry.selectors import person_search

DOCS = Path(__file__).resolve().parents[2] / "docs" / "security.md"


@pytest.mark.parametrize(
    "username, whole",
    [
        ("leader", {PHONE, ADDRESS}),
        ("auditor", {ID_NUMBER, BANK_ACCOUNT, PHONE, ADDRESS}),
        ("xs_admin", {ID_NUMBER, BANK_ACCOUNT, PHONE, ADDRESS}),
        ("xs_group", {PHONE, ADDRESS}),
        ("xs_worker", {PHONE, ADDRESS}),
    ],
)
def test_each_role_reads_whole_what_the_table_says(seeded, username, whole):
    from taizhang.org.models import User

    personal = disclosure(User.objects.get(username=username))
    assert {FIELDS[key] for key in personal.whole} == whole


def test_every_field_and_every_role_is_decided():
    assert set(WHOLE) == set(FIELDS)
    assert all(roles <= set(Role) for roles in WHOLE.values())


def test_an_anonymous_user_reads_nothing_whole():
    from django.contrib.auth.models import AnonymousUser

    assert disclosure(AnonymousUser()).whole == frozenset()


def test_the_policy_is_documented_with_each_field_and_grant():
    text = DOCS.read_text(encoding="utf-8")
    assert "## Personal data policy" in text
    section = text.split("## Personal data policy", 1)[1]
    for field in FIELDS.values():
        assert field.label in section
    assert "人口界定工作组" in section


def test_a_masked_role_finds_no_one_by_any_part_of_an_id_number(seeded):
    person = Person.objects.get(household__household_no="XS001", relation="户主")
    for query in (person.id_number, person.id_number[-4:], person.id_number[-6:]):
        assert list(person_search(seeded.xs_worker, query)) == [], query
        assert person in list(person_search(seeded.xs_admin, query)), query


def test_a_page_without_personal_fields_pays_nothing_for_the_policy(client, seeded, django_assert_num_queries):
    from taizhang.org.personal import context

    request = type("Request", (), {"user": seeded.xs_worker})()
    with django_assert_num_queries(0):
        personal = context(request)["personal"]
    assert personal.sees_whole(PHONE) and not personal.sees_whole(ID_NUMBER)
