"""The project pages: list and creation, overview, households, settings, groups, the freeze notice and its PDF."""

import re
from datetime import date

import pytest

from taizhang.renewal.models import FreezeNotice, Project, ProjectHousehold
from taizhang.renewal.projects import freeze_notice_save


def test_the_unit_admin_creates_a_project_from_the_list_page(client, login, seeded):
    login("jy_admin")
    response = client.post(
        "/renewal/",
        {
            "name": "老城区棚改",
            "communities": [seeded.chengli.pk],
            "start_date": "2020-05-01",
            "freeze_date": "2020-06-01",
            "publicity_days": 7,
        },
    )
    project = Project.objects.get(name="老城区棚改")
    assert response.status_code == 302 and response.url == f"/renewal/projects/{project.pk}/"
    page = client.get(response.url).content.decode()
    assert "人口界定工作组" in page and "2020-06-01" in page


def test_a_freeze_date_before_the_start_is_shown_on_the_form(client, login, seeded):
    login("jy_admin")
    response = client.post(
        "/renewal/",
        {
            "name": "老城区",
            "communities": [seeded.chengli.pk],
            "start_date": "2020-05-01",
            "freeze_date": "2020-04-01",
            "publicity_days": 7,
        },
    )
    assert response.status_code == 200 and "不能早于项目启动日期" in response.content.decode()


def test_a_field_worker_sees_the_list_without_the_creation_form(login, renewal):
    page = login("jy_worker").get("/renewal/").content.decode()
    assert "老城区棚改" in page and "建立征收项目" not in page


def test_the_households_page_lists_the_red_line_and_opens_on_the_leaders_group(
    client, login, renewal, django_assert_max_num_queries
):
    login("jy_group")
    with django_assert_max_num_queries(20):
        page = client.get(f"/renewal/projects/{renewal.project.pk}/households/").content.decode()
    assert "JY001" in page  # 城里居, 第一工作组
    assert "JY101" not in page  # 东关居 is outside the leader's scope


def test_the_admin_filters_households_by_community(client, login, renewal):
    login("jy_admin")
    page = client.get(
        f"/renewal/projects/{renewal.project.pk}/households/", {"community": renewal.dongguan.pk}
    ).content.decode()
    assert "JY101" in page and "JY102" in page and "JY001" not in page


def test_the_admin_adds_one_household(client, login, renewal):
    login("jy_admin")
    ProjectHousehold.objects.filter(household__household_no="JY102").delete()
    response = client.post(
        f"/renewal/projects/{renewal.project.pk}/households/", {"action": "add", "household_no": "JY102"}
    )
    assert response.status_code == 302
    assert ProjectHousehold.objects.get(household__household_no="JY102").group == renewal.second_group


def test_a_worker_cannot_open_the_settings(login, renewal):
    assert login("jy_worker").get(f"/renewal/projects/{renewal.project.pk}/settings/").status_code == 403


def test_the_admin_changes_the_determination_rules(client, login, renewal):
    login("jy_admin")
    response = client.post(
        f"/renewal/projects/{renewal.project.pk}/settings/",
        {
            "name": "老城区棚改",
            "start_date": "2020-05-01",
            "freeze_date": "2020-06-01",
            "publicity_days": 10,
            "special_cases": ["college"],
            "newborn_cutoff": "2020-12-31",
            "marriage_cutoff": "",
            "reason": "",
        },
    )
    assert response.status_code == 302
    renewal.project.refresh_from_db()
    assert renewal.project.special_case_keys == {"college"} and renewal.project.publicity_days == 10


def test_the_admin_edits_a_group(client, login, renewal):
    login("jy_admin")
    url = f"/renewal/projects/{renewal.project.pk}/groups/{renewal.first_group.pk}/"
    assert "第一工作组" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "name": "第一工作组",
            "kind": "regional",
            "communities": [renewal.world.chengli.pk],
            "blocks": "正安街以东",
            "leader": renewal.jy_group_leader.pk,
            "members": [renewal.world.jy_worker.pk],
        },
    )
    assert response.status_code == 302
    renewal.first_group.refresh_from_db()
    assert renewal.first_group.blocks == "正安街以东"


def test_a_group_of_another_project_is_a_404(client, login, renewal):
    from tests.renewal.conftest import xinshi_project

    other = xinshi_project(renewal.world).groups.first()
    login("jy_admin")
    assert client.get(f"/renewal/projects/{renewal.project.pk}/groups/{other.pk}/").status_code == 404


def test_the_freeze_notice_is_drafted_then_printed_one_page_per_community(client, login, renewal):
    login("jy_admin")
    url = f"/renewal/projects/{renewal.project.pk}/freeze-notice/"
    page = client.get(url).content.decode()
    assert "2020年06月01日 起" in page and "不予认定和补偿" in page  # the drafted text
    assert client.get(url + "../freeze-notice.pdf").status_code == 404  # not issued yet
    response = client.post(
        url, {"issued_on": "2020-05-25", "scope": "城里居、东关居红线内", "text": "自2020年6月1日起冻结。"}
    )
    assert response.status_code == 302 and FreezeNotice.objects.filter(project=renewal.project).exists()
    pdf = client.get(f"/renewal/projects/{renewal.project.pk}/freeze-notice.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


@pytest.fixture
def issued(renewal):
    freeze_notice_save(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        issued_on=date(2020, 5, 25),
        scope="城里居、东关居红线内",
        text="自2020年6月1日起冻结。",
    )
    return renewal


def test_the_notice_pdf_has_a_page_for_each_community(client, login, issued, tmp_path):
    import subprocess

    login("jy_worker")
    pdf = client.get(f"/renewal/projects/{issued.project.pk}/freeze-notice.pdf").content
    (tmp_path / "n.pdf").write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(tmp_path / "n.pdf")], capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+2$", info, re.M)
    text = subprocess.run(["pdftotext", str(tmp_path / "n.pdf"), "-"], capture_output=True, text=True).stdout
    assert "张贴地点：城里居" in text and "张贴地点：东关居" in text and "冻结公告" in text


def test_an_upload_over_the_size_limit_is_refused_before_it_is_read(client, login, renewal, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.IMPORT_MAX_BYTES = 1024 * 1024
    login("jy_admin")
    big = SimpleUploadedFile("红线.csv", "户编号\n".encode() + b"JY001\n" * 200_000)
    response = client.post("/imports/upload/?ledger=renewal.households", {"file": big})
    assert "文件过大（超过 1 MB），请拆分后分批导入" in response.content.decode()


def test_a_refusal_is_a_chinese_page_with_the_reason(client, login, renewal):
    response = login("jy_worker").get(f"/renewal/projects/{renewal.project.pk}/settings/")
    assert response.status_code == 403 and "只有本单位管理员可以办理" in response.content.decode()
    response = client.get("/renewal/projects/999999/")
    assert response.status_code == 404 and "没有找到该页面或记录" in response.content.decode()
