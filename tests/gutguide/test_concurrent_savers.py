"""Eight editors saving at the same moment through a real server (the live server's threads,
each with its own database connection): no request fails, nothing is lost. Runs on SQLite
(WAL, busy timeout, immediate transactions) and on PostgreSQL."""

import threading
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from articles.models import Article
from faq.models import Question
from tests.factories import make_article, make_question, make_staff_user
from tests.pages import form_values

SAVERS = 8


class Editor:
    """An editor's browser without JavaScript: its cookies, a form opened, then posted."""

    def __init__(self, base_url, user):
        client = Client()
        client.force_login(user)
        self.cookies = {
            settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value
        }
        self.base_url = base_url
        self.opener = urllib.request.build_opener(_NoRedirect())

    def request(self, path, data=None):
        """(status, page text); redirects are not followed."""
        request = urllib.request.Request(  # noqa: S310 (the live server, over http)
            self.base_url + path,
            data=urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None,
            headers={"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())},
        )
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            for header in response.headers.get_all("Set-Cookie") or []:
                cookie = SimpleCookie(header)
                self.cookies.update({name: morsel.value for name, morsel in cookie.items()})
            return response.status, response.read().decode(errors="replace")

    def open_form(self, path, form_id):
        status, page = self.request(path)
        assert status == 200, status
        return form_values(page, form_id)

    def post(self, path, data):
        return self.request(path, data)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def save_all_at_once(jobs):
    """Run the (editor, path, data) posts together, released at the same moment."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, editor, path, data):
        barrier.wait()
        results[index] = editor.post(path, data)

    threads = [threading.Thread(target=run, args=(index, *job)) for index, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.fixture
def editors(live_server, transactional_db):
    return [Editor(live_server.url, make_staff_user(f"editor-{n}")) for n in range(SAVERS)]


def test_eight_editors_saving_different_questions_at_once_all_succeed(editors):
    article = make_article()
    questions = [
        make_question(article=article, question=f"Question {n}?", slug=f"q-{n}", order=n)
        for n in range(SAVERS)
    ]
    jobs = []
    for editor, question in zip(editors, questions, strict=True):
        path = reverse("admin:faq_question_change", args=[question.pk])
        data = editor.open_form(path, "question_form")
        jobs.append((editor, path, {**data, "answer": f"Answer written by {question.slug}."}))

    results = save_all_at_once(jobs)

    assert [status for status, _ in results] == [302] * SAVERS, [
        text[-2000:] for status, text in results if status != 302
    ]
    assert sorted(Question.objects.values_list("answer", flat=True)) == [
        f"Answer written by q-{n}." for n in range(SAVERS)
    ]


def test_eight_editors_saving_one_article_at_once_lose_nothing(editors):
    article = make_article(body="Original.")
    path = reverse("admin:articles_article_change", args=[article.pk])
    pages = [editor.open_form(path, "article_form") for editor in editors]
    jobs = [
        (editor, path, {**page, "body": f"Body by editor {n}."})
        for n, (editor, page) in enumerate(zip(editors, pages, strict=True))
    ]

    results = save_all_at_once(jobs)

    statuses = [status for status, _ in results]
    assert 500 not in statuses and set(statuses) <= {200, 302}, statuses
    # One save lands; everyone else gets their page back with their text and the reason.
    assert statuses.count(302) == 1
    saved = statuses.index(302)
    assert Article.objects.get().body == f"Body by editor {saved}."
    for n, (status, text) in enumerate(results):
        if status == 200:
            assert f"Body by editor {n}." in text
            assert f"editor-{saved} saved this article on " in text
