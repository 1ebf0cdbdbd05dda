"""The measurement pages: the ledger (filters, a group leader's default, no N+1, Excel), the phone form, the site
page with its history, voiding, the scoped images, the import page."""

import io
from datetime import date
from decimal import Decimal as D

from django.urls import reverse
from openpyxl import load_workbook

from taizhang.renewal import measurements
from taizhang.renewal.models import Measurement, Site
from taizhang.renewal.sites import site_create
from tests.conftest import PASSWORD
from tests.renewal.scoping_measurements import jpeg


def login(client, username):
    assert client.login(username=username, password=PASSWORD)


def sites(renewal, count=1):
    made = []
    for i in range(count):
        site = site_create(
            actor=renewal.world.jy_admin,
            project=renewal.project,
            kind=Site.Kind.COURTYARD,
            number=f"CL-{i:03}",
            community=renewal.world.chengli,
            owners=[renewal.entry("JY001")],
        )
        measurements.measurement_record(
            actor=renewal.world.jy_admin,
            site=site,
            measured_on=date(2020, 5, 20),
            measurers=[renewal.jy_group_leader, renewal.world.jy_worker],
            buildings=[{"structure": "砖混", "floor_area": D("0" if i == 0 else "90")}],
            site_area=D("100"),
        )
        made.append(site)
    return made


def test_the_ledger_lists_sites_without_n_plus_one(client, renewal, django_assert_max_num_queries):
    sites(renewal, 12)
    login(client, "jy_admin")
    url = reverse("renewal:site_list", args=[renewal.project.pk])
    with django_assert_max_num_queries(20):
        response = client.get(url)
    content = response.content.decode()
    assert response.status_code == 200 and "CL-011" in content and "待复测" in content and "吴工作、陈组长" in content
    assert content.count(">待复测<") == 1


def test_the_ledger_filters_through_the_get_form(client, renewal):
    sites(renewal, 3)
    site_create(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        kind=Site.Kind.FACTORY,
        number="F-1",
        community=renewal.dongguan,
        enterprise="东关印刷厂",
    )
    login(client, "jy_admin")
    url = reverse("renewal:site_list", args=[renewal.project.pk])
    assert "CL-001" not in client.get(url, {"flagged": "on"}).content.decode()
    assert "CL-000" in client.get(url, {"flagged": "on"}).content.decode()
    unmeasured = client.get(url, {"measured": "no"}).content.decode()
    assert "F-1" in unmeasured and "CL-000" not in unmeasured
    assert "CL-000" not in client.get(url, {"kind": "factory"}).content.decode()
    assert "F-1" not in client.get(url, {"community": renewal.world.chengli.pk}).content.decode()


def test_a_group_leaders_ledger_opens_on_their_group(client, renewal):
    sites(renewal, 1)
    site_create(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        kind=Site.Kind.FACTORY,
        number="F-1",
        community=renewal.dongguan,
        enterprise="东关印刷厂",
    )
    renewal.first_group.members.add(renewal.world.jy_admin)
    login(client, "jy_admin")
    url = reverse("renewal:site_list", args=[renewal.project.pk])
    content = client.get(url).content.decode()
    assert "CL-000" in content and "F-1" not in content and "第一工作组" in content
    assert "F-1" in client.get(url, {"group": ""}).content.decode()  # 全部工作组


def test_the_excel_download_opens_with_openpyxl(client, renewal):
    sites(renewal, 2)
    login(client, "jy_admin")
    response = client.get(reverse("renewal:site_list", args=[renewal.project.pk]), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert list(rows[0]) == [
        "户编号",
        "户主",
        "编号",
        "村居",
        "类型",
        "结构",
        "建筑面积",
        "占地面积",
        "测量日期",
        "测量人",
        "异常",
    ]
    assert rows[1][0] == "JY001" and rows[1][2] == "CL-000" and rows[1][5] == "砖混" and rows[1][9] == "吴工作、陈组长"
    assert "待复测" in rows[1][10] and rows[2][10] in (None, "")


def _form(renewal, **extra):
    data = {
        "measured_on": "2020-05-21",
        "measurer_1": renewal.jy_group_leader.pk,
        "measurer_2": renewal.world.jy_worker.pk,
        "site_area": "150",
        "note": "",
        "b-TOTAL_FORMS": "2",
        "b-INITIAL_FORMS": "0",
        "b-MIN_NUM_FORMS": "1",
        "b-MAX_NUM_FORMS": "50",
        "b-0-label": "主房",
        "b-0-structure": "砖混",
        "b-0-floors": "2",
        "b-0-use": "住宅",
        "b-0-certificate": "有证",
        "b-0-floor_area": "160.25",
        "b-1-label": "偏房",
        "b-1-structure": "简易",
        "b-1-floors": "1",
        "b-1-use": "住宅",
        "b-1-certificate": "无证",
        "b-1-built_on": "2020-07-01",
        "b-1-floor_area": "12",
        "a-TOTAL_FORMS": "1",
        "a-INITIAL_FORMS": "0",
        "a-MIN_NUM_FORMS": "0",
        "a-MAX_NUM_FORMS": "50",
        "a-0-kind": "围墙",
        "a-0-quantity": "18.5",
        "a-0-measure_unit": "米",
    }
    data.update(extra)
    return data


def test_the_phone_form_posts_with_a_photo(client, renewal):
    renewal.first_group.members.add(renewal.world.jy_worker)
    site = site_create(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        kind=Site.Kind.COURTYARD,
        number="CL-100",
        community=renewal.world.chengli,
        owners=[renewal.entry("JY001")],
    )
    login(client, "jy_group")
    url = reverse("renewal:measurement_new", args=[site.pk])
    page = client.get(url).content.decode()
    assert 'capture="environment"' in page and 'accept="image/*"' in page and "multiple" in page
    response = client.post(url, _form(renewal, photos=[jpeg("a.jpg"), jpeg("b.jpg")], owner_confirmation=jpeg("c.jpg")))
    assert response.status_code == 302, response.content.decode()[:3000]
    m = Measurement.objects.get(site=site)
    assert m.floor_area == D("172.25") and m.photos.count() == 2 and m.owner_confirmation
    assert m.flag_list == ["偏房：冻结日后（2020-07-01）新建、扩建，不予补偿"] and m.attachments.get().kind == "围墙"
    detail = client.get(reverse("renewal:site_detail", args=[site.pk])).content.decode()
    assert "172.25 m²" in detail and "冻结日后" in detail
    photo = m.photos.first()
    assert client.get(reverse("renewal:measurement_photo", args=[photo.pk])).status_code == 200
    assert client.get(reverse("renewal:measurement_confirmation", args=[m.pk])).status_code == 200
    assert client.get(reverse("renewal:measurement_sketch", args=[m.pk])).status_code == 404  # none uploaded


def test_the_form_shows_the_services_refusal(client, renewal):
    renewal.first_group.members.add(renewal.world.jy_worker)
    site = site_create(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        kind=Site.Kind.COURTYARD,
        number="CL-100",
        community=renewal.world.chengli,
        owners=[renewal.entry("JY001")],
    )
    login(client, "jy_group")
    response = client.post(reverse("renewal:measurement_new", args=[site.pk]), _form(renewal, measured_on="2019-01-01"))
    assert response.status_code == 200 and "不能早于项目启动日期" in response.content.decode()
    response = client.post(
        reverse("renewal:measurement_new", args=[site.pk]), _form(renewal, measurer_2=renewal.jy_group_leader.pk)
    )
    assert "两名不同" in response.content.decode() and not Measurement.objects.exists()


def test_a_site_is_registered_with_its_owners(client, renewal):
    login(client, "jy_group")
    response = client.post(
        reverse("renewal:site_new", args=[renewal.project.pk]),
        {
            "kind": "courtyard",
            "number": "CL-200",
            "community": renewal.world.chengli.pk,
            "owners": "JY001",
            "land_type": "国有",
        },
    )
    site = Site.objects.get(number="CL-200")
    assert response.status_code == 302 and list(site.owners.values_list("household__household_no", flat=True)) == [
        "JY001"
    ]
    response = client.post(
        reverse("renewal:site_new", args=[renewal.project.pk]),
        {"kind": "courtyard", "number": "CL-201", "community": renewal.world.chengli.pk, "owners": "JY999"},
    )
    assert "JY999不在本项目征收范围内" in response.content.decode()


def test_a_measurement_is_voided_with_a_reason(client, renewal):
    [site] = sites(renewal, 1)
    m = site.measurements.get()
    login(client, "jy_admin")
    response = client.post(reverse("renewal:measurement_void", args=[m.pk]), {"reason": "量错了"})
    assert response.status_code == 302
    m.refresh_from_db()
    site.refresh_from_db()
    assert m.is_voided and site.measured_on is None
    assert "已作废" in client.get(reverse("renewal:measurement_detail", args=[m.pk])).content.decode()


def test_a_worker_of_another_community_cannot_see_the_site(client, renewal):
    site = site_create(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        kind=Site.Kind.FACTORY,
        number="F-1",
        community=renewal.dongguan,
        enterprise="东关印刷厂",
    )
    login(client, "jy_worker")
    assert client.get(reverse("renewal:site_detail", args=[site.pk])).status_code == 404
    assert client.get(reverse("renewal:measurement_new", args=[site.pk])).status_code == 404


def _measure_page(client, renewal, username):
    site = sites(renewal)[0]
    login(client, username)
    response = client.get(reverse("renewal:measurement_new", args=[site.pk]))
    form = response.context["form"]
    return form, [u.username for u in form.fields["measurer_1"].queryset]


def test_a_measurers_form_is_preselected_and_lists_only_their_groups_staff(client, renewal):
    renewal.first_group.members.add(renewal.world.jy_worker)
    form, listed = _measure_page(client, renewal, "jy_group")
    assert form["measurer_1"].value() == renewal.jy_group_leader.pk
    assert sorted(listed) == ["jy_group", "jy_worker"]  # not the admin, not the population group's staff
    assert [u.username for u in form.fields["measurer_2"].queryset] == listed


def test_a_member_sees_themselves_preselected(client, renewal):
    renewal.first_group.members.add(renewal.world.jy_worker)
    form, listed = _measure_page(client, renewal, "jy_worker")
    assert form["measurer_1"].value() == renewal.world.jy_worker.pk and "jy_group" in listed


def test_a_measurer_cannot_name_someone_outside_their_group(client, renewal):
    site = sites(renewal)[0]
    before = Measurement.objects.filter(site=site).count()
    login(client, "jy_group")  # 吴工作 is not in 第一工作组 here
    response = client.post(reverse("renewal:measurement_new", args=[site.pk]), _form(renewal))
    assert response.status_code == 200 and Measurement.objects.filter(site=site).count() == before
    assert "measurer_2" in response.context["form"].errors


def test_the_unit_admin_outside_every_group_chooses_among_the_units_field_staff(client, renewal):
    form, listed = _measure_page(client, renewal, "jy_admin")
    assert form["measurer_1"].value() == renewal.world.jy_admin.pk
    assert {"jy_admin", "jy_group", "jy_worker", "jy_pop"} <= set(listed)
