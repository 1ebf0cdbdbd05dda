"""The determination pages: the list with its filters and Excel, the household page recording a person."""

from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from taizhang.registry.models import Person
from taizhang.renewal import rules
from taizhang.renewal.determinations import determination_record
from taizhang.renewal.models import Determination
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, user):
    client.login(username=user.username, password=PASSWORD)


def members(renewal, no):
    return list(Person.objects.filter(household=renewal.entry(no).household).order_by("id"))


def determine(renewal, no, registered_on=date(2010, 1, 1)):
    entry = renewal.entry(no)
    for person in members(renewal, no):
        determination_record(
            actor=renewal.world.jy_admin,
            entry=entry,
            person=person,
            registered_on=registered_on,
            decided_on=date(2020, 7, 1),
        )


def test_the_list_shows_each_households_counts_and_status(client, renewal):
    determine(renewal, "JY101")
    determination_record(
        actor=renewal.world.jy_admin,
        entry=renewal.entry("JY102"),
        person=members(renewal, "JY102")[0],
        registered_on=None,
        decided_on=date(2020, 7, 1),
    )
    login(client, renewal.world.jy_admin)
    response = client.get(reverse("renewal:determination_list", args=[renewal.project.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "已界定" in content and "部分待定" in content and "未界定" in content
    assert "JY001" in content and "JY101" in content


def test_the_list_filters_by_status_community_and_group(client, renewal):
    determine(renewal, "JY101")
    login(client, renewal.world.jy_admin)
    url = reverse("renewal:determination_list", args=[renewal.project.pk])
    content = client.get(url, {"status": "已界定"}).content.decode()
    assert "JY101" in content and "JY001" not in content
    content = client.get(url, {"community": renewal.world.chengli.pk}).content.decode()
    assert "JY001" in content and "JY101" not in content
    content = client.get(url, {"group": renewal.second_group.pk}).content.decode()
    assert "JY101" in content and "JY001" not in content
    assert client.get(url, {"status": "乱写", "community": "x"}).status_code == 200  # a bad filter shows everything


def test_the_list_stays_within_a_fixed_number_of_queries(client, renewal, django_assert_max_num_queries):
    determine(renewal, "JY101")
    determine(renewal, "JY102")
    login(client, renewal.world.jy_admin)
    url = reverse("renewal:determination_list", args=[renewal.project.pk])
    client.get(url)
    with django_assert_max_num_queries(17):
        assert client.get(url).status_code == 200


def test_the_list_downloads_as_excel(client, renewal):
    determine(renewal, "JY101")
    login(client, renewal.world.jy_admin)
    response = client.get(reverse("renewal:determination_list", args=[renewal.project.pk]), {"format": "xlsx"})
    sheet = load_workbook(__import__("io").BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "户编号" and len(rows) == 4
    jy101 = next(r for r in rows if r[0] == "JY101")
    assert jy101[5:9] == (3, 0, 0, "已界定")


def test_a_field_worker_sees_only_their_community(client, renewal):
    login(client, renewal.world.jy_worker)
    content = client.get(reverse("renewal:determination_list", args=[renewal.project.pk])).content.decode()
    assert "JY001" in content and "JY101" not in content
    assert client.get(reverse("renewal:determination_household", args=[renewal.entry("JY101").pk])).status_code == 404


def test_recording_a_person_on_the_household_page(client, renewal):
    entry = renewal.entry("JY001")
    person = members(renewal, "JY001")[0]
    login(client, renewal.jy_population_worker)
    url = reverse("renewal:determination_household", args=[entry.pk])
    assert "按规则界定" in client.get(url).content.decode()
    prefix = f"p{person.pk}"
    response = client.post(
        url,
        {
            "action": "record",
            "person": person.pk,
            f"{prefix}-registered_on": "2020-06-02",
            f"{prefix}-resident": "on",
            f"{prefix}-decided_on": "2020-07-01",
        },
        follow=True,
    )
    assert response.status_code == 200
    determination = Determination.objects.get(person=person, is_current=True)
    assert determination.verdict == rules.NOT_COUNTED and determination.decided_by == renewal.jy_population_worker
    assert "冻结日后" in response.content.decode()


def test_a_refused_record_shows_the_reason(client, renewal):
    entry = renewal.entry("JY001")
    person = members(renewal, "JY001")[0]
    login(client, renewal.world.jy_admin)
    url = reverse("renewal:determination_household", args=[entry.pk])
    prefix = f"p{person.pk}"
    response = client.post(
        url,
        {
            "action": "record",
            "person": person.pk,
            f"{prefix}-registered_on": "2010-01-01",
            f"{prefix}-left_for": "college",
        },
        follow=True,
    )
    assert "请同时填写迁出日期" in response.content.decode()
    assert not Determination.objects.exists()


def test_the_household_page_shows_history_and_an_override(client, renewal):
    entry = renewal.entry("JY001")
    person = members(renewal, "JY001")[0]
    determination_record(
        actor=renewal.world.jy_admin, entry=entry, person=person, registered_on=None, decided_on=date(2020, 7, 1)
    )
    login(client, renewal.world.jy_admin)
    url = reverse("renewal:determination_household", args=[entry.pk])
    prefix = f"o{person.pk}"
    response = client.post(
        url,
        {
            "action": "override",
            "person": person.pk,
            f"{prefix}-verdict": "认定",
            f"{prefix}-reason": "派出所证明冻结前已落户",
        },
        follow=True,
    )
    content = response.content.decode()
    assert "人工界定" in content and "历次界定（1）" in content and "派出所证明冻结前已落户" in content


def test_a_group_leader_cannot_override(client, renewal):
    entry = renewal.entry("JY001")
    person = members(renewal, "JY001")[0]
    login(client, renewal.jy_group_leader)
    url = reverse("renewal:determination_household", args=[entry.pk])
    assert "人工界定（单位管理员" not in client.get(url).content.decode()
    response = client.post(
        url, {"action": "override", "person": person.pk, f"o{person.pk}-verdict": "认定", f"o{person.pk}-reason": "x"}
    )
    assert response.status_code == 403


def test_a_read_only_leader_sees_the_page_without_forms(client, renewal):
    login(client, renewal.world.leader)
    content = client.get(reverse("renewal:determination_household", args=[renewal.entry("JY001").pk])).content.decode()
    assert "按规则界定" not in content and "张三" in content


def test_the_household_page_stays_within_a_fixed_number_of_queries(client, renewal, django_assert_max_num_queries):
    determine(renewal, "JY101")
    determine(renewal, "JY101", registered_on=None)
    login(client, renewal.world.jy_admin)
    url = reverse("renewal:determination_household", args=[renewal.entry("JY101").pk])
    client.get(url)
    # 14: the police facts of the latest cross-check take one query, whatever the number of members
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200
