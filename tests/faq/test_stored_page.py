"""/faq/ pages are stored once per content generation (faq.views, gutguide.pagecache.Fragment)
under their topic and page number: with the page cache off a request takes no query, every
edit they show is on the very next request, and only pages asked for as their own links ask
for them are stored."""

import datetime

import pytest
from django.utils import timezone

from faq.views import QUESTIONS_PER_PAGE
from gutguide import pagecache
from tests.factories import make_question
from tests.gutguide import test_pagecache as edits
from tests.pages import queries_for, wait_until


@pytest.mark.parametrize("url", ["/faq/", "/faq/?topic=gut-health"])
def test_a_stored_faq_page_takes_no_query(uncached, placed, url):
    first, cold = queries_for(uncached, url)
    second, warm = queries_for(uncached, url)

    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert 0 < cold <= 5
    assert warm == 0
    assert "Is fibre safe?" in second.text
    assert f'<link rel="canonical" href="http://testserver{url}">' in second.text
    assert f'"@id": "http://testserver{url}#faq"' in second.text


def test_the_stored_page_has_the_absolute_urls_of_each_request(uncached, placed):
    uncached.get("/faq/")

    response = uncached.get("/faq/", headers={"Host": "127.0.0.1"})

    assert '<link rel="canonical" href="http://127.0.0.1/faq/">' in response.text
    assert '"@id": "http://127.0.0.1/faq/#faq"' in response.text
    assert "testserver" not in response.text


def test_a_topics_page_read_with_other_parameters_links_to_itself_as_written(uncached, placed):
    uncached.get("/faq/?topic=gut-health&utm_source=newsletter")

    response, queries = queries_for(uncached, "/faq/?topic=gut-health&ref=<b>x</b>")

    assert queries == 0
    assert "<title>Gut health: frequently asked questions · GutGuide</title>" in response.text
    assert '<a href="/faq/?topic=gut-health" aria-current="page">Gut health</a>' in response.text
    assert "utm_source" not in response.text
    assert "&lt;b&gt;" not in response.text


@pytest.mark.parametrize("query", ["page=01", "page=last", "page=+1"])
def test_pages_asked_for_in_other_ways_are_served_but_never_stored(uncached, placed, query):
    for _ in range(2):
        response, queries = queries_for(uncached, f"/faq/?{query}")
        assert response.status_code == 200
        assert "Is fibre safe?" in response.text
        assert queries > 0


def test_pages_that_do_not_exist_are_never_stored(uncached, placed):
    uncached.get("/faq/")
    for _ in range(2):
        assert uncached.get("/faq/?topic=").status_code == 404
        assert uncached.get("/faq/?topic=no-such-topic").status_code == 404
        assert uncached.get("/faq/?page=9").status_code == 404
    assert pagecache.Fragment("faq:no-such-topic:1").read() is None
    assert pagecache.Fragment("faq::9").read() is None


def test_each_page_of_many_is_stored_on_its_own(uncached, placed):
    article, _ = placed
    for number in range(QUESTIONS_PER_PAGE):
        make_question(article=article, question=f"Extra {number:03}?", slug=f"extra-{number}")
    uncached.get("/faq/")
    uncached.get("/faq/?page=2")

    first, first_queries = queries_for(uncached, "/faq/")
    second, second_queries = queries_for(uncached, "/faq/?page=2")

    assert first_queries == second_queries == 0
    assert first.content != second.content
    assert "Frequently asked questions (page 2) · GutGuide" in second.text


def rename_article(article, comparison):
    article.title = "Fibre, revised"
    article.save()
    return 'From the article <a href="/articles/fibre-and-the-microbiome/">Fibre, revised</a>'


@pytest.mark.parametrize(
    "edit",
    [
        edits.edit_question,
        edits.add_question,
        edits.rename_topic,
        edits.edit_disclaimer,
        rename_article,
    ],
)
def test_every_edit_the_page_shows_is_on_the_next_request(uncached, placed, edit):
    article, comparison = placed
    uncached.get("/faq/")
    assert queries_for(uncached, "/faq/")[1] == 0

    expected = edit(article, comparison)

    response, queries = queries_for(uncached, "/faq/")
    assert queries > 0
    assert expected in response.text
    assert queries_for(uncached, "/faq/")[1] == 0


def test_a_scheduled_question_shows_when_its_time_comes(uncached, placed):
    article, _ = placed
    due = timezone.now() + datetime.timedelta(seconds=2)
    make_question(article=article, question="Due soon?", slug="due-soon", published_at=due)
    assert "Due soon?" not in uncached.get("/faq/").text
    assert queries_for(uncached, "/faq/")[1] == 0

    wait_until(due)

    response, queries = queries_for(uncached, "/faq/")
    assert queries > 0
    assert "Due soon?" in response.text
