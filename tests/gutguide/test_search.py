"""Reader search: published articles containing every word, with marked excerpts."""

import pytest

from gutguide.models import Status
from tests.factories import make_article


@pytest.fixture
def library(db):
    make_article(
        title="Glutamine and the gut lining",
        slug="glutamine",
        summary="How **glutamine** feeds enterocytes.",
        body="## Fuel\n\nEnterocytes burn glutamine for energy.",
    )
    make_article(
        title="Antioxidants explained",
        slug="antioxidants",
        summary="Glutathione and friends.",
        body="Glutamine is a precursor of glutathione.",
    )
    make_article(
        title="Glutamine draft",
        slug="draft",
        body="glutamine",
        status=Status.DRAFT,
    )


def titles(response):
    return [article.title for article in response.context["page_obj"].object_list]


def test_search_finds_published_articles_with_every_word_title_matches_first(client, library):
    response = client.get("/search/", {"q": "glutamine"})

    assert response.status_code == 200
    assert titles(response) == ["Glutamine and the gut lining", "Antioxidants explained"]
    assert "2 articles found for “glutamine”." in response.text


def test_every_word_must_appear(client, library):
    response = client.get("/search/", {"q": "glutamine precursor"})

    assert titles(response) == ["Antioxidants explained"]


def test_excerpt_marks_the_words_and_escapes_the_rest(client, db):
    make_article(slug="x", summary="Use <b>fibre</b> & water.", body="Fibre <script>x</script>")

    response = client.get("/search/", {"q": "fibre"})

    assert "Use <mark>fibre</mark> &amp; water." in response.text
    assert "<script>x" not in response.text


def test_query_is_escaped_on_the_page(client, db):
    response = client.get("/search/", {"q": '<script>alert("x")</script>'})

    assert response.status_code == 200
    assert '<script>alert("x")' not in response.text
    assert "&lt;script&gt;" in response.text


def test_empty_search_shows_the_form(client, db):
    response = client.get("/search/")

    assert response.status_code == 200
    assert 'name="q"' in response.text
    assert response.context["page_obj"] is None


@pytest.mark.parametrize(
    "params",
    [{"q": "gut\x00"}, {"q": "glutamine", "page": "abc"}, {"q": "glutamine", "page": "99"}],
    ids=["nul", "page-not-a-number", "page-too-far"],
)
def test_bad_search_input_is_a_4xx(client, library, params):
    assert 400 <= client.get("/search/", params).status_code < 500


def test_very_long_queries_are_cut_not_refused(client, library):
    response = client.get("/search/", {"q": "glutamine " + "x" * 5000})

    assert response.status_code == 200


def test_results_paginate_and_keep_the_query(client, db):
    for n in range(12):
        make_article(title=f"Fibre note {n}", slug=f"fibre-{n}", body="fibre")

    first = client.get("/search/", {"q": "fibre"})
    second = client.get("/search/", {"q": "fibre", "page": "2"})

    assert len(titles(first)) == 10
    assert 'href="?q=fibre&amp;page=2"' in first.text
    assert len(titles(second)) == 2


def test_search_queries_are_bounded(client, db, django_assert_max_num_queries):
    for n in range(30):
        make_article(title=f"Fibre note {n}", slug=f"fibre-{n}", body="fibre")

    with django_assert_max_num_queries(3):  # count, one page of results, disclaimer
        client.get("/search/", {"q": "fibre"})


def test_a_search_with_no_results_says_so(client, library):
    html = client.get("/search/", {"q": "xylophone"}).text

    assert "0 articles found for “xylophone”." in html
    assert "Try fewer or different words." in html
    assert "Type at least one word" not in html


def test_a_query_without_words_asks_for_one(client, library):
    assert "Type at least one word to search for." in client.get("/search/", {"q": "!!!"}).text


def test_head_requests_are_answered(client, library):
    assert client.head("/search/", {"q": "glutamine"}).status_code == 200
    assert client.head("/robots.txt").status_code == 200
