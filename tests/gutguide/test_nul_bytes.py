"""A NUL character in any query string answers 400, never a 500 (PostgreSQL cannot compare
text holding one), for readers and in the admin alike."""

import pytest
from django.urls import reverse

from tests.factories import make_article


@pytest.mark.parametrize(
    "path",
    [
        "/?x=%00",
        "/articles/?page=%00",
        "/search/?q=a%00b",
        "/faq/?%00=1",
        "/feed/?q=%00",
        "/sitemap.xml?p=%00",
    ],
)
def test_readers_get_a_400_page(client, db, path):
    response = client.get(path)

    assert response.status_code == 400
    assert "Bad request" in response.text


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("admin:articles_article_changelist", "status=%00"),
        ("admin:articles_article_changelist", "q=%00"),
        ("admin:articles_article_changelist", "topic__id__exact=%00"),
        ("admin:faq_question_changelist", "article__id__exact=%00"),
        ("admin:comparisons_comparison_changelist", "o=%00"),
        (
            "admin:autocomplete",
            "term=%00&app_label=articles&model_name=article&field_name=author",
        ),
    ],
)
def test_admin_query_parameters_with_nul_are_a_400(staff_client, name, query):
    make_article()

    response = staff_client.get(f"{reverse(name)}?{query}")

    assert response.status_code == 400


def test_other_odd_query_strings_still_work(client, db):
    assert client.get("/articles/?page=%ff").status_code in (200, 404)
    assert client.get("/search/?q=%ff%fe").status_code == 200
