"""Comparison tables placed in articles with a line [[comparison <slug>]]: where they show,
what happens when they go away, and how the article form checks the lines."""

import pytest
from django.urls import reverse

from articles.models import Article
from comparisons.models import Comparison
from gutguide.models import Status
from tests.factories import make_article, make_comparison
from tests.pages import admin_form

ARTICLE_ADD = reverse("admin:articles_article_add")


def test_placed_comparison_renders_where_the_line_stands(client, db):
    make_comparison(rows=[("Use", "a", "b")])
    article = make_article(
        body="## Before\n\nIntro text.\n[[comparison a-vs-b]]\nAfter text.\n\n## Later\n\nEnd."
    )

    html = client.get(article.get_absolute_url()).text

    assert (
        html.index("Intro text.")
        < html.index("<caption>Comparison a-vs-b")
        < html.index("After text.")
    )
    assert "[[comparison" not in html


def test_placement_lines_in_the_stored_html_are_markers_not_text(db):
    make_comparison()
    article = make_article(body="[[comparison a-vs-b]]")

    assert article.body_html == "<!--comparison:a-vs-b-->"


def test_editor_comments_cannot_forge_a_placement_marker(client, db):
    make_comparison(rows=[("Use", "a", "b")])
    article = make_article(body="<!--comparison:a-vs-b-->\n\nText")

    html = client.get(article.get_absolute_url()).text

    assert "<caption>" not in html


def test_comparison_unpublished_later_leaves_the_article_readable(client, staff_client, db):
    comparison = make_comparison(rows=[("Use", "a", "b")])
    article = make_article(body="## Section\n\n[[comparison a-vs-b]]\n\nStill here.")
    Comparison.objects.filter(pk=comparison.pk).update(status=Status.DRAFT)

    response = client.get(article.get_absolute_url())
    admin_page = staff_client.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert response.status_code == 200
    assert "Still here." in response.text and "<caption>" not in response.text
    assert "The comparison “a-vs-b” placed in this article is not published" in (admin_page.text)


def test_comparison_deleted_later_leaves_the_article_readable(client, staff_client, db):
    comparison = make_comparison(rows=[("Use", "a", "b")])
    article = make_article(body="[[comparison a-vs-b]]\n\nStill here.")
    comparison.delete()

    assert client.get(article.get_absolute_url()).status_code == 200
    admin_page = staff_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "placed in this article is not published" in admin_page.text


def sized_comparison(slug, rows):
    return make_comparison(
        slug=slug,
        subjects=("A", "B", "C"),
        rows=[(f"Feature {n}", f"a{n}", f"b{n}", f"c{n}") for n in range(rows)],
    )


@pytest.mark.parametrize(("tables", "rows"), [(1, 2), (3, 20)], ids=["one-small", "three-large"])
def test_article_page_queries_do_not_grow_with_tables(
    client, topic, django_assert_num_queries, tables, rows
):
    slugs = [f"table-{n}" for n in range(tables)]
    for slug in slugs:
        sized_comparison(slug, rows)
    body = "\n\n".join(f"## Part {slug}\n\n[[comparison {slug}]]" for slug in slugs)
    article = make_article(body=body, topic=topic)
    make_article(slug="related", topic=topic)

    # The article page's 5 queries (see tests/articles/test_views.py), plus 1 for all placed
    # tables together: each comparison's stored table HTML.
    with django_assert_num_queries(6):
        html = client.get(article.get_absolute_url()).text

    assert html.count("<caption>") == tables
    assert html.count('<th scope="row">') == tables * rows


# --- The article form checks placement lines ---------------------------------------------


def new_article_with_body(client, body):
    """The article add page filled in as a draft with this body."""
    data = admin_form(client, ARTICLE_ADD)
    data.update({"title": "Placing", "slug": "placing", "status": Status.DRAFT, "body": body})
    return data


def test_unknown_comparison_slug_is_an_error_naming_it(staff_client):
    data = new_article_with_body(staff_client, "Text\n\n[[comparison nope-table]]")

    response = staff_client.post(ARTICLE_ADD, data)

    assert response.status_code == 200
    assert "No comparison has the slug “nope-table”" in response.text
    assert "[[comparison nope-table]]" in response.text
    assert not Article.objects.exists()


def test_a_draft_may_place_a_comparison_that_is_not_published_yet(staff_client, client):
    make_comparison(slug="drafty", status=Status.DRAFT, rows=[("Use", "a", "b")])

    response = staff_client.post(
        ARTICLE_ADD, new_article_with_body(staff_client, "[[comparison drafty]]")
    )

    assert response.status_code == 302
    article = Article.objects.get()
    preview = staff_client.get(article.get_absolute_url()).text
    assert "<caption>Comparison drafty</caption>" in preview
    assert "Not published yet: readers will see this table once it is published." in preview


def test_publishing_an_article_that_places_an_unpublished_comparison_is_an_error(staff_client):
    make_comparison(slug="drafty", status=Status.DRAFT)
    data = new_article_with_body(staff_client, "[[comparison drafty]]")
    data["status"] = Status.PUBLISHED

    response = staff_client.post(ARTICLE_ADD, data)

    assert response.status_code == 200
    assert "The comparison “drafty” is not published yet: publish it first" in response.text
    assert "[[comparison drafty]]" in response.text
    assert not Article.objects.exists()


def test_malformed_placement_line_is_explained(staff_client):
    make_comparison()

    response = staff_client.post(
        ARTICLE_ADD, new_article_with_body(staff_client, "[[ comparison  a-vs-b ]]")
    )

    assert "is not a comparison placement" in response.text


def test_placing_a_published_comparison_saves(staff_client):
    make_comparison()

    response = staff_client.post(
        ARTICLE_ADD, new_article_with_body(staff_client, "[[comparison a-vs-b]]")
    )

    assert response.status_code == 302
    assert Article.objects.get().placed_comparison_slugs() == ["a-vs-b"]
