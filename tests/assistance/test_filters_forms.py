"""GET filters go through forms: what a form refuses falls back to the page's default instead of a 500."""

import pytest

from tests.assistance.conftest import household


@pytest.mark.parametrize(
    "url",
    [
        "/assistance/archives/?kind=lost&community=x&mine=on",
        "/assistance/trainings/?from=2020-13&to=soon",
        "/assistance/problems/figures/?from=last-year",
        "/assistance/problems/?format=docx",
        "/assistance/compliance/?format=pdf&month=2020-99",
        "/assistance/reports/?kind=nothing&format=xlsx",
    ],
)
def test_a_filter_the_form_refuses_shows_the_default_page(client, assisted, url):
    client.force_login(assisted.xs_admin)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")


def test_a_month_the_figures_cannot_read_is_said_in_chinese(client, assisted):
    client.force_login(assisted.xs_admin)
    page = client.get("/assistance/trainings/", {"from": "2020-13"}).content.decode()
    assert "月份“2020-13”格式不对" in page


def test_a_problem_for_a_visit_that_is_not_a_number_is_a_404_not_a_500(client, assisted):
    client.force_login(assisted.xs_worker)
    assert client.get("/assistance/problems/new/?visit=abc").status_code == 404
    assert client.get(f"/assistance/problems/new/?visit=abc&assisted={household('XS001').pk}").status_code == 404


def test_the_visit_form_opens_for_entering_by_hand_only_when_asked(client, assisted):
    client.force_login(assisted.xs_worker)
    url = f"/assistance/households/{household('XS001').pk}/visit/"
    assert client.get(url, {"mode": "manual"}).context["manual"] is True
    assert client.get(url, {"mode": "anything"}).context["manual"] is False
