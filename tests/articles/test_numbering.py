"""Key points, references and questions number themselves in the order shown."""

from django.urls import reverse

from articles.models import KeyPoint, Reference
from faq.models import Question
from tests.factories import make_key_points, make_question, make_source
from tests.pages import add_rows, admin_form


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def leads(article):
    return list(article.key_points.values_list("position", "lead"))


def test_rows_added_without_a_number_are_numbered_in_the_order_shown(staff_client, article):
    data = add_rows(
        admin_form(staff_client, change_url(article)),
        "key_points",
        [{"lead": "First.", "text": "a"}, {"lead": "Second.", "text": "b"}],
    )
    sources = [make_source("study-a", title="Study A"), make_source("study-b", title="Study B")]
    add_rows(data, "references", [{"source": source.pk} for source in sources])

    response = staff_client.post(change_url(article), data)

    assert response.status_code == 302, response.context["errors"]
    assert leads(article) == [(1, "First."), (2, "Second.")]
    assert list(Reference.objects.values_list("position", "source__title")) == [
        (1, "Study A"),
        (2, "Study B"),
    ]


def test_a_new_row_without_a_number_goes_to_the_end(staff_client, article):
    make_key_points(article, 2)
    data = add_rows(
        admin_form(staff_client, change_url(article)), "key_points", [{"lead": "New.", "text": "c"}]
    )

    staff_client.post(change_url(article), data)

    assert leads(article) == [(1, "Lead 1."), (2, "Lead 2."), (3, "New.")]


def test_typing_a_number_moves_the_row_there(staff_client, article):
    make_key_points(article, 3)
    data = admin_form(staff_client, change_url(article))
    data["key_points-2-position"] = "1"  # the third point to the top

    staff_client.post(change_url(article), data)

    assert leads(article) == [(1, "Lead 3."), (2, "Lead 1."), (3, "Lead 2.")]


def test_deleting_a_row_closes_the_gap(staff_client, article):
    make_key_points(article, 3)
    data = admin_form(staff_client, change_url(article))
    data["key_points-0-DELETE"] = "on"

    staff_client.post(change_url(article), data)

    assert leads(article) == [(1, "Lead 2."), (2, "Lead 3.")]
    assert KeyPoint.history.filter(history_type="-").count() == 1


def test_questions_number_themselves_too(staff_client, article):
    make_question(article=article, question="Later?", order=7)
    make_question(article=article, question="Sooner?", order=3)
    data = admin_form(staff_client, change_url(article))
    add_rows(data, "questions", [{"question": "New?", "slug": "new", "answer": "Yes."}])

    staff_client.post(change_url(article), data)

    assert list(Question.objects.values_list("question", "order")) == [
        ("Sooner?", 1),
        ("Later?", 2),
        ("New?", 3),
    ]
