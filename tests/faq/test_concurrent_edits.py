"""No lost edits between a question's own page and its article's page."""

from django.urls import reverse

from articles.models import Article
from faq.models import Question
from tests.factories import make_article, make_question, make_staff_user
from tests.pages import admin_form, form_values


def article_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def question_url(question):
    return reverse("admin:faq_question_change", args=[question.pk])


def test_a_stale_inline_question_is_refused_naming_who_changed_it(client, second_client):
    """Editor B saves a question on its own page; editor A, whose article page was opened
    before, saves the article changing only the dek."""
    editor_a = make_staff_user("anna")
    client.force_login(editor_a)
    article = make_article(dek="Old dek.")
    question = make_question(article=article, answer="Old answer.", order=1)
    page_a = admin_form(client, article_url(article))
    page_b = admin_form(second_client, question_url(question))
    assert (
        second_client.post(question_url(question), {**page_b, "answer": "B's answer."}).status_code
        == 302
    )

    response = client.post(article_url(article), {**page_a, "dek": "A's dek."})

    assert response.status_code == 200
    assert "editor2 saved this question on " in response.text
    assert "You had not changed it, so it now shows their version." in response.text
    assert "A&#x27;s dek." in response.text  # the editor's text stays in the form
    assert Question.objects.get().answer == "B's answer."
    assert Article.objects.get().dek == "Old dek."

    # Saving again keeps both: A's dek and B's answer.
    again = admin_form_from(response)
    assert client.post(article_url(article), again).status_code == 302
    assert (Article.objects.get().dek, Question.objects.get().answer) == ("A's dek.", "B's answer.")


def test_a_stale_inline_question_the_editor_changed_keeps_their_text(client, second_client):
    client.force_login(make_staff_user("anna"))
    article = make_article()
    question = make_question(article=article, answer="Old answer.", order=1)
    page_a = admin_form(client, article_url(article))
    page_b = admin_form(second_client, question_url(question))
    second_client.post(question_url(question), {**page_b, "answer": "B's answer."})

    response = client.post(article_url(article), {**page_a, "questions-0-answer": "A's answer."})

    assert response.status_code == 200
    assert "editor2 saved this question on " in response.text
    assert "Your changes “" in response.text and "are not saved yet" in response.text
    assert "A&#x27;s answer." in response.text
    assert Question.objects.get().answer == "B's answer."
    # Saving again on purpose replaces B's version.
    assert client.post(article_url(article), admin_form_from(response)).status_code == 302
    assert Question.objects.get().answer == "A's answer."


def test_a_question_saved_from_a_stale_page_is_refused(staff_client, second_client):
    question = make_question(article=make_article(), answer="Old.")
    first, second = (
        admin_form(staff_client, question_url(question)),
        admin_form(second_client, question_url(question)),
    )
    staff_client.post(question_url(question), {**first, "answer": "First."})

    response = second_client.post(question_url(question), {**second, "answer": "Second."})

    assert response.status_code == 200
    assert "editor saved this question on " in response.text
    assert "Second." in response.text
    assert Question.objects.get().answer == "First."


def admin_form_from(response):
    """What saving the form that came back would post (the admin form as re-rendered)."""
    return form_values(response.text, response.context["opts"].model_name + "_form")
