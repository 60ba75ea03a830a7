"""How search engines and feed readers find the published content, and only that."""

import xml.etree.ElementTree as ET

from gutguide.models import Status
from gutguide.sitemaps import ArticleSitemap
from tests.factories import make_article, make_comparison, make_topic

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM = "{http://www.w3.org/2005/Atom}"


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    assert "Disallow: /admin/" in response.text
    assert "Sitemap: http://testserver/sitemap.xml" in response.text


def sitemap_locations(client, url):
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [loc.text for loc in root.iter(f"{{{SITEMAP_NS['s']}}}loc")]


def test_sitemap_is_an_index_of_sections_listing_published_pages_only(client, topic):
    make_article(slug="live", topic=topic)
    make_article(slug="draft", status=Status.DRAFT)
    make_comparison(slug="table")
    make_comparison(slug="draft-table", status=Status.DRAFT)

    sections = sitemap_locations(client, "/sitemap.xml")
    urls = {url for section in sections for url in sitemap_locations(client, section)}

    assert sections == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-topics.xml",
        "http://testserver/sitemap-comparisons.xml",
    ]
    assert urls == {
        "http://testserver/",
        "http://testserver/articles/",
        "http://testserver/topics/",
        "http://testserver/compare/",
        "http://testserver/faq/",
        "http://testserver/how-we-grade-evidence/",
        "http://testserver/articles/live/",
        "http://testserver/topics/gut-health/",
        "http://testserver/compare/table/",
    }


def test_sitemap_sections_split_into_pages_with_constant_queries(
    client, db, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(ArticleSitemap, "limit", 3)
    for n in range(7):
        make_article(slug=f"article-{n}")

    with django_assert_max_num_queries(8):  # per section: a count and the latest change
        sections = sitemap_locations(client, "/sitemap.xml")
    pages = [url for url in sections if "sitemap-articles" in url]
    with django_assert_max_num_queries(2):  # a count and the page's articles
        last = sitemap_locations(client, pages[-1])

    assert pages == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-articles.xml?p=2",
        "http://testserver/sitemap-articles.xml?p=3",
    ]
    assert len(last) == 1
    assert client.get("/sitemap-articles.xml?p=4").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


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


def test_atom_feed_carries_the_same_articles(client, db):
    make_article(slug="live", title="Live piece", summary="Short **summary**.")
    make_article(slug="draft", title="Draft piece", status=Status.DRAFT)

    response = client.get("/feed/atom/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Live piece"]
    assert entries[0].find(f"{ATOM}link").get("href") == "http://testserver/articles/live/"
    assert entries[0].findtext(f"{ATOM}summary") == "<p>Short <strong>summary</strong>.</p>"
    assert 'type="application/atom+xml"' in client.get("/").text


def test_each_topic_has_its_own_feeds(client, db):
    gut = make_topic()
    diet = make_topic(name="Diet", slug="diet")
    make_article(slug="gut-piece", title="Gut piece", topic=gut)
    make_article(slug="diet-piece", title="Diet piece", topic=diet)
    make_article(slug="draft", title="Draft gut piece", topic=gut, status=Status.DRAFT)

    rss = ET.fromstring(client.get("/topics/gut-health/feed/").content).find("channel")
    atom = ET.fromstring(client.get("/topics/gut-health/feed/atom/").content)

    assert rss.findtext("title") == "GutGuide: Gut health"
    assert [item.findtext("title") for item in rss.findall("item")] == ["Gut piece"]
    assert [entry.findtext(f"{ATOM}title") for entry in atom.findall(f"{ATOM}entry")] == [
        "Gut piece"
    ]
    assert client.get("/topics/nothing/feed/").status_code == 404
    topic_page = client.get("/topics/gut-health/").text
    assert 'href="/topics/gut-health/feed/atom/"' in topic_page
    assert 'type="application/rss+xml" title="GutGuide: Gut health"' in topic_page
