"""The project's long lists (征收户, 人口界定, 协议 over the project's households; 测量台账 over its sites): search by
name, pinyin initials, 户编号, address and ID number where the role sees it, 村居 and group filters, pages with a
jump, the not-yet-done chips, and a number of queries that does not grow with the rows."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taizhang.renewal import measurements
from taizhang.renewal.determinations import determination_record
from taizhang.renewal.models import Site
from taizhang.renewal.red_line import households_import
from taizhang.renewal.sites import site_create
from tests.conftest import bulk_households, csv_bytes, make_id

HOUSEHOLD_LISTS = ["renewal:household_list", "renewal:determination_list", "renewal:agreement_list"]
CROWD = 25  # with JY001, JY101 and JY102: 28 households, two pages of 20


def add_crowd(renewal, count=CROWD, prefix="DG", people_from=0):
    numbers = bulk_households(renewal.world.jiyang, "东关居", count, prefix, people_from=people_from)
    report = households_import(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        data=csv_bytes([[n] for n in numbers], header=["户编号"]),
        filename="红线.csv",
    )
    assert report.ok and report.applied, report.errors
    return numbers


@pytest.fixture
def crowd(renewal):
    add_crowd(renewal)
    return renewal


def page(client, name, renewal, **params):
    response = client.get(reverse(name, args=[renewal.project.pk]), params)
    assert response.status_code == 200
    return response.content.decode()


def bulk_id(i: int) -> str:
    """The ID number bulk_households gives the i-th household's head."""
    return make_id(i % 1000, date(1950, 1, 1) + timedelta(days=i))


@pytest.mark.parametrize("name", HOUSEHOLD_LISTS)
@pytest.mark.parametrize(
    "query, found, not_found",
    [
        ("王芳", "DG0010", "DG0011"),  # a member's name
        ("wf", "DG0010", "DG0020"),  # its pinyin initials
        ("DG001", "DG0019", "DG0020"),  # the beginning of a 户编号
        ("长街17号", "DG0017", "DG0016"),  # the address
        (bulk_id(5)[-4:], "DG0005", "DG0006"),  # an ID tail (a role that reads ID numbers whole)
    ],
)
def test_the_search_finds_households(client, crowd, login, name, query, found, not_found):
    login(crowd.world.jy_admin)
    content = page(client, name, crowd, q=query)
    assert found in content and not_found not in content


@pytest.mark.parametrize("name", HOUSEHOLD_LISTS)
def test_a_full_id_number_finds_its_household_only_for_a_role_that_sees_it_whole(client, crowd, login, name):
    login(crowd.world.jy_admin)
    assert "DG0005" in page(client, name, crowd, q=bulk_id(5))
    login(crowd.world.leader)  # sees the whole district, ID numbers masked
    masked = page(client, name, crowd, q=bulk_id(5))
    assert "DG0005" not in masked and "共 0 户" in masked
    assert "DG0005" not in page(client, name, crowd, q=bulk_id(5)[-6:])
    assert "DG0005" not in page(client, name, crowd, q=bulk_id(5)[-4:])  # the mask shows no digit of it


@pytest.mark.parametrize("name", HOUSEHOLD_LISTS)
def test_the_lists_filter_by_community_and_by_group(client, crowd, login, name):
    login(crowd.world.jy_admin)
    chengli = page(client, name, crowd, community=crowd.world.chengli.pk)
    assert "JY001" in chengli and "JY101" not in chengli and "DG0001" not in chengli
    second = page(client, name, crowd, group=crowd.second_group.pk)
    assert "共 27 户" in second and "DG0001" in second and "JY001" not in second


@pytest.mark.parametrize("name", HOUSEHOLD_LISTS)
def test_the_page_jump_goes_to_the_page_and_keeps_the_filters(client, crowd, login, name):
    login(crowd.world.jy_admin)
    first = page(client, name, crowd)
    assert "DG0020" in first and "DG0021" not in first and "第 1 / 2 页" in first
    second = page(client, name, crowd, page=2)
    assert "DG0021" in second and "JY102" in second and "DG0020" not in second
    assert page(client, name, crowd, page=99).count("DG0021") == second.count("DG0021")  # past the end: the last
    filtered = page(client, name, crowd, community=crowd.dongguan.pk)
    assert f'<input type="hidden" name="community" value="{crowd.dongguan.pk}">' in filtered
    assert f"?community={crowd.dongguan.pk}&amp;page=2" in filtered


@pytest.mark.parametrize("name", HOUSEHOLD_LISTS)
def test_an_htmx_request_gets_the_rows_alone(client, crowd, login, name):
    login(crowd.world.jy_admin)
    rows = client.get(reverse(name, args=[crowd.project.pk]), {"q": "王芳"}, headers={"HX-Request": "true"})
    content = rows.content.decode()
    assert "<html" not in content and 'id="rows"' not in content and "DG0010" in content and "共 1 户" in content


@pytest.mark.parametrize("name", HOUSEHOLD_LISTS)
def test_the_number_of_queries_does_not_grow_with_the_households(client, renewal, login, name):
    login(renewal.world.jy_admin)
    url = reverse(name, args=[renewal.project.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"q": "张三"})
    add_crowd(renewal)
    with CaptureQueriesContext(connection) as many:
        content = client.get(url, {"q": "张三"}).content.decode()
    assert "共 3 户" in content
    with CaptureQueriesContext(connection) as full_page:
        content = client.get(url).content.decode()
    assert "共 28 户" in content
    assert len(many) == len(few) and len(full_page) <= len(few)


# --- the not-yet-done chips --------------------------------------------------------------------------------


def measured_courtyard(renewal, no: str, number: str = "CL-001"):
    site = site_create(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        kind=Site.Kind.COURTYARD,
        number=number,
        community=renewal.entry(no).community,
        owners=[renewal.entry(no)],
    )
    measurements.measurement_record(
        actor=renewal.world.jy_admin,
        site=site,
        measured_on=date(2020, 5, 20),
        measurers=[renewal.world.jy_worker, renewal.jy_group_leader],
        buildings=[{"structure": "砖混", "floor_area": D("80")}],
        site_area=D("100"),
    )
    return site


def test_households_without_a_measured_courtyard_are_one_click_away(client, renewal, login):
    measured_courtyard(renewal, "JY001")
    site_create(  # registered, not yet measured: the household still counts as without
        actor=renewal.world.jy_admin,
        project=renewal.project,
        kind=Site.Kind.COURTYARD,
        number="DG-001",
        community=renewal.dongguan,
        owners=[renewal.entry("JY101")],
    )
    login(renewal.world.jy_admin)
    everything = page(client, "renewal:household_list", renewal)
    assert "院落未测量" in everything and 'courtyard=unmeasured"' in everything
    todo = page(client, "renewal:household_list", renewal, courtyard="unmeasured")
    assert "JY101" in todo and "JY102" in todo and "JY001" not in todo and 'aria-pressed="true"' in todo
    done = page(client, "renewal:household_list", renewal, courtyard="measured")
    assert "JY001" in done and "JY101" not in done
    assert "?courtyard=unmeasured" in page(client, "renewal:site_list", renewal)  # from the ledger too


def test_persons_still_pending_are_one_click_away(client, renewal, login):
    entry = renewal.entry("JY101")
    person = entry.household.members.order_by("id").first()
    determination_record(actor=renewal.world.jy_admin, entry=entry, person=person, registered_on=None)
    login(renewal.world.jy_admin)
    content = page(client, "renewal:determination_list", renewal)
    assert "仍有待定人员" in content and "1 户 1 人" in content and "未界定" in content and "2 户" in content
    pending = page(client, "renewal:determination_list", renewal, status="部分待定")
    assert "JY101" in pending and "JY102" not in pending and "JY001" not in pending


# --- 测量台账 ----------------------------------------------------------------------------------------------


def courtyards(renewal, numbers, prefix="DG"):
    for i, no in enumerate(numbers):
        measured_courtyard(renewal, no, number=f"{prefix}-{i:03}")


@pytest.mark.parametrize(
    "query, found, not_found",
    [
        ("DG-00", "DG-001", "DG-010"),  # the site's number
        ("DG0003", "DG-002", "DG-003"),  # its owner's 户编号
        ("王芳", "DG-009", "DG-010"),  # its owner's name
        ("印刷", "F-1", "DG-000"),  # the enterprise
    ],
)
def test_the_measurement_ledger_searches_numbers_owners_and_enterprises(
    client, renewal, login, query, found, not_found
):
    courtyards(renewal, add_crowd(renewal, 12))
    site_create(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        kind=Site.Kind.FACTORY,
        number="F-1",
        community=renewal.dongguan,
        enterprise="东关印刷厂",
    )
    login(renewal.world.jy_admin)
    content = page(client, "renewal:site_list", renewal, q=query)
    assert found in content and not_found not in content


def test_the_measurement_ledger_filters_pages_and_jumps(client, renewal, login):
    courtyards(renewal, add_crowd(renewal, 22))
    measured_courtyard(renewal, "JY001")
    login(renewal.world.jy_admin)
    assert "DG-000" not in page(client, "renewal:site_list", renewal, community=renewal.world.chengli.pk)
    assert "CL-001" not in page(client, "renewal:site_list", renewal, group=renewal.second_group.pk)
    first = page(client, "renewal:site_list", renewal)
    assert "第 1 / 2 页" in first and "CL-001" in first and "DG-018" in first and "DG-019" not in first
    second = page(client, "renewal:site_list", renewal, page=2)
    assert "DG-019" in second and "DG-021" in second and "DG-018" not in second


def test_the_measurement_ledger_runs_as_many_queries_for_two_sites_as_for_a_page(client, renewal, login):
    courtyards(renewal, add_crowd(renewal, 2))
    login(renewal.world.jy_admin)
    url = reverse("renewal:site_list", args=[renewal.project.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    courtyards(renewal, add_crowd(renewal, 22, prefix="DH", people_from=100), prefix="DH")
    with CaptureQueriesContext(connection) as many:
        content = client.get(url).content.decode()
    assert "共 24 处" in content and len(many) == len(few)


def test_the_project_home_links_to_what_is_not_yet_done(client, renewal, login):
    measured_courtyard(renewal, "JY001")
    entry = renewal.entry("JY101")
    determination_record(
        actor=renewal.world.jy_admin,
        entry=entry,
        person=entry.household.members.order_by("id").first(),
        registered_on=None,
    )
    login(renewal.world.jy_admin)
    content = client.get(reverse("renewal:project_detail", args=[renewal.project.pk])).content.decode()
    todo = content[content.index('id="project-todo"') :]
    assert "?courtyard=unmeasured" in todo and '院落未测量 <span class="badge text-bg-secondary">2 户' in todo
    assert "仍有待定人员" in todo and "1 户 1 人" in todo and "未界定" in todo


# --- 控违拆违 ----------------------------------------------------------------------------------------------


def violations_of(renewal, numbers):
    from tests.renewal.test_violations_services import report

    for i, no in enumerate(numbers):
        report(
            renewal,
            entry=renewal.entry(no),
            location=f"东关居后街{i + 1}号院内",
            found_on=date(2020, 6, 2) + timedelta(days=i),
        )


def test_the_violations_list_searches_filters_and_jumps(client, renewal, login):
    violations_of(renewal, add_crowd(renewal, 22))
    violations_of(renewal, ["JY001"])
    login(renewal.world.jy_admin)
    assert "后街7号院内" in page(client, "renewal:violation_list", renewal, q="后街7号")
    found = page(client, "renewal:violation_list", renewal, q="王芳")  # the household's head
    assert "后街10号院内" in found and "共 1 处" in found
    assert "共 1 处" in page(client, "renewal:violation_list", renewal, group=renewal.first_group.pk)
    first = page(client, "renewal:violation_list", renewal)
    assert "第 1 / 2 页" in first and "共 23 处" in first
    second = page(client, "renewal:violation_list", renewal, page=2, community=renewal.dongguan.pk)
    assert "第 2 / 2 页" in second and "后街1号院内" in second  # the oldest last
    assert f'<input type="hidden" name="community" value="{renewal.dongguan.pk}">' in second


def test_the_violations_list_runs_as_many_queries_for_two_as_for_a_page(client, renewal, login):
    violations_of(renewal, add_crowd(renewal, 2))
    login(renewal.world.jy_admin)
    url = reverse("renewal:violation_list", args=[renewal.project.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    violations_of(renewal, add_crowd(renewal, 22, prefix="DH", people_from=100))
    with CaptureQueriesContext(connection) as many:
        assert "共 24 处" in client.get(url).content.decode()
    assert len(many) == len(few)


# --- 比对任务 ------------------------------------------------------------------------------------------------


def test_the_cross_check_tasks_are_searched_filtered_and_paged(client, renewal, login):
    from tests.renewal.test_crosschecks_views import stored_run

    run = stored_run(renewal, extra_rows=30)  # 30 persons the ledger does not have: 台账未登记
    url = reverse("renewal:crosscheck_run", args=[run.pk])
    login(renewal.world.jy_admin)
    found = client.get(url, {"q": "外来7"}).content.decode()
    assert "外来7" in found and "外来8" not in found and "共 1 个任务" in found
    assert "外来7" in client.get(url, {"q": make_id(207)[-4:]}).content.decode()
    assert "外来7" in client.get(url, {"q": make_id(207)}).content.decode()
    first = client.get(url).content.decode()
    assert "第 1 / 2 页" in first and 'id="page-jump"' in first
    assert "第 2 / 2 页" in client.get(url, {"page": 2}).content.decode()
    login(renewal.world.leader)  # sees ID numbers masked: the whole number finds nothing
    assert "共 0 个任务" in client.get(url, {"q": make_id(207)}).content.decode()


def test_the_cross_check_tasks_run_as_many_queries_for_a_few_as_for_a_page(client, renewal, login):
    from tests.renewal.test_crosschecks_views import stored_run

    login(renewal.world.jy_admin)
    few_url = reverse("renewal:crosscheck_run", args=[stored_run(renewal).pk])
    client.get(few_url)
    with CaptureQueriesContext(connection) as few:
        client.get(few_url)
    many_url = reverse("renewal:crosscheck_run", args=[stored_run(renewal, extra_rows=40).pk])
    client.get(many_url)
    with CaptureQueriesContext(connection) as many:
        assert "第 1 / 3 页" in client.get(many_url).content.decode()
    assert len(many) == len(few)
