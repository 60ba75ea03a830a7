"""`manage.py check_links` against a server started here on 127.0.0.1, never the internet."""

import http.server
import io
import socket
import threading
import time

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from gutguide import links
from gutguide.models import LinkCheck
from tests.factories import make_article, make_medical_reviewer, make_source

SEEN = []


class Handler(http.server.BaseHTTPRequestHandler):
    def answer(self, with_body):
        SEEN.append((self.command, self.path, self.headers["User-Agent"]))
        path = self.path
        if path == "/no-head" and self.command == "HEAD":
            return self.send_error(405)
        if path == "/slow":
            time.sleep(1)
        if path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.send_header("Content-Length", "0")
            return self.end_headers()
        if path == "/doi/10.1000/exists":
            # The resolver sends readers on to a publisher that refuses robots.
            self.send_response(302)
            self.send_header("Location", "/refuses-robots")
            self.send_header("Content-Length", "0")
            return self.end_headers()
        status = {"/gone": 404, "/broken": 500, "/refuses-robots": 403}.get(path, 200)
        if path.startswith("/doi/") and path != "/doi/10.1000/exists":
            status = 404
        body = b"hello"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def do_HEAD(self):  # noqa: N802 - http.server's naming
        self.answer(with_body=False)

    def do_GET(self):  # noqa: N802
        self.answer(with_body=True)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    SEEN.clear()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_head_then_get_with_the_user_agent(server, settings):
    assert links.check(f"{server}/ok") == links.Answer(f"{server}/ok", 200)
    assert links.check(f"{server}/no-head") == links.Answer(f"{server}/no-head", 200)
    assert links.check(f"{server}/moved").status_code == 200  # redirects are followed

    assert [(method, path) for method, path, _ in SEEN] == [
        ("HEAD", "/ok"),
        ("HEAD", "/no-head"),
        ("GET", "/no-head"),
        ("HEAD", "/moved"),
        ("HEAD", "/ok"),
    ]
    assert {agent for _, _, agent in SEEN} == {settings.GUTGUIDE_LINK_CHECK_USER_AGENT}


def test_errors_and_failures(server, closed_port):
    assert links.check(f"{server}/gone").status_code == 404
    assert links.check(f"{server}/broken").status_code == 500
    refused = links.check(f"http://127.0.0.1:{closed_port}/")
    assert (refused.status_code, refused.error) == (None, "connection refused")
    assert links.check(f"{server}/slow", timeout=0.2).error == "timed out"
    assert links.check("ftp://example.org/").error == "not an http(s) address"


def test_check_links_stores_what_each_link_answered_and_recounts_articles(server, db):
    _, contributor = make_medical_reviewer()
    article = make_article(
        body=f"## Links\n\n[fine]({server}/ok) [gone]({server}/gone) [ok]({server}/no-head)",
        reviewer=contributor,
        reviewed_on=timezone.localdate(),
    )
    out = io.StringIO()

    with override_settings(GUTGUIDE_DOI_RESOLVER=f"{server}/doi/"):
        call_command("check_links", stdout=out)

    stored = dict(LinkCheck.objects.values_list("url", "status_code"))
    assert stored == {f"{server}/ok": 200, f"{server}/gone": 404, f"{server}/no-head": 200}
    assert f"{server}/gone answered 404" in out.getvalue()
    assert "Checked 3 links: 1 failing." in out.getvalue()
    article.refresh_from_db()
    assert article.problem_count == 1
    # No page fetches a link: the server heard only the command.
    count = len(SEEN)
    assert Client().get(article.get_absolute_url()).status_code == 200
    assert len(SEEN) == count


def test_dois_are_checked_at_the_resolver_without_following_it(server, db):
    article = make_article()
    for number, doi in enumerate(["10.1000/exists", "10.1000/missing"], start=1):
        source = make_source(f"study-{number}", doi=doi, url="")
        article.references.create(position=number, source=source)

    with override_settings(GUTGUIDE_DOI_RESOLVER=f"{server}/doi/"):
        call_command("check_links", stdout=io.StringIO())

    assert dict(LinkCheck.objects.values_list("url", "status_code")) == {
        f"{server}/doi/10.1000/exists": 302,
        f"{server}/doi/10.1000/missing": 404,
    }
    assert ("GET", "/refuses-robots") not in {(m, p) for m, p, _ in SEEN}


def test_results_of_links_no_longer_shown_are_dropped(server, db):
    LinkCheck.objects.create(url=f"{server}/old", status_code=404, checked_at=timezone.now())
    make_article(body=f"## A\n\n[fine]({server}/ok)")

    call_command("check_links", stdout=io.StringIO())

    assert list(LinkCheck.objects.values_list("url", flat=True)) == [f"{server}/ok"]
