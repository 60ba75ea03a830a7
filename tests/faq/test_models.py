"""The Question model: stored answer HTML, what readers may see, the rules that always hold."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from faq.models import MAX_ANSWER_LENGTH, Question
from gutguide.models import Status
from tests.factories import make_article, make_question, make_topic


def test_answer_is_rendered_and_sanitized_on_save(db):
    question = make_question(answer="Yes, **mostly**. <script>alert(1)</script> [x](javascript:y)")

    assert question.answer_html.startswith("<p>Yes, <strong>mostly</strong>.")
    assert "<script" not in question.answer_html
    assert "javascript:" not in question.answer_html


def test_answer_html_follows_edits_even_with_update_fields(db):
    question = make_question(answer="Old.")

    question.answer = "New *text*."
    question.save(update_fields=["answer"])

    question.refresh_from_db()
    assert question.answer_html == "<p>New <em>text</em>.</p>"


def test_question_reads_as_its_text_and_links_to_its_place(article):
    on_article = make_question(question="Does fibre help?", slug="fibre-help", article=article)
    standalone = make_question(question="What is a probiotic?", slug="probiotic")

    assert str(on_article) == "Does fibre help?"
    assert on_article.get_absolute_url() == "/articles/fibre-and-the-microbiome/#fibre-help"
    assert standalone.get_absolute_url() == "/faq/#probiotic"


@pytest.mark.parametrize(
    ("question_overrides", "article_overrides", "visible"),
    [
        ({}, None, True),
        ({"status": Status.DRAFT}, None, False),
        ({"status": Status.REVIEW}, None, False),
        ({}, {}, True),
        ({"status": Status.DRAFT}, {}, False),
        ({}, {"status": Status.DRAFT}, False),
        ({}, {"status": Status.REVIEW}, False),
        ({}, {"published_at": timezone.now() + datetime.timedelta(days=1)}, False),
    ],
    ids=[
        "published-standalone",
        "draft-standalone",
        "in-review-standalone",
        "published-on-published-article",
        "draft-on-published-article",
        "published-on-draft-article",
        "published-on-article-in-review",
        "published-on-future-article",
    ],
)
def test_readers_see_published_questions_of_visible_articles_only(
    db, question_overrides, article_overrides, visible
):
    article = None if article_overrides is None else make_article(**article_overrides)
    question = make_question(article=article, **question_overrides)

    assert (question in Question.objects.published()) is visible


def test_display_topic_is_the_questions_own_else_its_articles(db):
    gut = make_topic()
    sleep = make_topic(name="Sleep", slug="sleep")
    article = make_article(topic=gut)

    assert make_question(article=article).display_topic == gut
    assert make_question(article=article, topic=sleep).display_topic == sleep
    assert make_question().display_topic is None


def test_same_question_twice_in_one_article_is_refused_by_the_database_ignoring_case(article):
    make_question(question="Is fibre safe?", article=article)

    with pytest.raises(IntegrityError), transaction.atomic():
        make_question(question="IS FIBRE SAFE?", article=article)


def test_same_question_may_appear_on_different_articles(article):
    other = make_article(slug="other")
    make_question(question="Is fibre safe?", article=article)

    make_question(question="Is fibre safe?", article=other)

    assert Question.objects.filter(question="Is fibre safe?").count() == 2


def test_duplicate_question_in_an_article_is_a_validation_error_with_a_message(article):
    make_question(question="Is fibre safe?", article=article)
    duplicate = Question(
        question="is fibre safe?", slug="again", answer="Yes.", article=article, order=2
    )

    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()

    assert "This article already has this question." in str(error.value)


def test_overlong_answer_is_refused_with_a_clear_message(db):
    question = Question(question="Long?", slug="long", answer="x" * (MAX_ANSWER_LENGTH + 1))

    with pytest.raises(ValidationError) as error:
        question.full_clean()

    assert error.value.message_dict["answer"] == [
        "Keep the answer to at most 5000 characters (it has 5001): readers come to a FAQ for "
        "a quick answer. Longer explanations belong in an article."
    ]


def test_overlong_answer_is_refused_by_the_database_too(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_question(answer="x" * (MAX_ANSWER_LENGTH + 1))

    make_question(answer="x" * MAX_ANSWER_LENGTH)


def test_empty_question_is_refused_by_the_database(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_question(question="")


def test_questions_are_ordered_by_order_then_by_creation(article):
    third = make_question(question="C?", article=article, order=2)
    first = make_question(question="A?", article=article, order=1)
    second = make_question(question="B?", article=article, order=1)

    assert list(article.questions.all()) == [first, second, third]


def test_deleting_an_article_deletes_its_questions_but_a_topic_in_use_is_kept(db):
    topic = make_topic()
    article = make_article()
    make_question(article=article)
    make_question(topic=topic)

    article.delete()

    assert Question.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        topic.delete()
