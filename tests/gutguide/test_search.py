"""Reader search at /search/: every kind of content, ranked, stemmed, with marked excerpts,
and no query that breaks it. The same tests run on SQLite (FTS5) and PostgreSQL."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import KeyPoint
from comparisons.models import Column, Line
from gutguide import search
from tests.factories import make_article, make_comparison, make_question
from tests.pages import search_results

SEARCH = "/search/"


def results(client, query, **params):
    response = client.get(SEARCH, {"q": query, **params})
    assert response.status_code == 200, response.status_code
    return search_results(response.text)


def found(client, query):
    return [(result["kind"], result["title"]) for result in results(client, query)]


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


# --- Every kind of content ---------------------------------------------------------------------


def test_articles_are_found_by_title_dek_summary_key_points_and_body(client, db):
    article = make_article(
        title="Kefir for beginners",
        slug="kefir",
        dek="A fermented drink with a tang.",
        summary="Start with **small glasses**.",
        body="## Making it\n\nGrains ferment the milk overnight.",
    )
    KeyPoint.objects.create(
        article=article, position=1, lead="Probiotic.", text="Kefir carries lactobacilli."
    )

    for query in ["kefir", "tang", "glasses", "lactobacilli", "overnight"]:
        assert found(client, query) == [("article", "Kefir for beginners")], query


def test_comparisons_are_found_by_title_intro_subjects_features_and_values(client, db):
    make_comparison(
        slug="psyllium-vs-inulin",
        title="Psyllium vs inulin",
        intro="Two *fibres* compared.",
        subjects=("Psyllium husk", "Chicory inulin"),
        rows=[("Fermentation speed", "Slow and gentle", "Quick, can cause wind")],
    )

    for query in ["psyllium", "fibres", "chicory", "fermentation", "gentle", "wind"]:
        assert found(client, query) == [("comparison", "Psyllium vs inulin")], query


def test_questions_are_found_by_question_and_answer(client, db):
    make_question(question="Can I drink kombucha daily?", answer="Yes, in *moderation*.")

    assert found(client, "kombucha") == [("question", "Can I drink kombucha daily?")]
    assert found(client, "moderation") == [("question", "Can I drink kombucha daily?")]


def test_each_result_shows_its_kind_title_and_the_right_place(client, db):
    article = make_article(title="Oats and the gut", slug="oats", body="Oats feed bacteria.")
    make_comparison(slug="oats-vs-rice", title="Oats vs rice", subjects=("Oats", "Rice"))
    make_question(question="Are oats gluten free?", slug="oats-gluten", article=article)
    make_question(question="Porridge or oats?", slug="porridge", answer="Oats either way.")

    by_title = {result["title"]: result for result in results(client, "oats")}

    assert {title: (r["label"], r["url"]) for title, r in by_title.items()} == {
        "Oats and the gut": ("Article", "/articles/oats/"),
        "Oats vs rice": ("Comparison", "/compare/oats-vs-rice/"),
        "Are oats gluten free?": ("Question", "/articles/oats/#oats-gluten"),
        "Porridge or oats?": ("Question", "/faq/#porridge"),
    }
    page = client.get(SEARCH, {"q": "gluten"}).text
    assert "Answered in the article “Oats and the gut”" in page


# --- Ranking -------------------------------------------------------------------------------------


def test_a_title_match_ranks_above_a_summary_match_above_a_body_match(client, db):
    # The body match is the newest, the title match the oldest: the place decides first.
    make_article(title="In the body", slug="body", body="Miso soup.", published_at=days_ago(1))
    make_article(title="In the summary", slug="summary", summary="Miso.", published_at=days_ago(2))
    make_comparison(slug="in-features", title="In the features", rows=[("Miso", "a", "b")])
    make_question(question="Is miso salty?", answer="Quite.")
    make_article(title="Miso basics", slug="title", published_at=days_ago(30))

    assert [title for _, title in found(client, "miso")] == [
        "Is miso salty?",  # title (published now: the newest of the two title matches)
        "Miso basics",  # title
        "In the features",  # summary (features count as summary)
        "In the summary",  # summary, older than the comparison
        "In the body",  # body
    ]


def test_every_word_must_match_and_all_of_them_in_the_title_ranks_first(client, db):
    make_article(title="Ginger tea", slug="both", body="Warming.", published_at=days_ago(9))
    make_article(title="Ginger", slug="one", body="Make tea with it.", published_at=days_ago(1))
    make_article(title="Tea", slug="other", body="Ginger helps.", published_at=days_ago(2))
    make_article(title="Ginger only", slug="neither", body="No leaves here.")

    assert [title for _, title in found(client, "ginger tea")] == ["Ginger tea", "Ginger", "Tea"]


def test_ties_go_to_the_most_recently_published(client, db):
    for days in (5, 1, 3):
        make_article(title=f"Fennel {days}", slug=f"fennel-{days}", published_at=days_ago(days))

    assert [title for _, title in found(client, "fennel")] == ["Fennel 1", "Fennel 3", "Fennel 5"]


# --- Word forms ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("tests", "We tested it."),
        ("testing", "Two tests."),
        ("fermented", "It ferments slowly."),
        ("Digestion", "How we digest."),
        ("cafe", "Café culture."),
        ("purée", "A pumpkin puree."),
    ],
)
def test_word_forms_and_accents_find_each_other(client, db, query, text):
    make_article(title="Notes", slug="notes", body=text)

    assert found(client, query) == [("article", "Notes")]


def test_common_words_alone_are_not_searched(client, db):
    make_article(title="The gut and you", slug="gut")

    response = client.get(SEARCH, {"q": "the and"})

    assert response.status_code == 200
    assert search_results(response.text) == []
    assert "has no words specific enough to search for" in response.text
    assert found(client, "the gut") == [("article", "The gut and you")]


# --- Excerpts ------------------------------------------------------------------------------------


def test_excerpt_marks_the_matched_word_forms_and_escapes_the_rest(client, db):
    make_article(
        title="Water",
        slug="water",
        summary="Use <b>fibre</b> & water; tested on 1 < 2 readers.",
        body="Fibre <script>alert(1)</script> and more &lt;mark&gt; text.",
    )

    (result,) = results(client, "tests")

    assert "<mark>tested</mark>" in result["excerpt"]
    assert "&amp; water" in result["excerpt"]
    assert "1 &lt; 2" in result["excerpt"]
    assert "<b>" not in result["excerpt"]
    page = client.get(SEARCH, {"q": "text"}).text
    assert "&lt;mark&gt; <mark>text</mark>" in page
    assert "<script>" not in page
    assert "alert(1)" not in page


def test_excerpt_of_a_comparison_quotes_its_cells(client, db):
    make_comparison(
        slug="zinc-vs-magnesium",
        subjects=("Zinc", "Magnesium"),
        rows=[("Found in", "Oysters and *seeds*", "Leafy greens")],
    )

    (result,) = results(client, "oysters")

    assert (
        "Found in — Zinc: <mark>Oysters</mark> and seeds; Magnesium: Leafy greens."
        in (result["excerpt"])
    )


def test_excerpt_is_the_start_of_the_text_when_only_the_title_matches(client, db):
    make_question(question="Why is turmeric yellow?", answer="Curcumin gives the colour.")

    (result,) = results(client, "turmeric")

    assert result["excerpt"] == "Curcumin gives the colour."


# --- Queries that must not break it --------------------------------------------------------------


BAD_QUERIES = {
    "empty": "",
    "spaces": "   ",
    "one thousand characters": "gut " * 250,
    "one long word": "x" * 1000,
    "double quote": 'gut "lining',
    "star": "gut*",
    "near": "NEAR(gut lining)",
    "near with number": "gut NEAR/2 lining",
    "minus": "-gut",
    "or": "gut OR lining",
    "and not": "gut AND NOT lining",
    "unbalanced parentheses": "((gut lining",
    "column filter": "title:gut",
    "braces": "{title summary}: gut",
    "caret": "^gut",
    "plus": "+gut +lining",
    "tsquery syntax": "gut & !lining | (a <-> b):*",
    "backslash": "gut\\",
    "percent": "100% gut_lining",
    "quote": "gut's l'ining",
    "sql": "'; DROP TABLE gutguide_searchentry; --",
    "emoji": "🦠 gut",
    "cjk": "肠道 健康",
    "right to left": "أمعاء",
    "combining marks": "cafe\u0301 \u0301",
    "only punctuation": "!?*()\"'",
    "many words": " ".join(f"word{n}" for n in range(40)),
    "stop words": "the and of or not",
}


@pytest.mark.parametrize("query", BAD_QUERIES.values(), ids=BAD_QUERIES.keys())
def test_odd_queries_answer_a_page_not_an_error(client, db, query):
    make_article(title="Gut lining", slug="gut-lining", body="The gut lining renews.")

    response = client.get(SEARCH, {"q": query})

    assert response.status_code == 200
    assert 'name="q"' in response.text


@pytest.mark.parametrize(
    "raw",
    ["%ff%fe", "gut%ED%A0%80", "%C0%AF", "gut%E2%82", "%F4%90%80%80"],
    ids=["invalid utf-8", "lone surrogate", "overlong", "truncated", "beyond unicode"],
)
def test_undecodable_queries_answer_a_page(client, db, raw):
    make_article(title="Gut lining", slug="gut-lining")

    response = client.get(f"{SEARCH}?q={raw}")

    assert response.status_code == 200


def test_lone_surrogates_and_nul_bytes_in_text_are_not_words():
    assert search.terms("gut\ud800lining\x00 \udfff") == ["gut", "lining"]
    assert search.find(search.terms("\ud800")) == ([], 0)


@pytest.mark.parametrize(
    "params",
    [{"q": "gut\x00"}, {"q": "gut", "page": "abc"}, {"q": "gut", "page": "99"}],
    ids=["nul", "page-not-a-number", "page-too-far"],
)
def test_bad_search_input_is_a_4xx(client, db, params):
    make_article(title="Gut lining", slug="gut-lining")

    assert 400 <= client.get(SEARCH, params).status_code < 500


def test_a_query_with_no_results_says_so(client, db):
    make_article(title="Gut lining", slug="gut-lining")

    response = client.get(SEARCH, {"q": "zebra"})

    assert response.status_code == 200
    assert "No results for “zebra”." in response.text
    assert search_results(response.text) == []


def test_the_query_is_escaped_on_the_page(client, db):
    response = client.get(SEARCH, {"q": '<script>alert("x")</script>'})

    assert response.status_code == 200
    assert '<script>alert("x")' not in response.text
    assert "&lt;script&gt;" in response.text


def test_empty_search_shows_the_form(client, db):
    response = client.get(SEARCH)

    assert response.status_code == 200
    assert 'name="q"' in response.text
    assert response.context["page_obj"] is None


def test_head_is_answered_like_get(client, db):
    assert client.head(SEARCH, {"q": "gut"}).status_code == 200


# --- Pages and queries ---------------------------------------------------------------------------


def test_results_paginate_and_keep_the_query(client, db):
    for n in range(12):
        make_article(title=f"Fibre note {n}", slug=f"fibre-{n}", body="fibre")

    first = client.get(SEARCH, {"q": "fibre"})
    second = client.get(SEARCH, {"q": "fibre", "page": "2"})

    assert "12 results for “fibre”." in first.text
    assert len(search_results(first.text)) == 10
    assert 'href="?q=fibre&amp;page=2"' in first.text
    assert len(search_results(second.text)) == 2


def library(size, start=0):
    """`size` published articles, comparisons and questions that mention gut flora, one of
    each per day, the newest first."""
    for n in range(start, start + size):
        date = days_ago(n + 1)
        article = make_article(
            title=f"Gut flora {n}", slug=f"flora-{n}", body="Gut flora.", published_at=date
        )
        make_question(
            question=f"Gut flora question {n}?", slug=f"q-{n}", article=article, published_at=date
        )
        comparison = make_comparison(
            slug=f"flora-table-{n}", title=f"Gut flora table {n}", published_at=date
        )
        comparison.write_table(
            [Column("Alpha", 1), Column("Beta", 2)], [Line("Gut flora", 1, ["a", "b"])]
        )


def queries_for(client, query):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    return len(captured), len(search_results(response.text))


def test_search_queries_do_not_grow_with_the_results(client, db):
    library(1)
    few = queries_for(client, "flora")
    library(15, start=1)  # 16 of each kind: 48 results, a full page of 10 with every kind
    many = queries_for(client, "flora")

    # The page of results with the total, the excerpts, then each kind's records (articles,
    # comparisons, questions), the site-wide disclaimer.
    assert few == (6, 3)
    assert many == (6, 10)


def test_a_search_without_results_takes_two_queries(client, db, django_assert_num_queries):
    library(3)

    with django_assert_num_queries(2):  # the search, the disclaimer
        client.get(SEARCH, {"q": "zebra"})


def test_a_query_without_words_asks_for_one(client, db):
    html = client.get(SEARCH, {"q": "!!!"}).text

    assert "“!!!” has no words specific enough to search for." in html


def test_head_requests_to_robots_txt_are_answered(client, db):
    assert client.head("/robots.txt").status_code == 200
