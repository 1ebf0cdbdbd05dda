import os
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(os.environ.get("TAIZHANG_SCREENSHOTS", Path(__file__).resolve().parents[2] / "screenshots"))
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


# Held while the live server answers a request: a test's teardown waits on it so that the database is never flushed
# under a request still being answered (on SQLite the server shares the test's one in-memory connection, and a
# request's transaction could take the flush with it).
SERVER_BUSY = threading.Lock()


@pytest.fixture(scope="session", autouse=True)
def _one_request_at_a_time():
    """The live server answers one request at a time, under SERVER_BUSY. On SQLite every server thread would share the
    test database's one in-memory connection, so a page's parallel requests (the menu's badge counts, photos) could
    race on it; served in turn, they cannot. (PostgreSQL gives each thread its own connection either way.)"""
    from django.core.servers.basehttp import WSGIServer
    from django.test.testcases import LiveServerThread

    class SerialWSGIServer(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)

        def process_request(self, request, client_address):
            with SERVER_BUSY:
                super().process_request(request, client_address)

    threaded, LiveServerThread.server_class = LiveServerThread.server_class, SerialWSGIServer
    yield
    LiveServerThread.server_class = threaded


@contextmanager
def server_paused():
    """For a test that writes through a service while its pages are open: the live server finishes the request it
    is answering and answers no other until the block ends (on SQLite the two would share one connection)."""
    with SERVER_BUSY:
        yield


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/setup --test installs Debian's chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_world(transactional_db):
    from tests.conftest import make_world

    return make_world()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    if call.when == "call":
        item.failed_call = outcome.get_result().failed


@pytest.fixture
def open_page(request, browser, live_server):
    contexts = []
    refused = []  # what the Content-Security-Policy refused on any page of the test: each is a broken behaviour

    def _open(width=1280, height=900):
        context = browser.new_context(
            viewport={"width": width, "height": height}, locale="zh-CN", accept_downloads=True, base_url=live_server.url
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30000)  # generous: CI runs the SQLite and PostgreSQL passes side by side on 2 cores
        page.on("console", lambda message: _note_refusal(refused, page, message))
        return page

    yield _open
    if getattr(request.node, "failed_call", False):  # what the browser showed when the test failed
        failures = SHOTS / "failures"
        failures.mkdir(parents=True, exist_ok=True)
        for n, page in enumerate(p for context in contexts for p in context.pages):
            name = f"{request.node.name}-{n}".replace("/", "_")
            page.screenshot(path=str(failures / f"{name}.png"), full_page=True)
            (failures / f"{name}.html").write_text(f"<!-- {page.url} -->\n" + page.content())
    for context in contexts:
        context.close()
    with SERVER_BUSY:  # a request a closed page left behind is answered before the database is flushed
        pass
    if refused:
        pytest.fail("Content-Security-Policy refused:\n" + "\n".join(refused))


def _note_refusal(refused: list[str], page, message) -> None:
    if message.type == "error" and "Content Security Policy" in message.text:
        refused.append(f"{page.url}: {message.text}")


def login(page, username, password):
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
