"""The police extract's facts on the determination form: the latest standing run's moved-in date pre-fills an empty
迁入日期 with its source shown, its 户籍状态 is shown, and the saved determination says whether the date is the
extract's."""

from datetime import date

import pytest
from django.urls import reverse

from taizhang.registry.models import Person
from taizhang.renewal import crosschecks, selectors
from taizhang.renewal.determinations import determination_record
from taizhang.renewal.models import Determination, PoliceFact
from tests.conftest import PASSWORD
from tests.renewal.test_crosschecks_services import police_world, run

pytestmark = pytest.mark.django_db


def person(no: str, name: str) -> Person:
    return Person.objects.exclude(relation="其他").get(household__household_no=no, name=name)


def test_a_run_keeps_the_extracts_facts_of_each_person_it_lists(renewal):
    done = run(renewal, police_world(renewal))
    zhang = person("JY101", "张三")
    fact = PoliceFact.objects.get(run=done, person=zhang)
    assert (fact.moved_in_on, fact.status, fact.row) == (date(2020, 7, 1), "正常", 4)
    assert not PoliceFact.objects.filter(person__household__household_no="JY102", person__name="张三").exists()
    shown = selectors.police_facts(renewal.project, [zhang.pk])[zhang.pk]
    assert shown.source.startswith("来自公安比对 ") and "第1次比对（第4行）" in shown.source and not shown.left
    li = person("JY101", "李梅")
    assert selectors.police_facts(renewal.project, [li.pk])[li.pk].left  # 死亡


def test_a_withdrawn_run_offers_nothing(renewal):
    done = run(renewal, police_world(renewal))
    crosschecks.crosscheck_withdraw(actor=renewal.world.jy_admin, run=done, reason="传错文件")
    assert selectors.police_facts(renewal.project, [person("JY101", "张三").pk]) == {}


def test_the_determination_records_whether_its_date_is_the_extracts(renewal):
    done = run(renewal, police_world(renewal))
    entry, zhang, li = renewal.entry("JY101"), person("JY101", "张三"), person("JY101", "李梅")
    admin = renewal.world.jy_admin
    kept = determination_record(actor=admin, entry=entry, person=zhang, registered_on=date(2020, 7, 1))
    assert kept.registered_on_from_police and kept.police_run == done and kept.police_status == "正常"
    changed = determination_record(actor=admin, entry=entry, person=li, registered_on=date(2001, 3, 1))
    assert not changed.registered_on_from_police and changed.police_run == done and changed.police_status == "死亡"


def test_without_a_cross_check_nothing_is_claimed(renewal):
    entry = renewal.entry("JY101")
    d = determination_record(
        actor=renewal.world.jy_admin, entry=entry, person=person("JY101", "张三"), registered_on=date(2010, 1, 1)
    )
    assert d.police_run is None and not d.registered_on_from_police and d.police_status == ""


def test_the_form_is_prefilled_with_the_source_and_the_saved_value_says_where_it_came_from(client, renewal):
    run(renewal, police_world(renewal))
    entry, zhang, li = renewal.entry("JY101"), person("JY101", "张三"), person("JY101", "李梅")
    assert client.login(username="jy_pop", password=PASSWORD)
    url = reverse("renewal:determination_household", args=[entry.pk])
    page = client.get(url).content.decode()
    assert f'name="p{zhang.pk}-registered_on" value="2020-07-01"' in page
    assert "第1次比对（第4行）" in page and "迁入日期已按公安数据预填" in page
    assert "公安户籍状态为“死亡”：请核实并填写迁出/注销日期" in page
    response = client.post(
        url,
        {
            "action": "record",
            "person": zhang.pk,
            f"p{zhang.pk}-registered_on": "2020-07-01",
            f"p{zhang.pk}-resident": "on",
        },
        follow=True,
    )
    assert response.status_code == 200
    saved = Determination.objects.get(person=zhang, is_current=True)
    assert saved.registered_on_from_police and saved.verdict == "不认定"
    assert 'class="badge text-bg-info from-police"' not in response.content.decode()  # the current one is not history
    # the user changes the pre-filled date: recorded as typed, not the extract's
    client.post(
        url,
        {
            "action": "record",
            "person": li.pk,
            f"p{li.pk}-registered_on": "2001-03-01",
            f"p{li.pk}-left_on": "2020-01-05",
        },
    )
    saved = Determination.objects.get(person=li, is_current=True)
    assert not saved.registered_on_from_police and saved.police_status == "死亡"


def test_a_date_already_judged_on_is_kept_and_a_difference_flagged(client, renewal):
    entry, zhang = renewal.entry("JY101"), person("JY101", "张三")
    determination_record(actor=renewal.world.jy_admin, entry=entry, person=zhang, registered_on=date(2010, 1, 1))
    run(renewal, police_world(renewal))
    assert client.login(username="jy_pop", password=PASSWORD)
    page = client.get(reverse("renewal:determination_household", args=[entry.pk])).content.decode()
    assert f'name="p{zhang.pk}-registered_on" value="2010-01-01"' in page
    assert "当前界定所用迁入日期（2010-01-01）与公安数据不同，请核对" in page
