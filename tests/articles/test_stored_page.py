"""The article page is stored once per content generation (articles.views.ArticleDetailView,
gutguide.pagecache.Fragment): with the page cache off a request for a public article takes
no query, and every edit, scheduled time and deploy shows on the very next request. Staff
previews are never stored."""

import datetime

import pytest
from django.utils import timezone

from articles.models import ArticleRedirect, Disclaimer
from gutguide import pagecache
from gutguide.models import Status
from tests.factories import make_article, make_comparison, make_question
from tests.gutguide import test_pagecache as edits
from tests.pages import queries_for, wait_until

ARTICLE_URL = "/articles/fibre-and-the-microbiome/"


def test_a_stored_article_page_takes_no_query(uncached, placed):
    first, cold = queries_for(uncached, ARTICLE_URL)
    second, warm = queries_for(uncached, ARTICLE_URL)

    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert 0 < cold <= 6
    assert warm == 0
    # What the page is made of: its content, its head and its JSON-LD with absolute URLs.
    assert "<strong>Lead 1.</strong>" in second.text
    assert "<caption>" in second.text
    assert "Is fibre safe?" in second.text
    assert (
        '<link rel="canonical" href="http://testserver/articles/fibre-and-the-microbiome/">'
        in second.text
    )
    assert '"@id": "http://testserver/articles/fibre-and-the-microbiome/#faq"' in second.text


def test_the_stored_page_has_the_absolute_urls_of_each_request(uncached, placed):
    uncached.get(ARTICLE_URL)

    response = uncached.get(ARTICLE_URL, headers={"Host": "127.0.0.1"})

    assert 'href="http://127.0.0.1/articles/fibre-and-the-microbiome/"' in response.text
    assert "testserver" not in response.text


@pytest.mark.parametrize(
    "edit",
    [
        edits.edit_article,
        edits.add_key_point,
        edits.delete_reference,
        edits.edit_placed_comparison,
        edits.unpublish_placed_comparison,
        edits.edit_question,
        edits.add_question,
        edits.edit_disclaimer,
        edits.rename_topic,
        edits.rename_author,
    ],
)
def test_every_kind_of_edit_shows_on_the_next_request(uncached, placed, edit):
    article, comparison = placed
    assert queries_for(uncached, ARTICLE_URL)[1] > 0
    assert queries_for(uncached, ARTICLE_URL)[1] == 0

    expected = edit(article, comparison)

    response, queries = queries_for(uncached, ARTICLE_URL)
    assert queries > 0
    if expected.startswith("!"):
        assert expected[1:] not in response.text
    else:
        assert expected in response.text
    again, queries = queries_for(uncached, ARTICLE_URL)
    assert queries == 0
    assert again.content == response.content


def test_an_unpublished_or_renamed_article_is_gone_at_once(uncached, placed):
    article, _ = placed
    uncached.get(ARTICLE_URL)

    article.slug = "fibre-renamed"
    article.save()
    assert uncached.get(ARTICLE_URL).status_code == 301
    uncached.get("/articles/fibre-renamed/")

    article.status = Status.REVIEW
    article.save()
    assert uncached.get("/articles/fibre-renamed/").status_code == 404
    assert uncached.get(ARTICLE_URL).status_code == 404


def test_a_scheduled_question_shows_when_its_time_comes(uncached, placed):
    article, _ = placed
    due = timezone.now() + datetime.timedelta(seconds=2)
    make_question(article=article, question="Due soon?", slug="due-soon", published_at=due)
    assert "Due soon?" not in uncached.get(ARTICLE_URL).text
    assert queries_for(uncached, ARTICLE_URL)[1] == 0

    wait_until(due)

    response, queries = queries_for(uncached, ARTICLE_URL)
    assert queries > 0
    assert "Due soon?" in response.text


def test_a_scheduled_table_shows_when_its_time_comes(uncached):
    due = timezone.now() + datetime.timedelta(seconds=2)
    make_comparison(slug="later", rows=[("Dose", "1 g", "2 g")], published_at=due)
    make_article(body="## Table\n\n[[comparison later]]")
    assert "<caption>" not in uncached.get(ARTICLE_URL).text
    assert queries_for(uncached, ARTICLE_URL)[1] == 0

    wait_until(due)

    assert "<caption>" in uncached.get(ARTICLE_URL).text


def test_a_scheduled_article_is_never_stored_before_its_time(uncached, staff_client, db):
    due = timezone.now() + datetime.timedelta(seconds=2)
    article = make_article(title="Coming soon", published_at=due)

    for _ in range(2):
        preview = staff_client.get(ARTICLE_URL)
        assert "Preview: readers cannot see this article" in preview.text
    assert uncached.get(ARTICLE_URL).status_code == 404

    wait_until(due)

    response = uncached.get(ARTICLE_URL)
    assert response.status_code == 200
    assert "Preview:" not in response.text
    assert article.title in response.text


def test_staff_previews_render_afresh_and_are_never_stored(uncached, staff_client, db):
    make_article(status=Status.DRAFT, title="Secret draft")

    for _ in range(2):
        response, queries = queries_for(staff_client, ARTICLE_URL)
        assert "Preview: readers cannot see this article" in response.text
        assert "no-store" in response["Cache-Control"]
        assert queries > 0

    assert pagecache.Fragment("article:fibre-and-the-microbiome").read() is None
    assert uncached.get(ARTICLE_URL).status_code == 404


def test_staff_get_the_stored_page_of_a_published_article(uncached, staff_client, placed):
    reader_html = uncached.get(ARTICLE_URL).content

    response = staff_client.get(ARTICLE_URL)

    assert b"Preview:" not in response.content
    assert response.content == reader_html


def test_a_deploy_never_serves_a_page_stored_by_the_release_before(uncached, placed, monkeypatch):
    uncached.get(ARTICLE_URL)
    monkeypatch.setattr(pagecache, "release_fingerprint", lambda: "another-release")

    assert queries_for(uncached, ARTICLE_URL)[1] > 0
    assert queries_for(uncached, ARTICLE_URL)[1] == 0


def test_old_and_unknown_slugs_are_never_stored(uncached, placed):
    article, _ = placed
    ArticleRedirect.objects.create(old_slug="old-fibre", article=article)

    for _ in range(2):
        assert uncached.get("/articles/old-fibre/").status_code == 301
        assert uncached.get("/articles/no-such-article/").status_code == 404
    assert pagecache.Fragment("article:old-fibre").read() is None
    assert pagecache.Fragment("article:no-such-article").read() is None


def test_a_cache_that_fails_still_serves_the_page(uncached, placed, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(pagecache.page_cache(), "get_many", broken)
    monkeypatch.setattr(pagecache.page_cache(), "set_many", broken)

    for _ in range(2):
        response = uncached.get(ARTICLE_URL)
        assert response.status_code == 200
        assert "<caption>" in response.text


def test_a_page_that_cannot_be_stored_is_still_served(uncached, placed, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(pagecache.page_cache(), "set_many", broken)

    for _ in range(2):
        response, queries = queries_for(uncached, ARTICLE_URL)
        assert response.status_code == 200
        assert queries > 0


def test_with_stored_pages_off_every_request_renders_the_page(uncached, placed, settings):
    settings.STORED_PAGES = False
    first, cold = queries_for(uncached, ARTICLE_URL)
    second, again = queries_for(uncached, ARTICLE_URL)

    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert 0 < cold == again <= 6


def test_the_footers_disclaimer_is_stored_too_and_fresh_after_an_edit(uncached, placed):
    uncached.get("/topics/")
    _, stored = queries_for(uncached, "/topics/")

    Disclaimer(text="Ask your own doctor first.").save()

    response, fresh = queries_for(uncached, "/topics/")
    assert "Ask your own doctor first." in response.text
    assert fresh == stored + 1
    assert queries_for(uncached, "/topics/")[1] == stored
