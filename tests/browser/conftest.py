"""
Browser tests: Playwright's Python API driving Debian's Chromium (no browser downloads).

Outside CI they skip, with the reason shown, when Chromium or Playwright is missing;
with GUTGUIDE_REQUIRE_BROWSER=1 (set by .ci/run) a missing browser is a failure.
"""

import os
import shutil
import tempfile
import threading
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("GUTGUIDE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(
    os.environ.get("GUTGUIDE_SCREENSHOTS") or Path(tempfile.gettempdir()) / "gutguide-screenshots"
)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def _unavailable(reason):
    if os.environ.get("GUTGUIDE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"Browser tests are required here, but {reason}.", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason} (install Debian's chromium to run them)")


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    if not Path(CHROMIUM).exists():
        _unavailable(f"no Chromium at {CHROMIUM}")
    # Playwright's sync API keeps an event loop running in this thread; the tests still
    # use the ORM synchronously from it, which Django otherwise refuses.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def serial_live_server(live_server):
    """The live server, handling one request at a time.

    Pages fire several requests at once (the admin asks every Markdown editor's preview as it
    loads), and the server's threads share one in-memory SQLite connection, which is not safe
    for simultaneous queries ("bad parameter or other API misuse").
    """
    httpd = live_server.thread.httpd
    app = httpd.get_app()
    lock = threading.Lock()

    def serialized(environ, start_response):
        with lock:
            return app(environ, start_response)

    httpd.set_app(serialized)
    yield live_server
    httpd.set_app(app)


@pytest.fixture
def page(browser, serial_live_server):
    live_server = serial_live_server
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on(
        "response",
        lambda response: (
            page.errors.append(f"{response.status} {response.url}")
            if response.status >= 400
            else None
        ),
    )
    yield page
    context.close()


@pytest.fixture
def staff_page(page, live_server, staff_user):
    """A browser page logged in as a staff editor (session cookie from Django's client)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(staff_user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return page


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(page, name):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


@pytest.fixture
def demo(db):
    """The demo article, comparison and questions."""
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0)
