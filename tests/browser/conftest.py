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


# Every page records the Content Security Policy violations it meets (read with
# csp_violations(page)); Chromium also logs them as console errors.
RECORD_CSP_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI}`);
});
"""


def new_page(browser, live_server):
    """A page in a fresh browser context that records what went wrong: uncaught errors and
    answers of 400 and up (page.errors), and console errors (page.console_errors)."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    page = context.new_page()
    page.errors = []
    page.console_errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on(
        "response",
        lambda response: (
            page.errors.append(f"{response.status} {response.url}")
            if response.status >= 400
            else None
        ),
    )
    page.on(
        "console",
        lambda message: (
            page.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    return page


@pytest.fixture
def page(browser, serial_live_server):
    page = new_page(browser, serial_live_server)
    yield page
    page.context.close()


@pytest.fixture
def open_page(browser, serial_live_server):
    """Opens more pages, each in its own browser context (another person's browser)."""
    pages = []

    def open_():
        pages.append(new_page(browser, serial_live_server))
        return pages[-1]

    yield open_
    for page in pages:
        page.context.close()


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


_screenshots_taken = []


@pytest.fixture
def screenshot():
    """Saves a full-page screenshot to SCREENSHOTS (outside the repository)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(page, name, pdf=False):
        """The page as a PNG; with pdf=True also as printed on A4 paper (a PDF)."""
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        _screenshots_taken.append(path)
        if pdf:
            page.pdf(path=str(path.with_suffix(".pdf")), format="A4", print_background=True)
        return path

    return save


def pytest_terminal_summary(terminalreporter):
    if _screenshots_taken:
        terminalreporter.write_sep("-", "screenshots")
        terminalreporter.write_line(
            f"{len(_screenshots_taken)} screenshots in {SCREENSHOTS} (GUTGUIDE_SCREENSHOTS "
            "to choose the folder)"
        )


@pytest.fixture
def demo(db):
    """The demo article, comparison and questions."""
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0)
