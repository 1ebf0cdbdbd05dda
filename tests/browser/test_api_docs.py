"""/api/docs under the Content-Security-Policy: Swagger UI from django-ninja's own static files, for signed-in staff."""

import pytest

from tests.browser.conftest import login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_the_api_docs_render_for_a_signed_in_user(open_page, browser_world):
    page = open_page()
    page.goto("/api/docs")
    assert "/login/" in page.url  # not for anonymous visitors
    login(page, browser_world.xs_admin.username, PASSWORD)
    page.goto("/api/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "台账 Taizhang API" in page.inner_text(".swagger-ui .info .title")
    assert page.locator(".opblock").count() > 50  # every operation listed
