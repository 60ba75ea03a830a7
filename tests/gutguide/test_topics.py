"""/topics/: every topic with its published articles, comparisons and questions."""

import datetime
import re

import pytest
from django.utils import timezone

from gutguide.models import Status
from tests.factories import make_article, make_comparison, make_question, make_topic

TOPICS = "/topics/"


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def sections(html):
    """Each topic's section as {heading: {"counts": text, "links": [(text, href)]}}."""
    found = {}
    for block in re.findall(r'<section class="topic-summary".*?</section>', html, re.DOTALL):
        heading = re.search(r"<h2 [^>]*><a [^>]*>(.*?)</a></h2>", block)[1]
        counts = re.search(r'<p class="topic-summary__counts">(.*?)</p>', block)[1]
        links = re.findall(r'<li><a href="([^"]*)">(.*?)</a></li>', block)
        found[heading] = {"counts": counts, "links": [(text, href) for href, text in links]}
    return found


@pytest.fixture
def library(db):
    gut, diet = make_topic(), make_topic(name="Diet", slug="diet")
    make_topic(name="Empty", slug="empty")
    make_comparison(slug="kefir-vs-yogurt", title="Kefir vs yogurt")
    make_comparison(slug="oats-vs-rice", title="Oats vs rice")
    make_comparison(slug="hidden-table", title="Hidden table", status=Status.DRAFT)
    kefir = make_article(
        title="Kefir",
        slug="kefir",
        topic=gut,
        published_at=days_ago(2),
        body="[[comparison kefir-vs-yogurt]]\n\n[[comparison oats-vs-rice]]",
    )
    make_article(
        title="Yogurt",
        slug="yogurt",
        topic=gut,
        published_at=days_ago(1),
        body="[[comparison kefir-vs-yogurt]]",
    )
    make_article(
        title="Draft on rice",
        slug="draft",
        topic=diet,
        status=Status.DRAFT,
        body="[[comparison oats-vs-rice]]",
    )
    make_article(title="Oats", slug="oats", topic=diet, body="[[comparison hidden-table]]")
    make_question(question="Is kefir fizzy?", slug="fizzy", article=kefir)
    make_question(question="Diet question?", slug="diet-q", topic=diet)
    make_question(question="Draft question?", slug="draft-q", topic=diet, status=Status.DRAFT)


def test_topics_lists_each_topic_with_its_published_articles_comparisons_and_questions(
    client, library
):
    response = client.get(TOPICS)

    assert response.status_code == 200
    assert sections(response.text) == {
        "Diet": {
            "counts": "1 article · 0 comparisons · 1 question",
            "links": [("Oats", "/articles/oats/"), ("Diet question?", "/faq/#diet-q")],
        },
        "Gut health": {
            "counts": "2 articles · 2 comparisons · 1 question",
            "links": [
                ("Yogurt", "/articles/yogurt/"),
                ("Kefir", "/articles/kefir/"),
                # Placed by most of the topic's articles first.
                ("Kefir vs yogurt", "/compare/kefir-vs-yogurt/"),
                ("Oats vs rice", "/compare/oats-vs-rice/"),
                ("Is kefir fizzy?", "/articles/kefir/#fizzy"),
            ],
        },
    }
    assert 'href="/topics/gut-health/feed/"' in response.text
    assert "All " not in response.text  # every article, comparison and question is shown


def test_topics_shows_five_of_each_and_links_to_all_of_them(client, db):
    topic = make_topic()
    for n in range(7):
        make_comparison(slug=f"table-{n}", title=f"Table {n}")
        article = make_article(
            title=f"Article {n}",
            slug=f"article-{n}",
            topic=topic,
            published_at=days_ago(n + 1),
            body=f"[[comparison table-{n}]]",
        )
        make_question(question=f"Question {n}?", slug=f"q-{n}", article=article)

    html = client.get(TOPICS).text
    (section,) = sections(html).values()

    assert section["counts"] == "7 articles · 7 comparisons · 7 questions"
    assert len(section["links"]) == 15
    assert 'href="/topics/gut-health/">All 7 articles on Gut health</a>' in html
    assert 'href="/topics/gut-health/comparisons/">All 7 comparisons on Gut health</a>' in html
    assert 'href="/faq/?topic=gut-health">All 7 questions on Gut health</a>' in html


@pytest.mark.parametrize("size", [3, 15])
def test_topics_queries_do_not_grow_with_content(client, db, size, django_assert_num_queries):
    topics = [make_topic(name=f"Topic {n}", slug=f"topic-{n}") for n in range(3)]
    for n in range(size):
        make_comparison(slug=f"table-{n}")
        article = make_article(
            slug=f"article-{n}", topic=topics[n % 3], body=f"[[comparison table-{n}]]"
        )
        make_question(question=f"Question {n}?", slug=f"q-{n}", article=article)

    # The topics; for articles, comparisons and questions each: which come first in each
    # topic (with the topic's count), then those records; the disclaimer.
    with django_assert_num_queries(8):
        response = client.get(TOPICS)

    assert len(sections(response.text)) == 3


def test_topics_without_published_content_say_so(client, db):
    make_topic()

    assert "No topics have published content yet." in client.get(TOPICS).text
