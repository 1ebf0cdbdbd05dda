"""Every URL pattern and API route, walked as a user of a sibling unit."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from taizhang.org.scoping import scope_for
from taizhang.registry.models import Household, Person
from tests.conftest import PASSWORD
from tests.scoping_objects import FACTORIES

KWARG = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")


def all_routes(patterns=None, prefix=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from all_routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def object_routes():
    return sorted({r for r in all_routes() if KWARG.search(r)})


def plain_routes():
    return sorted({r for r in all_routes() if not KWARG.search(r) and not r.startswith("^")})


def fill(route: str, world) -> str:
    def value(match):
        name = match.group("name")
        assert name in FACTORIES, f"URL keyword <{name}> in {route!r} has no factory in tests/scoping_objects.py"
        return str(FACTORIES[name](world))

    return "/" + KWARG.sub(value, route)


def test_the_walk_covers_pages_and_api():
    routes = object_routes()
    assert any(r.startswith("registry/households/") for r in routes)
    assert any(r.startswith("api/") for r in routes)


@pytest.mark.parametrize("username", ["jy_admin", "jy_worker"])
def test_a_sibling_unit_gets_404_or_403_on_every_object_url(client, seeded, username):
    client.login(username=username, password=PASSWORD)
    failures = []
    for route in object_routes():
        url = fill(route, seeded)
        response = client.get(url)
        if response.status_code == 405:
            # An empty JSON body for the API, so that it is the scope that answers, not the body's validation.
            response = client.post(url, "{}", content_type="application/json") if url.startswith("/api/") else client.post(url)
        if response.status_code not in (403, 404):
            failures.append(f"{url} → {response.status_code}")
    assert not failures, "visible across units:\n" + "\n".join(failures)


@pytest.mark.parametrize("username", ["jy_admin", "jy_worker"])
def test_list_pages_and_api_lists_never_show_another_units_records(client, seeded, username):
    for make in FACTORIES.values():  # every module's records exist in 新市镇 before the walk
        make(seeded)
    client.login(username=username, password=PASSWORD)
    foreign = ["XS001", "XS002", "新市村", "闻韶村", *Person.objects.filter(unit=seeded.xinshi).values_list("name", flat=True)]
    for route in plain_routes():
        if "template.xlsx" in route or route in ("logout/",):
            continue
        response = client.get("/" + route, {"q": "张"})
        if response.status_code != 200 or not response.get("Content-Type", "").startswith(("text/html", "application/json")):
            continue
        content = response.content.decode()
        leaked = [word for word in foreign if word in content and word != "张三"]
        assert not leaked, f"/{route} shows {leaked}"


def test_the_owning_unit_sees_its_own_household(client, seeded):
    client.login(username="xs_admin", password=PASSWORD)
    household = Household.objects.get(household_no="XS001")
    assert client.get(f"/registry/households/{household.pk}/").status_code == 200
    assert client.get(f"/api/registry/households/{household.pk}").status_code == 200


def test_a_village_worker_sees_only_their_village(client, seeded):
    client.login(username="ws_worker", password=PASSWORD)
    xs001 = Household.objects.get(household_no="XS001")  # 新市村
    xs002 = Household.objects.get(household_no="XS002")  # 闻韶村
    assert client.get(f"/registry/households/{xs001.pk}/").status_code == 404
    assert client.get(f"/registry/households/{xs002.pk}/").status_code == 200


def test_a_work_group_member_works_on_the_village_the_group_belongs_to(seeded):
    scope = scope_for(seeded.xs_worker)
    assert scope.unit_ids == (seeded.xinshi.id,) and scope.community_id == seeded.xinshi_village.id


def test_the_district_leader_sees_every_unit(seeded):
    assert Household.objects.visible_to(seeded.leader).count() == 3


def test_anonymous_api_calls_get_401_not_a_login_page(client, seeded):
    household = Household.objects.get(household_no="XS001")
    assert client.get(f"/api/registry/households/{household.pk}").status_code == 401
    assert client.get("/registry/households/").status_code == 302
