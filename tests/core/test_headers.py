"""Headers every response carries (issue 10, item 5): the Content-Security-Policy, no-store for what a signed-in user
is shown, HSTS and secure cookies behind one production setting, the API's schema behind login."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from taizhang.registry.models import Household

TAIZHANG = Path(__file__).resolve().parents[2] / "taizhang"


def csp(response) -> dict[str, list[str]]:
    directives = (part.strip().split() for part in response["Content-Security-Policy"].split(";") if part.strip())
    return {name: values for name, *values in directives}


def test_pages_allow_scripts_from_our_own_files_only(client, world):
    client.force_login(world.xs_admin)
    for response in (client.get("/"), client.get("/login/"), client.get("/no-such-page/")):
        policy = csp(response)
        assert policy["script-src"] == ["'self'"], policy
        assert policy["style-src-elem"] == ["'self'"] and policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"] and policy["base-uri"] == ["'none'"]


def templates():
    return sorted(TAIZHANG.rglob("templates/**/*.html"))


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
HANDLER = re.compile(r"""\son[a-z]+\s*=\s*["']""", re.I)
SCRIPT_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']\s*javascript:""", re.I)
JSON_DATA = re.compile(r"""<script[^>]*type=["']application/json["']""", re.I)
COMMENT = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}", re.S)


@pytest.mark.parametrize("template", templates(), ids=lambda p: str(p.relative_to(TAIZHANG)))
def test_no_template_carries_inline_script(template):
    """The policy would refuse them in the browser: behaviour lives in static files (data- attributes ask for it)."""
    text = JSON_DATA.sub("", COMMENT.sub("", template.read_text()))
    assert not INLINE_SCRIPT.search(text), "inline <script>: move it into a static .js file"
    assert not HANDLER.search(text), "an on…= handler: use a data- attribute and a listener in a static file"
    assert not SCRIPT_URL.search(text), "a javascript: URL: use data-history-back or a listener"
    if not template.name.endswith("_pdf.html"):  # WeasyPrint lays those out on the server
        assert "<style" not in text, "an inline <style>: move the rules into a static .css file"


def test_the_check_above_finds_what_it_looks_for():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>") and not INLINE_SCRIPT.search('<script src="/a.js">')
    assert HANDLER.search('<button onclick="x()">') and not HANDLER.search("<button data-print>")
    assert SCRIPT_URL.search('<a href="javascript:history.back()">')


# --- Cache-Control: no-store ---------------------------------------------------------------------------------------


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "") and "private" in response.get("Cache-Control", "")


def test_what_a_signed_in_user_is_shown_is_never_stored(client, seeded):
    client.force_login(seeded.xs_admin)
    household = Household.objects.get(household_no="XS001")
    answers = {
        "page": client.get("/registry/households/"),
        "search": client.get("/registry/search/", {"q": "XS001"}),
        "pdf": client.get(f"/registry/households/{household.pk}/pdf/"),
        "export": client.post("/registry/export/", {"format": "csv"}),
        "api": client.get("/api/registry/households"),
        "schema": client.get("/api/openapi.json"),
    }
    assert (
        answers["pdf"]["Content-Type"] == "application/pdf" and "attachment" in answers["export"]["Content-Disposition"]
    )
    for name, response in answers.items():
        assert response.status_code == 200, name
        assert no_store(response), (name, response.get("Cache-Control"))


def test_static_files_keep_their_caching(client, world):
    client.force_login(world.xs_admin)
    response = client.get("/static/core/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "Content-Security-Policy" in client.get("/").headers


# --- the API's schema and docs -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/docs", "/api/openapi.json"])
def test_the_api_schema_and_docs_need_a_login(client, world, path):
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    client.force_login(world.xs_worker)
    assert client.get(path).status_code == 200


def test_the_api_docs_come_from_our_own_static_files(client, world):
    client.force_login(world.xs_admin)
    html = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html and "cdn" not in html.lower()


# --- one production setting ---------------------------------------------------------------------------------------


def settings_as_deployed(tmp_path, **env) -> dict:
    """taizhang.settings imported in a fresh process with `env`: what production gets from its environment."""
    script = """
import json, os, django
os.environ["DJANGO_SETTINGS_MODULE"] = "taizhang.settings"
django.setup()
from django.conf import settings
from django.test import Client
login = Client().get("/login/", secure=True)
print(json.dumps({
    "session": settings.SESSION_COOKIE_SECURE, "csrf": settings.CSRF_COOKIE_SECURE, "hsts": settings.SECURE_HSTS_SECONDS,
    "header": login.get("Strict-Transport-Security"), "cookie_secure": bool(login.cookies["csrftoken"]["secure"]),
}))
"""
    clean = {k: v for k, v in os.environ.items() if k not in ("SECURE_COOKIES", "DATABASE_URL")}
    environ = {**clean, "TAIZHANG_VAR_DIR": str(tmp_path / "var"), **env}
    out = subprocess.run([sys.executable, "-c", script], env=environ, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_secure_cookies_switches_on_hsts_and_secure_cookies_together(tmp_path):
    production = settings_as_deployed(tmp_path, SECURE_COOKIES="1")
    assert production["session"] and production["csrf"] and production["cookie_secure"]
    assert production["hsts"] >= 365 * 24 * 3600 and production["header"] == f"max-age={production['hsts']}"
    development = settings_as_deployed(tmp_path)
    assert not (development["session"] or development["csrf"] or development["cookie_secure"] or development["hsts"])
    assert development["header"] is None
