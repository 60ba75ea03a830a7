"""Site-wide pages: home, health check, error pages, odd reader input."""

import datetime

import pytest
from django.template.loader import get_template
from django.utils import timezone

from gutguide.models import Status
from tests.factories import make_article


def test_home_lists_latest_published_articles_only(client, topic):
    make_article(title="Visible piece", slug="visible", topic=topic)
    make_article(title="Draft piece", slug="draft", status=Status.DRAFT)
    make_article(
        title="Future piece",
        slug="future",
        published_at=timezone.now() + datetime.timedelta(days=2),
    )

    response = client.get("/")

    assert response.status_code == 200
    assert "Visible piece" in response.text
    assert "Draft piece" not in response.text
    assert "Future piece" not in response.text
    assert 'href="/topics/gut-health/"' in response.text


def test_healthz_reports_ok(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.text == "ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_unknown_page_is_a_404_in_the_site_design(client, db):
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    assert "Page not found" in response.text
    assert 'class="site-header"' in response.text
    assert "Skip to content" in response.text


def test_500_page_renders_without_a_request_or_database():
    html = get_template("500.html").render({})

    assert "Something went wrong" in html
    assert 'class="site-header"' in html


@pytest.mark.parametrize(
    "path",
    [
        "/articles/?page=abc",
        "/articles/?page=999999",
        "/articles/?page=-1",
        "/articles/?page=%00",
        "/articles/%00/",
        "/articles/bad%00slug/",
        "/topics/%00/",
        "/topics/unknown/",
        "/articles/glutamine/?q=%00%ff",
        "/articles/" + "x" * 3000 + "/",
    ],
)
def test_odd_reader_input_gets_a_4xx_not_a_500(client, db, path):
    response = client.get(path)

    assert 400 <= response.status_code < 500


def test_odd_query_string_on_a_good_page_is_harmless(client, article):
    response = client.get(article.get_absolute_url() + "?utm=%ff&x=<script>")

    assert response.status_code == 200
    assert "<script>" not in response.text.split("</head>", 1)[1]
