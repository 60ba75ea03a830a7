"""The article body's live preview, part of the article admin: placed tables shown as
readers will see them."""

import pytest
from django.urls import reverse, reverse_lazy

from gutguide.models import Status
from tests.factories import make_comparison, make_reader, make_source

AJAX = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}

BODY_PREVIEW = reverse_lazy("admin:articles_article_body_preview")


def test_body_preview_shows_placed_comparison_tables_and_flags_unknown_ones(staff_client):
    make_comparison(rows=[("Use", "*a*", "b")])

    response = staff_client.post(
        BODY_PREVIEW,
        {"content": "## Part\n\n[[comparison a-vs-b]]\n\n[[comparison not-there]]"},
        **AJAX,
    )

    html = response.content.decode()
    assert "<caption>Comparison a-vs-b</caption>" in html
    assert "<em>a</em></td>" in html
    assert "No published comparison “not-there”" in html
    assert '<h2 id="part">Part</h2>' in html
    assert "Not published yet" not in html


def test_body_preview_shows_a_draft_table_marked_as_not_published(staff_client):
    make_comparison(rows=[("Use", "a", "b")], status=Status.DRAFT)

    response = staff_client.post(BODY_PREVIEW, {"content": "[[comparison a-vs-b]]"}, **AJAX)

    html = response.content.decode()
    assert "<caption>Comparison a-vs-b</caption>" in html
    assert "Not published yet: readers will see this table once it is published." in html


def test_body_preview_numbers_citations_in_the_order_they_appear(staff_client):
    make_source("study-1"), make_source("study-2")
    content = "A claim [[cite study-2]]. Another [[cite study-1, study-2]]."

    response = staff_client.post(BODY_PREVIEW, {"content": content}, **AJAX)

    html = response.content.decode()
    assert '<a href="#ref-1" id="cite-1">' in html
    assert '<a href="#ref-2" id="cite-2">' in html
    assert "No source has the key" not in html


def test_body_preview_names_an_unknown_key_instead_of_failing(staff_client):
    response = staff_client.post(BODY_PREVIEW, {"content": "A claim [[cite nobody-2030]]."}, **AJAX)

    assert response.status_code == 200
    html = response.content.decode()
    assert "No source has the key “nobody-2030”" in html
    assert "A claim [[cite nobody-2030]]." in html


def test_article_body_editor_uses_the_body_preview(staff_client):
    html = staff_client.get(reverse("admin:articles_article_add")).text

    assert f'data-markdownx-urls-path="{BODY_PREVIEW}"' in html
    assert 'data-markdownx-urls-path="/markdownx/markdownify/"' in html  # the summary


@pytest.mark.parametrize("user_kind", ["anonymous", "reader"])
def test_body_preview_is_closed_to_non_staff(client, db, user_kind):
    if user_kind == "reader":
        client.force_login(make_reader())

    response = client.post(BODY_PREVIEW, {"content": "x"}, **AJAX)

    assert response.status_code == 302
