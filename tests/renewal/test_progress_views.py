"""The progress dashboard and the brief page: the figures as of the day asked for, scoped, in a fixed number of
queries; the API; the `taizhang brief` command."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from taizhang.renewal.models import Site
from tests.renewal.test_progress_selectors import D, agreement, busy_project, determined, site

EARLIER = "截至2020年9月15日,城里居、东关居累计测量3户,测量院落3个,测量厂房1所,人口界定2户。累计签约1户。控违拆违发现违法建设1处,拆除1处。"


def test_the_dashboard_shows_the_figures_as_of_the_day_asked_for(client, login, renewal):
    busy_project(renewal)
    login(renewal.world.jy_admin)
    url = reverse("renewal:progress", args=[renewal.project.pk])
    response = client.get(url, {"as_of": D.isoformat()})
    assert response.status_code == 200
    assert response.context["cards"][1]["value"] == 3  # measured households
    content = response.content.decode()
    assert "截至 2020年9月15日" in content and "城里居" in content and "第二工作组" in content
    chart = response.context["chart"]
    assert chart["labels"][-1] == D.isoformat()
    assert [s["name"] for s in chart["series"]][:3] == ["已测量户", "测量院落", "测量厂房"]
    assert "vendor/echarts/echarts.min.js" in content
    earlier = client.get(url, {"as_of": (D - timedelta(days=30)).isoformat()})
    assert earlier.context["cards"][1]["value"] == 0


def test_the_dashboard_defaults_to_today_and_refuses_a_future_day(client, login, renewal):
    login(renewal.world.jy_admin)
    url = reverse("renewal:progress", args=[renewal.project.pk])
    assert client.get(url).context["as_of"] == timezone.localdate()
    response = client.get(url, {"as_of": (timezone.localdate() + timedelta(days=1)).isoformat()})
    assert response.status_code == 200 and response.context["as_of"] == timezone.localdate()
    assert "截至日期不能晚于今天" in response.content.decode()
    assert "日期看不懂" in client.get(url, {"as_of": "2020-13-45"}).content.decode()


def test_the_dashboard_takes_the_same_queries_for_more_rows(client, login, renewal, django_assert_max_num_queries):
    login(renewal.world.jy_admin)
    url = reverse("renewal:progress", args=[renewal.project.pk])
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url, {"as_of": D.isoformat()})
    busy_project(renewal)
    for n in range(30):
        site(renewal, f"X-{n:02d}", ["JY102"], D - timedelta(days=n))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url, {"as_of": D.isoformat()}).status_code == 200


def test_figures_link_to_the_lists_that_exist(client, login, renewal):
    login(renewal.world.jy_admin)
    response = client.get(reverse("renewal:progress", args=[renewal.project.pk]))
    for card in response.context["cards"]:
        if card["url"]:
            assert card["url"].startswith(f"/renewal/projects/{renewal.project.pk}/")


def test_a_community_worker_sees_their_community_only(client, login, renewal):
    busy_project(renewal)
    login(renewal.world.jy_worker)
    response = client.get(reverse("renewal:progress", args=[renewal.project.pk]), {"as_of": D.isoformat()})
    assert [r["name"] for r in response.context["community_rows"]] == ["城里居"]
    assert response.context["cards"][0]["value"] == 1  # households in the red line


def test_another_units_project_is_not_found(client, login, renewal):
    login(renewal.world.xs_admin)
    assert client.get(reverse("renewal:progress", args=[renewal.project.pk])).status_code == 404
    assert client.get(reverse("renewal:brief", args=[renewal.project.pk])).status_code == 404


def test_the_brief_page_shows_the_sentence_and_its_figures(client, login, renewal, django_assert_max_num_queries):
    busy_project(renewal)
    login(renewal.world.jy_admin)
    url = reverse("renewal:brief", args=[renewal.project.pk])
    client.get(url)
    with django_assert_max_num_queries(16):
        response = client.get(url, {"as_of": D.isoformat()})
    content = response.content.decode()
    assert EARLIER in content and 'id="copy-brief"' in content
    assert [r["name"] for r in response.context["community_rows"]] == ["城里居", "东关居"]
    today = client.get(url).context["text"]
    assert today.startswith("截至目前,城里居、东关居累计测量3户,")


# --- API ------------------------------------------------------------------------------------------------


def test_the_api_gives_the_figures_per_community_and_group(client, login, renewal):
    busy_project(renewal)
    login(renewal.world.jy_admin)
    response = client.get(f"/api/renewal/projects/{renewal.project.pk}/progress", {"as_of": D.isoformat()})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["as_of"] == D.isoformat() and data["total"]["measured"] == 3 and data["total"]["factories"] == 1
    assert [(c["name"], c["figures"]["households"]) for c in data["communities"]] == [("城里居", 1), ("东关居", 2)]
    assert [g["name"] for g in data["groups"]] == ["第一工作组", "第二工作组", "人口界定工作组"]


def test_the_api_gives_the_brief(client, login, renewal):
    busy_project(renewal)
    login(renewal.world.jy_admin)
    response = client.get(f"/api/renewal/projects/{renewal.project.pk}/brief", {"as_of": D.isoformat()})
    assert response.status_code == 200 and response.json()["text"] == EARLIER


@pytest.mark.parametrize("as_of, message", [("2020-02-30", "看不懂"), ("2999-01-01", "不能晚于今天")])
def test_the_api_refuses_a_bad_day_in_chinese(client, login, renewal, as_of, message):
    login(renewal.world.jy_admin)
    response = client.get(f"/api/renewal/projects/{renewal.project.pk}/brief", {"as_of": as_of})
    assert response.status_code == 400 and message in response.json()["detail"]


def test_the_api_scopes_like_the_pages(client, login, renewal):
    busy_project(renewal)
    login(renewal.world.jy_worker)
    data = client.get(f"/api/renewal/projects/{renewal.project.pk}/progress", {"as_of": D.isoformat()}).json()
    assert [c["name"] for c in data["communities"]] == ["城里居"] and data["total"]["households"] == 1
    login(renewal.world.xs_admin)
    assert client.get(f"/api/renewal/projects/{renewal.project.pk}/progress").status_code == 404


# --- the command ----------------------------------------------------------------------------------------


def brief_command(*args) -> str:
    out = io.StringIO()
    call_command("brief", *args, stdout=out)
    return out.getvalue().strip()


def test_the_command_prints_the_brief(renewal):
    busy_project(renewal)
    assert brief_command("--project", "老城区棚改", "--as-of", D.isoformat()) == EARLIER
    assert brief_command("--project", "老城区棚改").startswith("截至目前,城里居、东关居累计测量3户,")


def test_the_command_counts_what_the_issue_counts(renewal):
    site(renewal, "CL-01", ["JY001"], D)
    site(renewal, "DG-01", ["JY101"], D)
    site(renewal, "CF-01", kind=Site.Kind.FACTORY)
    determined(renewal, "JY101")
    agreement(renewal, "JY101", signed_on=None)
    assert brief_command("--project", "老城区棚改", "--as-of", "2020-09-15") == (
        "截至2020年9月15日,城里居、东关居累计测量2户,测量院落2个,测量厂房1所,人口界定1户。"
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (["--project", "老城区棚改", "--as-of", "2020/9/15"], "截至日期“2020/9/15”看不懂"),
        (["--project", "老城区棚改", "--as-of", "2999-01-01"], "不能晚于今天"),
        (["--project", "没有的项目"], "没有名为“没有的项目”的征收项目"),
    ],
)
def test_the_command_refuses_clearly(renewal, args, message):
    with pytest.raises(CommandError, match=message):
        brief_command(*args)
