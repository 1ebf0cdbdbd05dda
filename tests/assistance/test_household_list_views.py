"""帮扶户 at real sizes: search, the 村居 and 帮扶责任人 filters, households still due this month one click away, pages of
20 with a jump that keeps the filters, and a number of queries that does not grow with the households."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.assistance.conftest import assist_many, visit

LIST = "/assistance/households/"
TODAY = date(2025, 3, 20)


@pytest.fixture
def crowd(assisted, clock):
    clock.set(TODAY)
    assist_many(assisted, 25)  # with XS001 (新市村, 张帮扶) and XS002 (闻韶村, 孙帮扶): 27 in 新市镇
    return assisted


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
    ],
)
def test_the_search_finds_households(client, crowd, login, query, found, not_found):
    login(crowd.xs_admin)
    content = get(client, q=query)
    assert found in content and not_found not in content


def test_the_list_filters_by_village_and_by_helper(client, crowd, login):
    login(crowd.xs_admin)
    content = get(client)
    assert "全部帮扶责任人" in content and "孙帮扶" in content and "全部村居" in content
    village = get(client, community=crowd.xinshi_village.pk)
    assert "XS001" in village and "WS0001" not in village and "共 1 户" in village
    helper = get(client, group=crowd.xs_worker.pk)
    assert "XS001" in helper and "XS002" not in helper and "共 1 户" in helper
    assert "共 26 户" in get(client, group=crowd.wenshao_worker.pk)


def test_households_still_due_this_month_are_one_click_away(client, crowd, login):
    for day in (date(2025, 3, 3), date(2025, 3, 10)):
        visit(crowd.xs_worker, "XS001", day, "09:00", 45)
    login(crowd.xs_admin)
    content = get(client)
    assert "走访未达标" in content and 'visits=due"' in content
    due = get(client, visits="due")
    assert "XS001" not in due and "共 26 户" in due and 'aria-pressed="true"' in due
    assert "XS002" in get(client, visits="due", page=2)
    met = get(client, visits="met")
    assert "XS001" in met and "共 1 户" in met


def test_the_page_jump_goes_to_the_page_and_keeps_the_filters(client, crowd, login):
    login(crowd.xs_admin)
    first = get(client)
    assert "第 1 / 2 页" in first and "WS0020" in first and "WS0021" not in first
    second = get(client, page=2)
    assert "WS0021" in second and "XS002" in second and "WS0020" not in second
    filtered = get(client, visits="due", month="2025-03")
    assert "?visits=due&amp;month=2025-03&amp;page=2" in filtered
    assert '<input type="hidden" name="visits" value="due">' in filtered


def test_the_number_of_queries_does_not_grow_with_the_households(client, assisted, clock, login):
    clock.set(TODAY)
    login(assisted.xs_admin)
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        assert "共 2 户" in get(client, q="张三")
    assist_many(assisted, 25)
    with CaptureQueriesContext(connection) as many:
        assert "共 2 户" in get(client, q="张三")
    with CaptureQueriesContext(connection) as full_page:
        assert "共 27 户" in get(client)
    assert len(many) == len(few) and len(full_page) <= len(few)


def test_the_module_home_and_the_compliance_page_link_to_the_households_still_due(client, crowd, login):
    login(crowd.xs_admin)
    assert "/assistance/households/?visits=due" in client.get("/assistance/").content.decode()
    compliance = client.get("/assistance/compliance/", {"month": "2025-03"}).content.decode()
    assert "/assistance/households/?visits=due&amp;month=2025-03" in compliance and "查看全部 27 户" in compliance
