"""A question keeps a revision of every save, restores any of them, and comes back after
being deleted."""

from django.urls import reverse

from faq.models import Question
from gutguide.models import Status
from tests.factories import make_article, make_question
from tests.pages import admin_form


def change_url(question):
    return reverse("admin:faq_question_change", args=[question.pk])


def test_a_questions_history_shows_and_restores_its_revisions(staff_client):
    question = make_question(article=make_article(), answer="First answer.")
    data = admin_form(staff_client, change_url(question))
    staff_client.post(change_url(question), {**data, "answer": "Second answer."})
    history = staff_client.get(reverse("admin:faq_question_history", args=[question.pk])).text
    assert "<del>First answer.</del> → <ins>Second answer.</ins>" in history

    first = Question.history.filter(id=question.pk).last()
    url = reverse("admin:faq_question_simple_history", args=[question.pk, first.pk])
    question.refresh_from_db()
    response = staff_client.post(url, {"seen_version": question.version})

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answer == "First answer."
    assert question.answer_html == "<p>First answer.</p>"


def test_a_deleted_question_is_recovered(staff_client):
    question = make_question(article=make_article(), question="Gone?", answer="Back.")
    staff_client.post(reverse("admin:faq_question_delete", args=[question.pk]), {"post": "yes"})
    record = Question.history.get(history_type="-")

    listing = staff_client.get(reverse("admin:faq_question_recover_list")).text
    staff_client.post(reverse("admin:faq_question_recover", args=[record.history_id]))

    assert "Gone?" in listing
    recovered = Question.objects.get(pk=question.pk)
    assert (recovered.question, recovered.answer_html) == ("Gone?", "<p>Back.</p>")


def test_a_question_whose_article_is_gone_comes_back_as_a_draft_of_its_own(staff_client):
    article = make_article()
    question = make_question(article=article, question="Orphan?", status="")
    staff_client.post(reverse("admin:faq_question_delete", args=[question.pk]), {"post": "yes"})
    article.delete()
    record = Question.history.get(id=question.pk, history_type="-")

    response = staff_client.post(
        reverse("admin:faq_question_recover", args=[record.history_id]), follow=True
    )

    assert "Its article is gone, so it comes back as a draft of its own." in response.text
    recovered = Question.objects.get()
    assert (recovered.article, recovered.status) == (None, Status.DRAFT)
