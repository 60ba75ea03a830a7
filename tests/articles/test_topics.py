"""A topic's own pages: its articles, its comparison tables, at any size."""

import re

import pytest

from gutguide.models import Status
from tests.factories import make_article, make_comparison, make_topic


def card_titles(html):
    return re.findall(r'<h2 class="card__title"><a href="[^"]*">(.*?)</a></h2>', html)


@pytest.mark.parametrize("count", [1, 30])
def test_topic_page_queries_do_not_grow_with_its_articles(
    client, topic, count, django_assert_num_queries
):
    for n in range(count):
        make_article(slug=f"article-{n}", topic=topic)

    # The topic, how many articles it has, the page's articles (with topics and authors),
    # the disclaimer.
    with django_assert_num_queries(4):
        response = client.get(topic.get_absolute_url(), {"page": 2 if count > 12 else 1})

    assert len(card_titles(response.text)) == min(count, 12)


def test_topic_comparisons_are_those_its_published_articles_place(client, topic):
    make_comparison(slug="kefir-vs-yogurt", title="Kefir vs yogurt")
    make_comparison(slug="oats-vs-rice", title="Oats vs rice")
    make_comparison(slug="draft-table", title="Draft table", status=Status.DRAFT)
    make_comparison(slug="elsewhere", title="Elsewhere")
    make_article(slug="a", topic=topic, body="[[comparison kefir-vs-yogurt]]")
    make_article(slug="b", topic=topic, body="[[comparison draft-table]]")
    make_article(slug="c", topic=topic, body="[[comparison oats-vs-rice]]", status=Status.DRAFT)
    make_article(
        slug="d", topic=make_topic(name="Diet", slug="diet"), body="[[comparison elsewhere]]"
    )

    response = client.get("/topics/gut-health/comparisons/")

    assert response.status_code == 200
    assert card_titles(response.text) == ["Kefir vs yogurt"]
    assert client.get("/topics/diet/comparisons/").status_code == 200
    assert client.get("/topics/nothing/comparisons/").status_code == 404


def test_an_article_that_stops_placing_a_table_takes_it_off_its_topic(client, topic):
    make_comparison(slug="kefir-vs-yogurt", title="Kefir vs yogurt")
    article = make_article(slug="a", topic=topic, body="[[comparison kefir-vs-yogurt]]")
    assert card_titles(client.get("/topics/gut-health/comparisons/").text) == ["Kefir vs yogurt"]

    article.body = "No table any more."
    article.save()

    assert card_titles(client.get("/topics/gut-health/comparisons/").text) == []


@pytest.mark.parametrize("count", [1, 60])
def test_topic_comparisons_queries_do_not_grow(client, topic, count, django_assert_num_queries):
    for n in range(count):
        make_comparison(slug=f"table-{n}")
        make_article(slug=f"article-{n}", topic=topic, body=f"[[comparison table-{n}]]")

    # The topic, how many comparisons, the page's comparisons, the disclaimer.
    with django_assert_num_queries(4):
        response = client.get("/topics/gut-health/comparisons/")

    assert len(card_titles(response.text)) == min(count, 50)
