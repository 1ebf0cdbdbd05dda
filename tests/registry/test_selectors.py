"""Registry reads: person search (each kind of match, in scope, through indexes only) and dashboard figures."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taizhang.registry.models import Person
from taizhang.registry.selectors import person_match_queries, person_search
from tests.conftest import make_id


def names(user, query):
    return sorted(p.name for p in person_search(user, query))


@pytest.mark.parametrize(
    "query, expected",
    [
        ("张三", ["张三"]),  # a full name
        ("张", ["张三", "张小明"]),  # its beginning (XS001's 张三 and 张小明; 张三 again in 闻韶村 as XS002's head)
        ("zs", ["张三"]),  # pinyin initials
        ("ZXM", ["张小明"]),  # initials in capitals
        ("zx", ["张小明"]),  # a prefix of the initials
        ("lm", ["李梅"]),
        ("XS001", ["张三", "张小明", "李梅"]),  # a 户编号 lists its members
        ("王五", []),
        ("   ", []),
    ],
)
def test_each_kind_of_match_for_a_field_worker_of_one_village(seeded, query, expected):
    # xs_worker works in 新市村 only: XS001's members, not 闻韶村's XS002, not 济阳街道's JY001.
    assert names(seeded.xs_worker, query) == expected


def test_id_tails_of_four_to_six_characters_and_the_full_number(seeded):
    id_number = make_id(11, __import__("datetime").date(1970, 3, 2))  # 李梅 in XS001
    for tail in (id_number[-4:], id_number[-5:], id_number[-6:].lower(), id_number):
        assert "李梅" in names(seeded.xs_admin, tail), tail


def test_the_unit_admin_sees_the_whole_unit_and_no_other(seeded):
    assert names(seeded.xs_admin, "张三") == ["张三", "张三"]  # XS001 and XS002
    assert names(seeded.jy_admin, "zs") == ["张三"]  # JY001 only
    assert names(seeded.jy_admin, "XS001") == []
    assert names(seeded.leader, "zs") == ["张三", "张三", "张三"]


def test_voided_persons_are_not_found(seeded):
    Person.objects.filter(name="李梅").update(status="voided")
    assert names(seeded.xs_admin, "lm") == []


def test_a_search_is_a_few_queries_whatever_it_matches(seeded):
    with CaptureQueriesContext(connection) as queries:
        list(person_search(seeded.xs_admin, "张"))
    assert len(queries) <= 5


def test_every_match_query_is_served_by_an_index(seeded):
    if connection.vendor != "sqlite":
        pytest.skip("the plan wording checked is SQLite's; PostgreSQL plans depend on table statistics")
    for query in ("zs", "1234", "张三", "XS001"):
        for matches in person_match_queries(seeded.xs_admin, query):
            plan = matches.explain()
            assert "SCAN registry_person" not in plan, (query, plan)


def test_dashboard_figures_follow_the_scope(seeded):
    from taizhang.registry.selectors import registry_figures

    village = registry_figures(seeded.xs_worker)
    assert [c["node"].name for u in village["units"] for c in u["communities"]] == ["新市村"]
    assert (village["households"], village["persons"]) == (1, 3)
    town = registry_figures(seeded.xs_admin)
    assert sorted(c["node"].name for u in town["units"] for c in u["communities"]) == ["新市村", "闻韶村"]
    assert (town["households"], town["persons"]) == (2, 5)
    district = registry_figures(seeded.leader)
    assert (district["households"], district["persons"]) == (3, 7)
