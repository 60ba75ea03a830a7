"""A comparison's page is stored once per content generation (comparisons.views,
gutguide.pagecache.Fragment), like an article's: with the page cache off a request for a
public comparison takes no query, every edit it shows is on the very next request, and staff
previews are never stored."""

import pytest

from gutguide import pagecache
from gutguide.models import Status
from tests.factories import make_article, make_comparison
from tests.gutguide import test_pagecache as edits
from tests.pages import queries_for

URL = "/compare/fibre-types/"


def test_a_stored_comparison_page_takes_no_query(uncached, placed):
    first, cold = queries_for(uncached, URL)
    second, warm = queries_for(uncached, URL)

    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert 0 < cold <= 3
    assert warm == 0
    assert "<caption>" in second.text
    assert "Fibre and the microbiome" in second.text  # "Appears in"
    assert "It does not replace advice from a doctor" in second.text  # the disclaimer
    assert '<link rel="canonical" href="http://testserver/compare/fibre-types/">' in second.text


def test_the_stored_page_has_the_canonical_url_of_each_request(uncached, placed):
    uncached.get(URL)

    response = uncached.get(URL, headers={"Host": "127.0.0.1"})

    assert '<link rel="canonical" href="http://127.0.0.1/compare/fibre-types/">' in response.text
    assert "testserver" not in response.text


def rename_placing_article(article, comparison):
    article.title = "Fibre, revised"
    article.save()
    return "Fibre, revised"


def unpublish_placing_article(article, comparison):
    article.status = Status.DRAFT
    article.save()
    return "!Fibre and the microbiome"


def place_in_another_article(article, comparison):
    make_article(title="Types of fibre", slug="types-of-fibre", body="[[comparison fibre-types]]")
    return "Types of fibre"


@pytest.mark.parametrize(
    "edit",
    [
        edits.edit_placed_comparison,
        edits.edit_disclaimer,
        rename_placing_article,
        unpublish_placing_article,
        place_in_another_article,
    ],
)
def test_every_edit_the_page_shows_is_on_the_next_request(uncached, placed, edit):
    article, comparison = placed
    uncached.get(URL)
    assert queries_for(uncached, URL)[1] == 0

    expected = edit(article, comparison)

    response, queries = queries_for(uncached, URL)
    assert queries > 0
    if expected.startswith("!"):
        assert expected[1:] not in response.text
    else:
        assert expected in response.text
    assert queries_for(uncached, URL)[1] == 0


def test_an_unpublished_comparison_is_gone_at_once(uncached, placed):
    _, comparison = placed
    uncached.get(URL)

    comparison.status = Status.REVIEW
    comparison.save()

    assert uncached.get(URL).status_code == 404


def test_staff_previews_render_afresh_and_are_never_stored(uncached, staff_client, db):
    make_comparison(slug="fibre-types", status=Status.DRAFT, title="Secret table")

    for _ in range(2):
        response, queries = queries_for(staff_client, URL)
        assert "Preview: readers cannot see this comparison" in response.text
        assert "no-store" in response["Cache-Control"]
        assert queries > 0

    assert pagecache.Fragment("comparison:fibre-types").read() is None
    assert uncached.get(URL).status_code == 404


def test_unknown_slugs_are_never_stored(uncached, db):
    for _ in range(2):
        assert uncached.get("/compare/no-such-table/").status_code == 404
    assert pagecache.Fragment("comparison:no-such-table").read() is None


def test_with_stored_pages_off_every_request_renders_the_page(uncached, placed, settings):
    settings.STORED_PAGES = False

    first, cold = queries_for(uncached, URL)
    second, again = queries_for(uncached, URL)

    assert second.content == first.content
    assert 0 < cold == again
