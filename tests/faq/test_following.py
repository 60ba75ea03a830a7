"""Questions follow their article: published with it, previewed with it, unless given a
status of their own."""

import pytest
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from faq.models import FOLLOWS_ARTICLE, Question
from gutguide.models import Status
from tests.factories import make_article, make_question, make_staff_user
from tests.pages import (
    add_rows,
    admin_form,
    post_publishing_despite_problems,
    shown_questions,
)

FAQ_URL = reverse("faq:index")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def test_a_question_added_on_the_articles_page_follows_it(staff_client):
    client = Client()  # a reader
    article = make_article(status=Status.DRAFT, published_at=None)
    data = add_rows(
        admin_form(staff_client, change_url(article)),
        "questions",
        [{"question": "Is fibre safe?", "slug": "safe", "answer": "Mostly."}],
    )
    assert staff_client.post(change_url(article), data).status_code == 302
    question = Question.objects.get()
    assert question.status == FOLLOWS_ARTICLE

    # Previewed with the draft article, hidden from readers.
    preview = staff_client.get(article.get_absolute_url()).text
    assert [q for _, q, _, _ in shown_questions(preview)] == ["Is fibre safe?"]
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Is fibre safe?" not in client.get(FAQ_URL).text

    # Published with the article (confirming its missing medical review).
    data = admin_form(staff_client, change_url(article))
    response = post_publishing_despite_problems(
        staff_client, change_url(article), {**data, "status": "published"}
    )
    assert response.status_code == 302
    page = client.get(article.get_absolute_url()).text
    assert [q for _, q, _, _ in shown_questions(page)] == ["Is fibre safe?"]
    assert [q for _, q, _, _ in shown_questions(client.get(FAQ_URL).text)] == ["Is fibre safe?"]
    assert list(Question.objects.published()) == [question]


@pytest.mark.parametrize("own_status", [Status.DRAFT, Status.REVIEW])
def test_a_question_held_back_on_purpose_stays_hidden(staff_client, own_status):
    client = Client()  # a reader
    article = make_article()
    make_question(article=article, question="Held back?", status=own_status)
    make_question(article=article, question="Following?", status=FOLLOWS_ARTICLE)

    shown = [q for _, q, _, _ in shown_questions(client.get(article.get_absolute_url()).text)]
    previewed = [
        q for _, q, _, _ in shown_questions(staff_client.get(article.get_absolute_url()).text)
    ]

    assert shown == previewed == ["Following?"]


def test_a_question_published_on_its_own_still_waits_for_its_article(client, db):
    article = make_article(status=Status.DRAFT, published_at=None)
    make_question(article=article, question="Own status?", status=Status.PUBLISHED)

    assert not Question.objects.published().exists()
    assert "Own status?" not in client.get(FAQ_URL).text


def test_a_question_without_an_article_needs_its_own_status(staff_client):
    url = reverse("admin:faq_question_add")
    data = admin_form(staff_client, url)
    data.update(question="Alone?", slug="alone", answer="Kept answer.", status=FOLLOWS_ARTICLE)

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert "A question without an article needs its own status." in response.text
    assert "Kept answer." in response.text
    with pytest.raises(IntegrityError):
        make_question(status=FOLLOWS_ARTICLE)


def test_two_articles_may_use_the_same_question_slug(client, db):
    first = make_article(slug="first", title="First")
    second = make_article(slug="second", title="Second")
    make_question(article=first, question="Is it safe (first)?", slug="is-it-safe")
    make_question(article=second, question="Is it safe (second)?", slug="is-it-safe")

    anchors = [anchor for anchor, _, _, _ in shown_questions(client.get(FAQ_URL).text)]

    assert sorted(anchors) == ["first--is-it-safe", "second--is-it-safe"]
    page = client.get(second.get_absolute_url()).text
    assert [anchor for anchor, _, _, _ in shown_questions(page)] == ["is-it-safe"]


def test_one_article_cannot_use_a_slug_twice(db):
    article = make_article()
    make_question(article=article, slug="same")

    with pytest.raises(IntegrityError):
        make_question(article=article, slug="same")


def test_an_editor_reuses_a_wording_used_by_another_article(client, db):
    client.force_login(make_staff_user("writer"))
    other = make_article(slug="other")
    make_question(article=other, question="Is fibre safe?", slug="is-fibre-safe")
    article = make_article()
    data = add_rows(
        admin_form(client, change_url(article)),
        "questions",
        [{"question": "Is fibre safe?", "slug": "is-fibre-safe", "answer": "Yes."}],
    )

    response = client.post(change_url(article), data)

    assert response.status_code == 302
    assert Question.objects.filter(slug="is-fibre-safe").count() == 2
