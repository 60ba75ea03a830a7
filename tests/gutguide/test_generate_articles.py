"""`manage.py generate_articles N`: realistic published articles, stored as the Markdown
pipeline renders them, searchable and shown like any other."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from comparisons.models import Comparison, ComparisonValue
from faq.models import Question
from gutguide.models import SearchEntry
from tests.pages import search_results, shown_questions


def generate(count, *args):
    out = StringIO()
    call_command("generate_articles", str(count), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def generated(db):
    generate(12)
    return Article.objects.all()


def test_generated_articles_are_published_with_key_points_a_table_and_questions(generated):
    assert generated.count() == 12
    assert Article.objects.published().count() == 12
    for article in generated:
        assert article.topic and article.author
        assert article.key_points.count() == 5
        assert 3 <= article.questions.count() <= 5
        (slug,) = article.placed_comparison_slugs()
        assert Comparison.objects.published().filter(slug=slug).exists()
        assert list(article.placements.values_list("comparison_slug", flat=True)) == [slug]
    assert Question.objects.published().count() == Question.objects.count()


def test_stored_html_is_what_the_markdown_pipeline_renders(generated):
    records = [
        *generated,
        *Question.objects.all(),
        *Comparison.objects.all(),
        *ComparisonValue.objects.all(),
    ]
    for record in records:
        stored = {name: getattr(record, name) for name in record.DERIVED_FIELDS}
        record.render_markdown()
        assert {name: getattr(record, name) for name in record.DERIVED_FIELDS} == stored, record


def test_generated_articles_show_their_table_and_questions(client, generated):
    article = generated.first()

    html = client.get(article.get_absolute_url()).text

    assert html.count("<caption>") == 1
    assert len(shown_questions(html)) == article.questions.count()
    assert all(entry["title"] in html for entry in article.toc)


def test_generated_content_is_searchable(client, generated):
    article = generated.first()
    assert SearchEntry.objects.count() == (
        Article.objects.count() + Comparison.objects.count() + Question.objects.count()
    )

    response = client.get("/search/", {"q": article.title})

    assert search_results(response.text)[0]["title"] == article.title


def test_running_again_adds_more_with_new_slugs(db):
    generate(5)
    generate(5)

    assert Article.objects.count() == 10
    assert Article.objects.values("slug").distinct().count() == 10


def test_the_same_seed_writes_the_same_articles(db):
    generate(3, "--seed", "7")
    first = list(Article.objects.order_by("pk").values_list("title", "body"))
    Article.objects.all().delete()
    Comparison.objects.all().delete()

    generate(3, "--seed", "7")

    assert list(Article.objects.order_by("pk").values_list("title", "body")) == first


def test_a_count_below_one_is_refused(db):
    with pytest.raises(CommandError):
        generate(0)
