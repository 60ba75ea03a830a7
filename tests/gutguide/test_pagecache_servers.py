"""Two real server processes sharing the database and the page cache, as two workers or two
app servers do: a page one of them stored is served by the other, and an editor's save
through one shows on the very next request to the other."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import make_article, make_key_points, make_staff_user
from tests.pages import form_values

PROJECT = Path(__file__).resolve().parents[2]
ARTICLE_URL = "/articles/fibre-and-the-microbiome/"


def database_url():
    """The test database, as the servers must reach it."""
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`manage.py runserver --noreload` in its own process, with this run's settings, cache
    (DJANGO_CACHE_DIR or REDIS_URL, and the key prefix) and test database."""

    def __init__(self):
        self.port = free_port()
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
        env["DATABASE_URL"] = database_url()
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{self.port}"],
            cwd=PROJECT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self.wait_ready()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def wait_ready(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"server stopped: {self.process.stderr.read().decode()[-2000:]}")
            try:
                urllib.request.urlopen(self.url("/healthz"), timeout=2)  # noqa: S310
                return
            except OSError:
                time.sleep(0.1)
        pytest.fail("server did not start in 30 s")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def servers(transactional_db):
    started = []
    try:
        started.extend([Server(), Server()])
        yield started
    finally:
        for server in started:
            server.stop()


def request(url, data=None):
    # One public host name for both servers, as a load balancer in front of them forwards it.
    return urllib.request.Request(url, data, headers={"Host": "localhost"})  # noqa: S310


def read(url, opener=None):
    """A reader's GET: (X-Cache, page text)."""
    with (opener or urllib.request.build_opener()).open(request(url), timeout=10) as response:
        return response.headers.get("X-Cache"), response.read().decode()


class BehindTLS(DefaultCookiePolicy):
    """Sends the Secure cookies (production settings) over the plain http of 127.0.0.1, as a
    browser does through the TLS-terminating proxy."""

    def return_ok_secure(self, cookie, request):
        return True


def editor_session(server, user):
    """An editor logged in to the admin of `server`, as a browser keeps it (cookies)."""
    jar = CookieJar(policy=BehindTLS())
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = server.url(reverse("admin:login"))
    data = form_values(read(login, opener)[1], "login-form")
    data.update(username=user.username, password=f"pw-{user.username}-123")
    with opener.open(
        request(login + "?next=/admin/", urlencode(data, doseq=True).encode()), timeout=10
    ) as response:
        assert response.url.endswith("/admin/"), response.url
    return opener


def test_an_edit_saved_through_one_server_shows_on_the_next_request_to_the_other(servers):
    first, second = servers
    article = make_article()
    make_key_points(article, 2)
    editor = make_staff_user("editor")

    assert read(first.url(ARTICLE_URL))[0] == "MISS"
    state, page = read(second.url(ARTICLE_URL))
    assert state == "HIT"  # stored by the other process: one shared cache
    assert article.dek in page

    session = editor_session(first, editor)
    change = first.url(reverse("admin:articles_article_change", args=[article.pk]))
    data = form_values(read(change, session)[1], "article_form")
    data["dek"] = "Saved through the first server."
    with session.open(
        request(change, urlencode(data, doseq=True).encode()), timeout=10
    ) as response:
        assert "was changed successfully" in response.read().decode()

    state, page = read(second.url(ARTICLE_URL))
    assert state == "MISS"
    assert "Saved through the first server." in page
    assert read(first.url(ARTICLE_URL)) == ("HIT", page)


def test_staff_on_one_server_never_get_or_leave_readers_pages(servers):
    first, second = servers
    article = make_article()
    editor = make_staff_user("editor")
    session = editor_session(first, editor)

    for _ in range(2):
        with session.open(request(first.url(ARTICLE_URL)), timeout=10) as response:
            assert response.headers.get("X-Cache") is None
    assert read(second.url(ARTICLE_URL))[0] == "MISS"
    assert article.title in read(first.url(ARTICLE_URL))[1]
    with pytest.raises(urllib.error.HTTPError) as error:
        read(second.url("/articles/no-such-article/"))
    assert error.value.code == 404
