"""Comparison tables: one record, edited as one table, placed inside articles."""

import datetime

import pytest
from django.utils import timezone
from pytest_django.asserts import assertHTMLEqual, assertInHTML

from articles.models import Article, Comparison, ComparisonValue, Status
from tests.conftest import make_article, make_comparison


def table_html(html, slug):
    start = html.index(f'id="comparison-{slug}"')
    start = html.index("<table", start)
    return html[start : html.index("</table>", start) + len("</table>")]


@pytest.mark.parametrize(
    "subjects",
    [("Glutamine", "Glutathione"), ("A", "B", "C"), ("One", "Two", "Three", "Four")],
    ids=["2-subjects", "3-subjects", "4-subjects"],
)
def test_table_markup_has_caption_column_and_row_headers(client, db, subjects):
    values = [f"{name} *value*" for name in subjects]
    comparison = make_comparison(
        subjects=subjects, rows=[("Absorption", *values), ("Food", *subjects)]
    )

    html = client.get(comparison.get_absolute_url()).text

    header = "".join(f'<th scope="col">{name}</th>' for name in subjects)
    first = "".join(f"<td>{name} <em>value</em></td>" for name in subjects)
    second = "".join(f"<td>{name}</td>" for name in subjects)
    assertHTMLEqual(
        table_html(html, comparison.slug),
        f"""
        <table class="comparison__table comparison__table--{len(subjects)}">
          <caption><span>Comparison a-vs-b</span></caption>
          <thead><tr><th scope="col">Feature</th>{header}</tr></thead>
          <tbody>
            <tr><th scope="row">Absorption</th>{first}</tr>
            <tr><th scope="row">Food</th>{second}</tr>
          </tbody>
        </table>
        """,
    )


def test_missing_value_shows_a_dash(client, db):
    comparison = make_comparison(rows=[("Only alpha", "yes")])

    html = client.get(comparison.get_absolute_url()).text

    assertInHTML('<td><span aria-label="no entry">–</span></td>', html)


def test_values_are_sanitized_inline_markdown(db):
    comparison = make_comparison(
        rows=[("Links", "[IFM](https://www.ifm.org/)", "<script>x</script>[y](javascript:z)")]
    )

    values = ComparisonValue.objects.filter(row__comparison=comparison).order_by("subject")

    assert values[0].text_html == (
        '<a href="https://www.ifm.org/" rel="noopener noreferrer">IFM</a>'
    )
    assert "<script" not in values[1].text_html
    assert "javascript" not in values[1].text_html


def test_comparison_page_shows_intro_and_where_it_appears(client, db):
    comparison = make_comparison(intro="Two **supplements**.", rows=[("Use", "a", "b")])
    make_article(title="Placing piece", slug="placing", body="[[comparison a-vs-b]]")
    make_article(
        title="Draft placing", slug="draft", body="[[comparison a-vs-b]]", status=Status.DRAFT
    )
    make_article(title="Other piece", slug="other")

    response = client.get("/compare/a-vs-b/")

    assert response.status_code == 200
    assert "<h1>Comparison a-vs-b</h1>" in response.text
    assert "Two <strong>supplements</strong>." in response.text
    appears_in = response.text.split('id="appears-in"', 1)[1]
    assert 'href="/articles/placing/"' in appears_in
    assert "Draft placing" not in appears_in and "Other piece" not in appears_in
    assert comparison.get_absolute_url() == "/compare/a-vs-b/"


def test_comparison_list_shows_published_only(client, db):
    make_comparison(slug="shown", title="Shown table")
    make_comparison(slug="hidden", title="Hidden table", status=Status.DRAFT)

    html = client.get("/compare/").text

    assert "Shown table" in html and "Hidden table" not in html


@pytest.mark.parametrize(
    "overrides",
    [{"status": Status.DRAFT}, {"published_at": timezone.now() + datetime.timedelta(days=1)}],
    ids=["draft", "future"],
)
def test_unpublished_comparison_is_404_for_readers(client, db, overrides):
    make_comparison(**overrides)

    assert client.get("/compare/a-vs-b/").status_code == 404


def test_staff_preview_an_unpublished_comparison(staff_client, db):
    make_comparison(status=Status.DRAFT)

    response = staff_client.get("/compare/a-vs-b/")

    assert response.status_code == 200
    assert "Preview: readers cannot see this comparison" in response.text
    assert "no-cache" in response["Cache-Control"]


# --- Placement in articles -----------------------------------------------------------------


def test_placed_comparison_renders_where_the_line_stands(client, db):
    make_comparison(rows=[("Use", "a", "b")])
    article = make_article(
        body="## Before\n\nIntro text.\n[[comparison a-vs-b]]\nAfter text.\n\n## Later\n\nEnd."
    )

    html = client.get(article.get_absolute_url()).text

    assert (
        html.index("Intro text.")
        < html.index("<caption><span>Comparison a-vs-b")
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
    admin_page = staff_client.get(f"/admin/articles/article/{article.pk}/change/")

    assert response.status_code == 200
    assert "Still here." in response.text and "<caption>" not in response.text
    assert "The comparison “a-vs-b” placed in this article is no longer published" in (
        admin_page.text
    )


def test_comparison_deleted_later_leaves_the_article_readable(client, staff_client, db):
    comparison = make_comparison(rows=[("Use", "a", "b")])
    article = make_article(body="[[comparison a-vs-b]]\n\nStill here.")
    comparison.delete()

    assert client.get(article.get_absolute_url()).status_code == 200
    admin_page = staff_client.get(f"/admin/articles/article/{article.pk}/change/")
    assert "no longer published" in admin_page.text


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

    # The article page's 6 queries (see test_views), plus 4 for all placed tables together:
    # comparisons, their subjects, rows and values.
    with django_assert_num_queries(10):
        html = client.get(article.get_absolute_url()).text

    assert html.count("<caption>") == tables
    assert html.count('<th scope="row">') == tables * rows


# --- Article form validation ---------------------------------------------------------------

ARTICLE_ADD = "/admin/articles/article/add/"


def article_post(body):
    return {
        "title": "Placing",
        "slug": "placing",
        "status": Status.DRAFT,
        "body": body,
        "key_points-TOTAL_FORMS": "0",
        "key_points-INITIAL_FORMS": "0",
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
    }


def test_unknown_comparison_slug_is_an_error_naming_it(staff_client):
    response = staff_client.post(ARTICLE_ADD, article_post("Text\n\n[[comparison nope-table]]"))

    assert response.status_code == 200
    assert "No published comparison has the slug “nope-table”" in response.text
    assert "[[comparison nope-table]]" in response.text
    assert not Article.objects.exists()


def test_placing_an_unpublished_comparison_is_an_error(staff_client):
    make_comparison(slug="drafty", status=Status.DRAFT)

    response = staff_client.post(ARTICLE_ADD, article_post("[[comparison drafty]]"))

    assert "No published comparison has the slug “drafty”" in response.text


def test_malformed_placement_line_is_explained(staff_client):
    make_comparison()

    response = staff_client.post(ARTICLE_ADD, article_post("[[ comparison  a-vs-b ]]"))

    assert "is not a comparison placement" in response.text


def test_placing_a_published_comparison_saves(staff_client):
    make_comparison()

    response = staff_client.post(ARTICLE_ADD, article_post("[[comparison a-vs-b]]"))

    assert response.status_code == 302
    assert Article.objects.get().placed_comparison_slugs() == ["a-vs-b"]
