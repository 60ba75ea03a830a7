"""The article body's live preview, part of the article admin: placed tables shown as
readers will see them."""

import pytest
from django.urls import reverse, reverse_lazy

from tests.factories import make_comparison, make_reader

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
    assert "<caption><span>Comparison a-vs-b</span></caption>" in html
    assert "<td><em>a</em></td>" in html
    assert "No published comparison “not-there”" in html
    assert '<h2 id="part">Part</h2>' in html


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
