"""What a reader sees on the comparison pages: /compare/ and each comparison's own page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertHTMLEqual, assertInHTML

from gutguide.models import Status
from tests.factories import make_article, make_comparison


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

    def cell(name, value):
        # Each value is labelled with its subject for the stacked phone layout; assistive
        # technology reads the column header instead.
        return f'<td><span class="comparison__label" aria-hidden="true">{name}</span>{value}</td>'

    first = "".join(cell(name, f"{name} <em>value</em>") for name in subjects)
    second = "".join(cell(name, name) for name in subjects)
    assertHTMLEqual(
        table_html(html, comparison.slug),
        f"""
        <table class="comparison__table">
          <caption>Comparison a-vs-b</caption>
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

    assertInHTML(
        '<td><span class="comparison__label" aria-hidden="true">Beta</span>'
        '<span aria-hidden="true">–</span><span class="visually-hidden">No entry</span></td>',
        html,
    )


def test_comparison_page_shows_intro_and_where_it_appears(client, db):
    comparison = make_comparison(intro="Two **supplements**.", rows=[("Use", "a", "b")])
    make_article(title="Placing piece", slug="placing", body="[[comparison a-vs-b]]")
    make_article(
        title="Draft placing", slug="draft", body="[[comparison a-vs-b]]", status=Status.DRAFT
    )
    make_article(title="Other piece", slug="other")

    response = client.get(reverse("comparisons:detail", kwargs={"slug": "a-vs-b"}))

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

    html = client.get(reverse("comparisons:list")).text

    assert "Shown table" in html and "Hidden table" not in html


@pytest.mark.parametrize(
    "overrides",
    [{"status": Status.DRAFT}, {"published_at": timezone.now() + datetime.timedelta(days=1)}],
    ids=["draft", "future"],
)
def test_unpublished_comparison_is_404_for_readers(client, db, overrides):
    comparison = make_comparison(**overrides)

    assert client.get(comparison.get_absolute_url()).status_code == 404


def test_staff_preview_an_unpublished_comparison(staff_client, db):
    comparison = make_comparison(status=Status.DRAFT)

    response = staff_client.get(comparison.get_absolute_url())

    assert response.status_code == 200
    assert "Preview: readers cannot see this comparison" in response.text
    assert "no-cache" in response["Cache-Control"]
