"""The readers' page cache (gutguide/pagecache.py): what is stored, what is never stored, and
that every kind of edit and every scheduled time shows on the very next request."""

import datetime
import gzip
import io
import math

import brotli
import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Disclaimer, KeyPoint, Reference
from comparisons.models import Column, Line
from gutguide.models import Status
from gutguide.pagecache import (
    GENERATION_KEY,
    _new_generation_after_commit,
    content_changed,
    page_cache,
    start_generation,
)
from tests.factories import (
    make_article,
    make_comparison,
    make_key_points,
    make_question,
    make_reader,
)
from tests.pages import admin_form, wait_until

ARTICLE_URL = "/articles/fibre-and-the-microbiome/"


def warm(reader, url):
    """Read `url` until it comes from the cache; returns the cached response."""
    first = reader.get(url)
    assert first["X-Cache"] == "MISS", first.get("X-Cache")
    second = reader.get(url)
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    return second


# Hits and misses ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/", "/articles/", ARTICLE_URL, "/topics/gut-health/", "/compare/", "/faq/"]
)
def test_readers_pages_are_served_from_the_cache_without_queries(
    reader, placed, url, django_assert_num_queries
):
    first = reader.get(url)
    assert first.status_code == 200 and first["X-Cache"] == "MISS"

    with django_assert_num_queries(0):
        second = reader.get(url)

    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # The security headers come with every response, cached or not.
    assert "frame-ancestors 'none'" in second["Content-Security-Policy"]
    assert second["X-Content-Type-Options"] == "nosniff"
    assert second["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("url", ["/feed/", "/sitemap.xml", "/compare/fibre-types/"])
def test_feed_sitemap_and_comparison_pages_are_cached_too(reader, placed, url):
    warm(reader, url)


def test_cold_article_page_takes_six_queries_with_tables_right_after_an_edit(
    reader, topic, django_assert_num_queries
):
    for n in range(3):
        make_comparison(slug=f"table-{n}", rows=[(f"Row {r}", "a", "b") for r in range(20)])
    body = "\n\n".join(f"## Part {n}\n\n[[comparison table-{n}]]" for n in range(3))
    article = make_article(body=body, topic=topic)
    make_key_points(article, 6)
    make_article(slug="related", topic=topic)
    warm(reader, article.get_absolute_url())
    article.dek = "Edited a moment ago."
    article.save()

    # Article with topic, people and disclaimer; key points; references; questions; all
    # placed tables (their stored HTML); related articles.
    with django_assert_num_queries(6):
        response = reader.get(article.get_absolute_url())

    assert response["X-Cache"] == "MISS"
    assert "Edited a moment ago." in response.text
    assert response.text.count("<caption>") == 3


# Fresh after every kind of edit ---------------------------------------------------------------


def edit_article(article, comparison):
    article.title = "Fibre, revised"
    article.save()
    return "Fibre, revised"


def add_key_point(article, comparison):
    KeyPoint.objects.create(article=article, position=9, lead="A new lead.", text="And more.")
    return "A new lead."


def delete_reference(article, comparison):
    Reference.objects.get(article=article, position=2).delete()
    return "!Study 2"


def edit_placed_comparison(article, comparison):
    (row,) = comparison.rows.all()
    comparison.write_table(
        [Column(s.name, s.position, s.pk) for s in comparison.subjects.all()],
        [Line("Daily dose", 1, ["7 g", "12 g"], row.pk)],
    )
    return "Daily dose"


def unpublish_placed_comparison(article, comparison):
    comparison.status = Status.DRAFT
    comparison.save()
    return "!<caption>"


def edit_question(article, comparison):
    question = article.questions.get()
    question.answer = "Yes, *slowly*."
    question.save()
    return "Yes, <em>slowly</em>."


def add_question(article, comparison):
    make_question(article=article, question="How much a day?", slug="how-much")
    return "How much a day?"


def edit_disclaimer(article, comparison):
    Disclaimer(text="Talk to your own doctor first.").save()
    return "Talk to your own doctor first."


def rename_topic(article, comparison):
    article.topic.name = "Digestion"
    article.topic.save()
    return "Digestion"


def rename_author(article, comparison):
    article.author.name = "Dr Ruth Fibre"
    article.author.save()
    return "Dr Ruth Fibre"


@pytest.mark.parametrize(
    "edit",
    [
        edit_article,
        add_key_point,
        delete_reference,
        edit_placed_comparison,
        unpublish_placed_comparison,
        edit_question,
        add_question,
        edit_disclaimer,
        rename_topic,
        rename_author,
    ],
)
def test_every_kind_of_edit_shows_on_the_next_request(reader, placed, edit):
    article, comparison = placed
    warm(reader, ARTICLE_URL)

    expected = edit(article, comparison)

    response = reader.get(ARTICLE_URL)
    assert response["X-Cache"] == "MISS"
    if expected.startswith("!"):
        assert expected[1:] not in response.text
    else:
        assert expected in response.text
    assert reader.get(ARTICLE_URL)["X-Cache"] == "HIT"


def test_unpublishing_and_deleting_an_article_empty_every_page_that_showed_it(reader, placed):
    article, _ = placed
    for url in ("/", "/articles/", "/topics/gut-health/", ARTICLE_URL, "/feed/"):
        assert article.title in warm(reader, url).text

    article.status = Status.REVIEW
    article.save()

    assert reader.get(ARTICLE_URL).status_code == 404
    for url in ("/", "/articles/", "/topics/gut-health/", "/feed/"):
        assert article.title not in reader.get(url).text

    article.status = Status.PUBLISHED
    article.save()
    assert article.title in warm(reader, "/").text
    article.delete()
    assert article.title not in reader.get("/").text


def test_an_editors_save_in_the_admin_shows_to_readers_at_once(reader, staff_client, placed):
    article, _ = placed
    warm(reader, ARTICLE_URL)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = admin_form(staff_client, url)
    data["dek"] = "Saved by an editor just now."

    assert staff_client.post(url, data).status_code == 302

    response = reader.get(ARTICLE_URL)
    assert response["X-Cache"] == "MISS"
    assert "Saved by an editor just now." in response.text


def test_saving_something_readers_never_see_keeps_the_cache(reader, placed):
    warm(reader, ARTICLE_URL)

    make_reader("someone")
    User.objects.filter(username="someone").update(first_name="Some")

    assert reader.get(ARTICLE_URL)["X-Cache"] == "HIT"


def test_a_transaction_starts_one_more_generation_when_it_commits(
    reader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        article = make_article()
        make_key_points(article, 3)
        KeyPoint.objects.filter(position=3).delete()
        article.title = "Fibre, committed"
        article.save()
    # Once per transaction, however many records it writes (the other callbacks are not the
    # page cache's: the editorial checks recount the article once per transaction too).
    callbacks = [callback for callback in callbacks if callback is _new_generation_after_commit]
    assert len(callbacks) == 1
    # Until then, a reader in another transaction may have stored what it read before.
    warm(reader, ARTICLE_URL)

    callbacks[0]()

    assert reader.get(ARTICLE_URL)["X-Cache"] == "MISS"


# Scheduled times ------------------------------------------------------------------------------


def test_a_scheduled_article_appears_when_its_time_comes(reader, placed):
    due = timezone.now() + datetime.timedelta(seconds=2.5)
    scheduled = make_article(title="Coming soon", slug="coming-soon", published_at=due)
    assert "Coming soon" not in warm(reader, "/").text
    assert reader.get(scheduled.get_absolute_url()).status_code == 404

    wait_until(due)

    response = reader.get("/")
    assert response["X-Cache"] == "MISS"
    assert "Coming soon" in response.text
    assert reader.get(scheduled.get_absolute_url()).status_code == 200


def test_after_a_commit_the_schedule_is_read_from_the_database(
    reader, db, django_capture_on_commit_callbacks
):
    due = timezone.now() + datetime.timedelta(seconds=2.5)
    with django_capture_on_commit_callbacks() as callbacks:
        make_question(question="Due soon?", slug="due-soon", published_at=due)
    # Forget what the save itself told the cache: only the database knows the schedule now.
    start_generation(math.inf)
    callbacks[0]()
    assert "Due soon?" not in warm(reader, "/faq/").text

    wait_until(due)

    assert "Due soon?" in reader.get("/faq/").text


# Never cached ---------------------------------------------------------------------------------


def test_staff_pages_are_never_cached_nor_served_from_the_cache(reader, staff_client, placed):
    warm(reader, ARTICLE_URL)

    for _ in range(2):
        response = staff_client.get(ARTICLE_URL)
        assert response.status_code == 200
        assert "X-Cache" not in response
        assert "Content-Encoding" not in response


def test_a_staff_preview_never_reaches_readers(reader, staff_client, db):
    draft = make_article(status=Status.DRAFT, title="Secret draft")

    assert "Secret draft" in staff_client.get(draft.get_absolute_url()).text

    response = reader.get(draft.get_absolute_url())
    assert response.status_code == 404
    assert "Secret draft" not in response.text


def test_a_reader_with_a_session_is_not_served_from_the_cache(reader, placed):
    warm(reader, ARTICLE_URL)
    signed_in = Client()
    signed_in.force_login(make_reader())

    for _ in range(2):
        response = signed_in.get(ARTICLE_URL)
        assert response.status_code == 200
        assert "X-Cache" not in response


def test_responses_that_set_a_cookie_are_neither_stored_nor_compressed(reader, db):
    url = reverse("admin:login")
    for _ in range(2):
        response = reader.get(url, headers={"Accept-Encoding": "gzip, br"})
        assert response.status_code == 200
        assert "csrftoken" in response.cookies
        assert response.get("X-Cache") != "HIT"
        # A CSRF token beside reflected input is not compressed (BREACH).
        assert "Content-Encoding" not in response


def test_only_get_and_head_are_cached(reader, placed):
    warm(reader, ARTICLE_URL)

    response = reader.post(ARTICLE_URL)

    assert response.status_code == 405
    assert "X-Cache" not in response


def test_head_is_answered_from_the_cache_without_a_body(reader, placed):
    page = warm(reader, ARTICLE_URL)

    response = reader.head(ARTICLE_URL)

    assert response["X-Cache"] == "HIT"
    assert response.content == b""
    assert response["Content-Length"] == str(len(page.content))


@pytest.mark.parametrize(
    "query", ["utm_source=x", "page=2", "page=02", "q=fibre", "page=1&x=1", "x=" + "a" * 500]
)
def test_query_string_junk_is_never_stored(reader, placed, query):
    for _ in range(2):
        response = reader.get(f"{ARTICLE_URL}?{query}")
        assert response.status_code == 200
        assert response.get("X-Cache") != "HIT"


@pytest.mark.parametrize("host", ["TestServer", "testserver:8080", "testserver:1"])
def test_host_header_variants_are_never_stored(reader, placed, host):
    for _ in range(2):
        response = reader.get(ARTICLE_URL, headers={"Host": host})
        assert response.status_code == 200
        assert response.get("X-Cache") != "HIT"


def test_page_numbers_of_paginated_lists_are_cached(reader, db):
    for n in range(14):
        make_article(title=f"Article {n:02}", slug=f"article-{n}")

    response = warm(reader, "/articles/?page=2")

    assert "Article" in response.text
    assert reader.get("/articles/?page=9").status_code == 404
    assert reader.get("/articles/?page=9").status_code == 404


def test_search_results_stay_uncached(reader, placed):
    for _ in range(2):
        response = reader.get("/search/?q=fibre")
        assert response.status_code == 200
        assert "X-Cache" not in response


def test_with_the_page_cache_off_every_request_runs_the_view(reader, placed, settings):
    settings.PAGE_CACHE = False
    client = Client()  # middleware reads the setting when a client first loads it

    for _ in range(2):
        response = client.get(ARTICLE_URL, headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200
        assert "X-Cache" not in response
        assert response["Content-Encoding"] == "gzip"


# Conditional GET and compression --------------------------------------------------------------


def test_a_matching_etag_gets_304_until_the_page_changes(reader, placed):
    article, _ = placed
    etag = warm(reader, ARTICLE_URL)["ETag"]

    not_modified = reader.get(ARTICLE_URL, headers={"If-None-Match": etag})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag

    article.title = "Fibre, changed"
    article.save()
    changed = reader.get(ARTICLE_URL, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert reader.get(ARTICLE_URL, headers={"If-None-Match": changed["ETag"]}).status_code == 304


def test_uncached_pages_answer_304_too(reader, placed):
    response = reader.get("/search/?q=fibre")
    again = reader.get("/search/?q=fibre", headers={"If-None-Match": response["ETag"]})

    assert again.status_code == 304


@pytest.mark.parametrize(
    ("accept", "encoding", "decode"),
    [
        ("gzip", "gzip", gzip.decompress),
        ("gzip, deflate, br", "br", brotli.decompress),
        ("br;q=0, gzip", "gzip", gzip.decompress),
    ],
)
def test_pages_are_stored_and_served_compressed(reader, placed, accept, encoding, decode):
    responses = [reader.get(ARTICLE_URL, headers={"Accept-Encoding": accept}) for _ in range(2)]
    plain = reader.get(ARTICLE_URL)

    assert [response["X-Cache"] for response in responses] == ["MISS", "HIT"]
    assert plain["X-Cache"] == "HIT" and "Content-Encoding" not in plain
    for response in responses:
        assert response["Content-Encoding"] == encoding
        assert int(response["Content-Length"]) == len(response.content) < len(plain.content) / 2
        assert decode(response.content) == plain.content
        assert "Accept-Encoding" in response["Vary"]


def test_uncached_pages_are_compressed_per_request(reader, placed):
    response = reader.get("/search/?q=fibre", headers={"Accept-Encoding": "br"})

    assert response["Content-Encoding"] == "br"
    assert b"Fibre and the microbiome" in brotli.decompress(response.content)


def test_tiny_responses_are_not_compressed(reader, db):
    response = reader.get("/robots.txt", headers={"Accept-Encoding": "gzip"})

    assert "Content-Encoding" not in response
    assert response.text.startswith("User-agent: *")
    assert reader.get("/robots.txt", headers={"Accept-Encoding": "gzip"})["X-Cache"] == "HIT"


def test_rerendering_every_stored_html_empties_the_page_cache(reader, placed):
    warm(reader, ARTICLE_URL)

    call_command("rerender_markdown", stdout=io.StringIO())

    assert reader.get(ARTICLE_URL)["X-Cache"] == "MISS"


def test_writes_without_signals_call_content_changed(reader, placed):
    article, _ = placed
    warm(reader, ARTICLE_URL)

    type(article).objects.filter(pk=article.pk).update(dek="Changed by update().")
    content_changed()

    assert "Changed by update()." in reader.get(ARTICLE_URL).text


@pytest.mark.parametrize("record", ["a-token-alone", ("token", "soon", 3), None])
def test_an_unreadable_generation_starts_a_new_one(reader, placed, record):
    warm(reader, ARTICLE_URL)
    page_cache().set(GENERATION_KEY, record, timeout=None)

    assert reader.get(ARTICLE_URL)["X-Cache"] == "MISS"
    assert reader.get(ARTICLE_URL)["X-Cache"] == "HIT"
