"""户籍台账 at real sizes: search (name, pinyin initials, 户编号, address, ID number where the role sees it), the 村居
filter, pages of 20 with a jump that keeps the filters, and a number of queries that does not grow with the rows."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import bulk_households, make_id

LIST = "/registry/households/"


@pytest.fixture
def crowd(seeded):
    bulk_households(seeded.xinshi, "闻韶村", 25, "WS")  # with XS001 (新市村) and XS002 (闻韶村): 27
    return seeded


def get(client, **params) -> str:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "query, found, not_found",
    [
        ("王芳", "WS0010", "WS0011"),
        ("wf", "WS0010", "WS0020"),
        ("WS001", "WS0019", "WS0020"),
        ("长街17号", "WS0017", "WS0016"),
        (make_id(5, date(1950, 1, 6))[-4:], "WS0005", "WS0006"),
    ],
)
def test_the_search_finds_households(client, crowd, login, query, found, not_found):
    login(crowd.xs_admin)
    content = get(client, q=query)
    assert found in content and not_found not in content


def test_a_full_id_number_finds_its_household_only_for_a_role_that_sees_it_whole(client, crowd, login):
    full = make_id(5, date(1950, 1, 1) + timedelta(days=5))
    login(crowd.xs_admin)
    assert "WS0005" in get(client, q=full)
    login(crowd.leader)
    assert "WS0005" not in get(client, q=full) and "WS0005" not in get(client, q=full[-6:])
    assert "WS0005" not in get(client, q=full[-4:])  # the mask shows no digit after the area code


def test_the_list_filters_by_village_among_those_the_user_sees(client, crowd, login):
    login(crowd.xs_admin)
    content = get(client)
    assert f'<option value="{crowd.wenshao.pk}">闻韶村</option>' in content and "城里居" not in content
    village = get(client, community=crowd.xinshi_village.pk)
    assert "XS001" in village and "WS0001" not in village and "共 1 户" in village
    login(crowd.leader)  # the whole district: each 村居 named with its unit
    assert "济阳街道 · 城里居" in get(client) and "新市镇 · 闻韶村" in get(client)


def test_the_page_jump_goes_to_the_page_and_keeps_the_filters(client, crowd, login):
    login(crowd.xs_admin)
    first = get(client)
    assert "第 1 / 2 页" in first and "WS0020" in first and "WS0021" not in first
    second = get(client, page=2)
    assert "WS0021" in second and "XS002" in second and "WS0020" not in second
    assert "XS002" in get(client, page=40)
    filtered = get(client, community=crowd.wenshao.pk, q="WS")
    assert f"?community={crowd.wenshao.pk}&amp;q=WS&amp;page=2" in filtered
    assert '<input type="hidden" name="q" value="WS">' in filtered


def test_the_number_of_queries_does_not_grow_with_the_households(client, seeded, login):
    login(seeded.xs_admin)
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        assert "共 2 户" in get(client)
    bulk_households(seeded.xinshi, "闻韶村", 25, "WS")
    with CaptureQueriesContext(connection) as many:
        assert "共 27 户" in get(client)
    assert len(many) == len(few)
