"""The publicity pages: the list with the create form, the posted list with objections, the PDF, answering."""

import subprocess
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from taizhang.renewal import publicity
from taizhang.renewal.models import Objection, Publicity
from tests.conftest import PASSWORD
from tests.renewal.test_publicity_services import courtyard, determine_all

pytestmark = pytest.mark.django_db


def login(client, user):
    client.login(username=user.username, password=PASSWORD)


@pytest.fixture
def ready(renewal):
    jy101, jy102 = renewal.entry("JY101"), renewal.entry("JY102")
    courtyard(renewal, "DG-01", [jy101], "120.50", "200.00")
    courtyard(renewal, "DG-02", [jy101, jy102], "30.25", "40.00")
    determine_all(renewal, jy101)
    return renewal


def test_a_unit_admin_creates_a_publicity_from_the_list(client, ready):
    login(client, ready.world.jy_admin)
    url = reverse("renewal:publicity_list", args=[ready.project.pk])
    today = timezone.localdate()
    response = client.post(url, {"community": ready.dongguan.pk, "starts_on": today.isoformat()}, follow=True)
    posted = Publicity.objects.get()
    assert (posted.starts_on, posted.ends_on) == (today, today + timedelta(days=6))
    content = response.content.decode()
    assert "公示中" in content and "DG-01、DG-02（共有）" in content and "150.75" in content
    content = client.get(url).content.decode()
    assert "东关居" in content and "建立公示" in content


def test_creating_with_nothing_to_post_shows_the_reason(client, ready):
    login(client, ready.world.jy_admin)
    response = client.post(
        reverse("renewal:publicity_list", args=[ready.project.pk]),
        {"community": ready.world.chengli.pk, "starts_on": "2020-09-01"},
    )
    assert "没有可公示的内容" in response.content.decode() and not Publicity.objects.exists()


def test_a_field_worker_may_not_create_one(client, ready):
    login(client, ready.jy_population_worker)
    url = reverse("renewal:publicity_list", args=[ready.project.pk])
    assert "建立公示" not in client.get(url).content.decode()
    assert client.post(url, {"community": ready.dongguan.pk, "starts_on": "2020-09-01"}).status_code == 403


def test_an_objection_is_recorded_and_answered_on_the_pages(client, ready):
    today = timezone.localdate()
    posted = publicity.publicity_create(
        actor=ready.world.jy_admin, project=ready.project, community=ready.dongguan, starts_on=today - timedelta(days=2)
    )
    login(client, ready.jy_population_worker)
    url = reverse("renewal:publicity_detail", args=[posted.pk])
    response = client.post(
        url,
        {
            "entry": ready.entry("JY101").pk,
            "submitted_by": "张三",
            "received_on": today.isoformat(),
            "content": "儿子在部队服役，应当认定",
        },
        follow=True,
    )
    assert "已公示·有异议" not in response.content.decode()  # still inside the window
    objection = Objection.objects.get()
    response = client.post(
        url,
        {
            "entry": ready.entry("JY101").pk,
            "submitted_by": "张三",
            "received_on": (today + timedelta(days=30)).isoformat(),
            "content": "再提",
        },
    )
    assert "不能晚于今天" in response.content.decode()
    detail = reverse("renewal:objection_detail", args=[objection.pk])
    assert "答复异议" in client.get(detail).content.decode()
    client.post(detail, {"outcome": "维持原结果", "answer": "经核实，维持原结果"})
    objection.refresh_from_db()
    assert objection.status == Objection.Status.ANSWERED and objection.answered_by == ready.jy_population_worker
    assert "经核实，维持原结果" in client.get(detail).content.decode()


def test_a_closed_window_with_an_open_objection_shows_it(client, ready):
    posted = publicity.publicity_create(
        actor=ready.world.jy_admin, project=ready.project, community=ready.dongguan, starts_on=date(2020, 9, 1)
    )
    publicity.objection_record(
        actor=ready.world.jy_admin,
        publicity=posted,
        entry=ready.entry("JY101"),
        submitted_by="张三",
        received_on=date(2020, 9, 2),
        content="面积不对",
    )
    login(client, ready.world.jy_admin)
    content = client.get(reverse("renewal:publicity_detail", args=[posted.pk])).content.decode()
    assert "已公示·有异议" in content and "已确定" in content  # JY102 has none
    content = client.get(reverse("renewal:determination_list", args=[ready.project.pk])).content.decode()
    assert "已公示·有异议" in content


def test_the_pages_stay_within_a_fixed_number_of_queries(client, ready, django_assert_max_num_queries):
    posted = publicity.publicity_create(
        actor=ready.world.jy_admin, project=ready.project, community=ready.dongguan, starts_on=date(2020, 9, 1)
    )
    for entry in ("JY101", "JY102"):
        publicity.objection_record(
            actor=ready.world.jy_admin,
            publicity=posted,
            entry=ready.entry(entry),
            submitted_by="张三",
            received_on=date(2020, 9, 2),
            content="面积不对",
        )
    login(client, ready.world.jy_admin)
    for url, most in (
        (reverse("renewal:publicity_detail", args=[posted.pk]), 14),
        (reverse("renewal:publicity_list", args=[ready.project.pk]), 12),
    ):
        client.get(url)
        with django_assert_max_num_queries(most):
            assert client.get(url).status_code == 200


def test_the_pdf_renders_the_posted_list(client, ready, tmp_path):
    posted = publicity.publicity_create(
        actor=ready.world.jy_admin, project=ready.project, community=ready.dongguan, starts_on=date(2020, 9, 1)
    )
    login(client, ready.world.jy_worker)  # 城里居's worker: 东关居's list is outside the scope
    assert client.get(reverse("renewal:publicity_pdf", args=[posted.pk])).status_code == 404
    login(client, ready.world.jy_admin)
    response = client.get(reverse("renewal:publicity_pdf", args=[posted.pk]))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    pdf = tmp_path / "publicity.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "东关居测量及人口界定结果公示" in text and "2020年9月7日" in text and "150.75" in text


def test_a_determination_changed_after_posting_shows_must_post_again_everywhere(client, ready):
    posted = publicity.publicity_create(
        actor=ready.world.jy_admin, project=ready.project, community=ready.dongguan, starts_on=date(2020, 9, 1)
    )
    jy101 = ready.entry("JY101")
    login(client, ready.world.jy_admin)
    project_page = reverse("renewal:project_detail", args=[ready.project.pk])
    assert "须重新公示" not in client.get(project_page).content.decode()
    determine_all(ready, jy101, registered_on=date(2021, 1, 1))  # moved in after the freeze: now 不认定
    page = client.get(reverse("renewal:publicity_detail", args=[posted.pk])).content.decode()
    assert "本次公示后，1 户的人口界定有变更（JY101），公示内容已过期，须重新公示" in page
    assert "界定已变更·待重新公示" in page
    household = client.get(reverse("renewal:determination_household", args=[jy101.pk])).content.decode()
    assert "公示后该户的人口界定有变更，公示内容已过期" in household
    assert "1 户须重新公示" in client.get(project_page).content.decode()
    publicity.publicity_create(
        actor=ready.world.jy_admin, project=ready.project, community=ready.dongguan, starts_on=date(2020, 9, 10)
    )
    assert "须重新公示" not in client.get(project_page).content.decode()
