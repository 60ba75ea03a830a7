"""How search engines and feed readers find the published content, and only that."""

import xml.etree.ElementTree as ET

from gutguide.models import Status
from tests.factories import make_article, make_comparison

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    assert "Disallow: /admin/" in response.text
    assert "Sitemap: http://testserver/sitemap.xml" in response.text


def test_sitemap_lists_published_pages_only(client, topic):
    make_article(slug="live", topic=topic)
    make_article(slug="draft", status=Status.DRAFT)
    make_comparison(slug="table")
    make_comparison(slug="draft-table", status=Status.DRAFT)

    response = client.get("/sitemap.xml")

    urls = {loc.text for loc in ET.fromstring(response.content).findall("s:url/s:loc", SITEMAP_NS)}
    assert urls == {
        "http://testserver/",
        "http://testserver/articles/",
        "http://testserver/compare/",
        "http://testserver/faq/",
        "http://testserver/articles/live/",
        "http://testserver/topics/gut-health/",
        "http://testserver/compare/table/",
    }


def test_feed_carries_published_articles_with_their_sanitized_summary(client, db):
    make_article(slug="live", title="Live piece", summary="Short **summary**.")
    make_article(slug="draft", title="Draft piece", status=Status.DRAFT)

    response = client.get("/feed/")

    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Live piece"]
    assert items[0].findtext("link") == "http://testserver/articles/live/"
    assert items[0].findtext("description") == "<p>Short <strong>summary</strong>.</p>"


def test_pages_announce_the_feed(client, db):
    assert 'type="application/rss+xml"' in client.get("/").text
