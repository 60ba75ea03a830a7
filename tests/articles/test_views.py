"""What a reader sees on article, list and topic pages."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Disclaimer
from gutguide.models import Status
from gutguide.pagecache import content_changed
from tests.factories import (
    make_article,
    make_contributor,
    make_key_points,
    make_medical_reviewer,
    make_references,
)
from tests.pages import admin_form


@pytest.fixture
def full_article(topic):
    article = make_article(
        topic=topic,
        author=make_contributor("Sam Writer", ""),
        reviewer=make_medical_reviewer("Dr Ada Reviewer", "MD")[1],
        reviewed_on=datetime.date(2026, 3, 4),
        meta_description="Fibre feeds your gut bacteria; here is how.",
    )
    make_key_points(article, 3)
    make_references(article, 2)
    return article


def test_published_article_shows_all_its_parts(client, full_article):
    response = client.get(full_article.get_absolute_url())
    html = response.text

    assert response.status_code == 200
    assert "<h1>Fibre and the microbiome</h1>" in html
    assert "What fibre does for gut bacteria." in html
    assert "Sam Writer" in html
    assert "Medically reviewed by" in html and "Dr Ada Reviewer, MD" in html
    assert 'datetime="2026-03-04"' in html
    assert "Published <time" in html and "Updated" not in html  # written today: not updated
    assert "1 min read" in html
    assert "Quick Summary" in html and "<strong>feeds</strong>" in html
    assert "<strong>Lead 1.</strong> Sentence 1." in html
    assert html.index("Lead 1.") < html.index("Lead 2.") < html.index("Lead 3.")
    assert "In This Article" in html
    assert 'href="https://example.org/study-2"' in html
    assert "Medical disclaimer" in html


@pytest.mark.parametrize(
    "review",
    [
        {"reviewer_name": "Demo medical reviewer", "with_login": False},
        {"reviewer_name": "Dr Ada Reviewer", "with_login": True, "no_date": True},
    ],
)
def test_article_without_a_real_review_says_nothing_about_review(client, db, review):
    if review["with_login"]:
        _, reviewer = make_medical_reviewer(review["reviewer_name"])
    else:
        reviewer = make_contributor(review["reviewer_name"], "placeholder")
    article = make_article(
        reviewer=reviewer,
        reviewed_on=None if review.get("no_date") else datetime.date(2026, 3, 4),
    )

    html = client.get(article.get_absolute_url()).text

    assert "reviewed" not in html.lower()
    assert review["reviewer_name"] not in html


def test_breadcrumb_leads_home_and_to_the_topic(client, full_article):
    html = client.get(full_article.get_absolute_url()).text
    crumbs = html.split('aria-label="Breadcrumb"', 1)[1].split("</nav>", 1)[0]

    assert 'href="/"' in crumbs
    assert 'href="/topics/gut-health/"' in crumbs
    assert 'aria-current="page">Fibre and the microbiome' in crumbs


def test_table_of_contents_links_to_ids_in_the_body(client, full_article):
    html = client.get(full_article.get_absolute_url()).text
    toc = html.split('aria-labelledby="in-this-article"', 1)[1].split("</nav>", 1)[0]
    targets = re.findall(r'href="#([^"]+)"', toc)

    assert targets == ["why-fibre-matters", "soluble-fibre", "references"]
    for target in targets:
        assert f'id="{target}"' in html


def test_references_are_numbered_by_position(client, full_article):
    html = client.get(full_article.get_absolute_url()).text

    assert '<li id="ref-1" value="1">' in html
    assert '<li id="ref-2" value="2">' in html
    assert "Study 1</a>. <i>Journal</i>, 2020." in html


def test_head_has_title_description_canonical_and_structured_data(client, full_article):
    html = client.get(full_article.get_absolute_url()).text
    head = html.split("</head>", 1)[0]

    assert "<title>Fibre and the microbiome · GutGuide</title>" in head
    assert '<meta name="description" content="Fibre feeds your gut bacteria; here is how.">' in head
    assert (
        '<link rel="canonical" href="http://testserver/articles/fibre-and-the-microbiome/">' in head
    )
    data = json.loads(head.split('<script type="application/ld+json">', 1)[1].split("</script>")[0])
    page, breadcrumbs = data["@graph"]
    assert page["@type"] == "MedicalWebPage"
    assert page["headline"] == "Fibre and the microbiome"
    assert page["reviewedBy"] == {
        "@type": "Person",
        "name": "Dr Ada Reviewer",
        "honorificSuffix": "MD",
    }
    assert [item["name"] for item in breadcrumbs["itemListElement"]] == [
        "Home",
        "Gut health",
        "Fibre and the microbiome",
    ]


def test_titles_and_texts_are_escaped(client, db):
    article = make_article(title="Salt <script>alert(1)</script>", dek='Dek "<b>x</b>"')

    html = client.get(article.get_absolute_url()).text

    assert "<script>alert(1)" not in html
    assert "Salt &lt;script&gt;" in html


def test_edited_disclaimer_is_shown(client, article):
    Disclaimer(text="Talk to **your GP** first.").save()

    html = client.get(article.get_absolute_url()).text

    assert "Talk to <strong>your GP</strong> first." in html


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": Status.DRAFT},
        {"status": Status.REVIEW},
        {"published_at": timezone.now() + datetime.timedelta(days=1)},
    ],
    ids=["draft", "in-review", "future"],
)
def test_unpublished_article_is_404_for_anonymous_reader(client, db, overrides):
    article = make_article(**overrides)

    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.title not in client.get("/articles/").text


def test_unknown_slug_is_404(client, db):
    assert client.get("/articles/no-such-article/").status_code == 404


def test_staff_editor_previews_a_draft_uncached_and_marked(staff_client, db):
    article = make_article(status=Status.DRAFT)

    response = staff_client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "Preview: readers cannot see this article" in response.text
    assert "no-cache" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.text


def test_published_article_has_no_preview_banner_for_staff(staff_client, article):
    assert "Preview:" not in staff_client.get(article.get_absolute_url()).text


@pytest.mark.parametrize("count", [1, 40])
def test_article_page_queries_are_bounded(client, topic, django_assert_max_num_queries, count):
    article = make_article(
        topic=topic,
        author=make_contributor(),
        reviewer=make_medical_reviewer()[1],
        reviewed_on=datetime.date(2026, 3, 4),
    )
    make_key_points(article, count)
    make_references(article, count)
    make_article(slug="related-one", topic=topic)

    # article with its topic, people and the site-wide disclaimer (one query), key points,
    # references, FAQ questions, related articles; placed tables would add one
    with django_assert_max_num_queries(5):
        response = client.get(article.get_absolute_url())

    assert response.text.count("<strong>Lead ") == count


def test_article_list_is_paginated(client, db):
    for n in range(14):
        make_article(
            title=f"Article {n:02}",
            slug=f"article-{n}",
            published_at=timezone.now() - datetime.timedelta(days=n + 1),
        )

    first = client.get("/articles/")
    second = client.get("/articles/?page=2")

    assert first.text.count('class="card"') == 12
    assert "Article 00" in first.text and "Article 13" not in first.text
    assert second.text.count('class="card"') == 2
    assert 'rel="prev"' in second.text


def test_topic_page_lists_its_published_articles(client, topic):
    make_article(title="On topic", slug="on-topic", topic=topic)
    make_article(title="Elsewhere", slug="elsewhere")
    make_article(title="Draft on topic", slug="draft-on", topic=topic, status=Status.DRAFT)

    response = client.get(topic.get_absolute_url())

    assert response.status_code == 200
    assert "<h1>Gut health</h1>" in response.text
    assert "On topic" in response.text
    assert "Elsewhere" not in response.text
    assert "Draft on topic" not in response.text


def test_related_articles_share_the_topic(client, topic):
    article = make_article(topic=topic)
    make_article(title="Sibling piece", slug="sibling", topic=topic)
    make_article(title="Unrelated piece", slug="unrelated")

    html = client.get(article.get_absolute_url()).text

    assert "Related articles" in html
    assert "Sibling piece" in html
    assert "Unrelated piece" not in html


def test_changed_slug_redirects_the_old_address(client, db):
    article = make_article(slug="old-name")
    article.slug = "new-name"
    article.save()

    response = client.get("/articles/old-name/")

    assert response.status_code == 301
    assert response["Location"] == "/articles/new-name/"


def test_every_former_slug_leads_to_the_current_one(client, db):
    article = make_article(slug="first")
    for slug in ("second", "third"):
        article.slug = slug
        article.save()

    assert client.get("/articles/first/")["Location"] == "/articles/third/"
    assert client.get("/articles/second/")["Location"] == "/articles/third/"


def test_taking_a_slug_back_drops_its_redirect(client, db):
    article = make_article(slug="a")
    article.slug = "b"
    article.save()
    article.slug = "a"
    article.save()

    assert client.get("/articles/a/").status_code == 200
    assert client.get("/articles/b/")["Location"] == "/articles/a/"
    assert list(article.redirects.values_list("old_slug", flat=True)) == ["b"]


def test_a_new_article_may_take_a_former_slug(client, db):
    moved = make_article(slug="shared")
    moved.slug = "moved"
    moved.save()

    make_article(slug="shared", title="Newcomer")

    assert "Newcomer" in client.get("/articles/shared/").text
    assert client.get("/articles/moved/").status_code == 200


def test_old_address_of_an_unpublished_article_stays_hidden(client, db):
    article = make_article(slug="before", status=Status.DRAFT)
    article.slug = "after"
    article.save()

    assert client.get("/articles/before/").status_code == 404


def test_admin_slug_change_keeps_the_old_address_working(staff_client, article):
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    data = {**admin_form(staff_client, change_url), "slug": "renamed"}

    response = staff_client.post(change_url, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert staff_client.get("/articles/fibre-and-the-microbiome/")["Location"] == (
        "/articles/renamed/"
    )
    change_page = staff_client.get(change_url).text
    assert "/articles/fibre-and-the-microbiome/" in change_page


# A valid HTML datetime: to the second (HTML allows at most three fractional digits) with
# its offset.
DATETIME_ATTR_RE = re.compile(r'<time datetime="([^"]+)"')
VALID_DATETIME = re.compile(r"^\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d[+-]\d\d:\d\d)?$")


@pytest.mark.parametrize("path", ["article", "/", "/articles/", "/topics/gut-health/"])
def test_every_time_element_has_a_valid_datetime(client, full_article, path):
    url = full_article.get_absolute_url() if path == "article" else path

    values = DATETIME_ATTR_RE.findall(client.get(url).text)

    assert values
    assert [value for value in values if not VALID_DATETIME.match(value)] == []


def test_updated_date_shows_only_when_the_article_changed_after_publishing(client, db):
    published = timezone.now() - datetime.timedelta(days=10)
    article = make_article(published_at=published)
    Article.objects.filter(pk=article.pk).update(created_at=published, updated_at=published)

    same_day = client.get(article.get_absolute_url()).text
    Article.objects.filter(pk=article.pk).update(updated_at=published + datetime.timedelta(days=2))
    content_changed()  # an update() sends no signal to the page cache
    later = client.get(article.get_absolute_url()).text

    assert "Published <time" in same_day and "Updated" not in same_day
    expected = (published + datetime.timedelta(days=2)).strftime("%-d %B %Y")
    assert f">{expected}</time>" in later.split("Updated", 1)[1].split("</p>", 1)[0]


def test_an_article_entered_today_with_an_earlier_publish_date_is_not_updated(client, db):
    article = make_article(published_at=timezone.now() - datetime.timedelta(days=10))

    assert "Updated" not in client.get(article.get_absolute_url()).text


def test_article_without_headings_or_references_has_no_table_of_contents(client, db):
    article = make_article(body="Just a paragraph.")

    assert "In This Article" not in client.get(article.get_absolute_url()).text
