import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, Disclaimer, KeyPoint, Reference
from gutguide.models import Status
from tests.factories import make_article, make_key_points, make_source


def test_published_returns_only_published_articles_whose_date_has_come(db):
    now = timezone.now()
    visible = make_article(slug="visible")
    make_article(slug="draft", status=Status.DRAFT)
    make_article(slug="review", status=Status.REVIEW)
    make_article(slug="future", published_at=now + datetime.timedelta(hours=1))

    assert list(Article.objects.published()) == [visible]


def test_publishing_without_a_date_means_now(db):
    before = timezone.now()

    article = make_article(published_at=None)

    assert article.published_at is not None
    assert before <= article.published_at <= timezone.now()
    assert article.is_public


def test_saving_stores_rendered_html_toc_and_reading_time(db):
    article = make_article(
        summary="A *short* summary.",
        body="## First\n\n" + "word " * 450 + "\n\n### Inner\n\ntext\n\n## Second\n\nend",
    )

    assert article.summary_html == "<p>A <em>short</em> summary.</p>"
    assert '<h2 id="first">First</h2>' in article.body_html
    assert [entry["id"] for entry in article.toc] == ["first", "second"]
    assert article.toc[0]["children"][0]["title"] == "Inner"
    assert article.reading_time == 3


def test_body_html_is_sanitized_on_save(db):
    article = make_article(body="## Hi\n\n<script>alert(1)</script>[x](javascript:alert(1))")

    assert "<script" not in article.body_html
    assert "javascript:" not in article.body_html


def test_update_fields_save_keeps_derived_fields_in_step(db):
    article = make_article()
    article.body = "## Changed heading"

    article.save(update_fields=["body"])

    article.refresh_from_db()
    assert article.toc[0]["title"] == "Changed heading"


def test_slug_is_unique(db):
    make_article(slug="same")

    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(slug="same")


@pytest.mark.parametrize("model", [KeyPoint, Reference])
def test_positions_are_unique_within_an_article(db, model):
    article = make_article()
    fields = {"lead": "L", "text": "T"} if model is KeyPoint else {"source": make_source()}
    model.objects.create(article=article, position=1, **fields)
    if model is Reference:
        fields["source"] = make_source("study-2")

    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(article=article, position=1, **fields)


def test_the_same_position_may_be_used_in_another_article(db):
    make_key_points(make_article(slug="a"), 2)
    make_key_points(make_article(slug="b"), 2)

    assert KeyPoint.objects.count() == 4


def test_published_article_without_date_is_refused_by_the_database(db):
    article = make_article()

    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(published_at=None)


def test_disclaimer_is_a_single_row_with_stored_html(db):
    Disclaimer(text="Ask **your doctor**.").save()
    Disclaimer(text="Second").save()

    assert Disclaimer.objects.count() == 1
    assert Disclaimer.current_html() == "<p>Second</p>"


def test_disclaimer_falls_back_to_the_default_text(db):
    assert "does not replace advice" in Disclaimer.current_html()


def test_string_representations(db, topic):
    article = make_article(topic=topic)
    point = make_key_points(article, 1)[0]

    assert str(article) == article.title
    assert str(topic) == "Gut health"
    assert str(point) == "Lead 1."


def test_publishing_with_update_fields_and_no_date_stores_the_date(db):
    article = make_article(status=Status.DRAFT, published_at=None)
    article.status = Status.PUBLISHED

    article.save(update_fields=["status"])

    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.published_at is not None
    assert article.is_public
