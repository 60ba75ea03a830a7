"""Every save of an article keeps a revision with its key points, references and questions:
the admin shows what changed, field by field, and restores any revision."""

import pytest
from django.urls import reverse

from articles.models import Article, KeyPoint, Reference
from faq.models import Question
from tests.factories import make_article, make_reader, make_source, make_staff_user
from tests.pages import add_rows, admin_form


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def history_url(article):
    return reverse("admin:articles_article_history", args=[article.pk])


def restore_url(article, record):
    return reverse("admin:articles_article_simple_history", args=[article.pk, record.pk])


def save(client, article, **changes):
    """Save the article's admin page as an editor would, with `changes` to its fields."""
    data = admin_form(client, change_url(article))
    rows = changes.pop("rows", {})
    data.update(changes)
    for prefix, new_rows in rows.items():
        add_rows(data, prefix, new_rows)
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    return response


@pytest.fixture
def edited_article(staff_client):
    """An article created and then saved twice in the admin, with rows added each time."""
    article = make_article(dek="First dek.")
    study = make_source("study-a", title="Study A", url="https://example.org/a")
    save(
        staff_client,
        article,
        rows={
            "key_points": [{"lead": "Fibre feeds.", "text": "Bacteria eat it."}],
            "references": [{"source": study.pk}],
            "questions": [{"question": "Is fibre safe?", "slug": "safe", "answer": "Yes."}],
        },
    )
    save(
        staff_client,
        article,
        dek="Second dek.",
        **{"key_points-0-lead": "Fibre feeds bacteria."},
        rows={"key_points": [{"lead": "Start slowly.", "text": "Gas passes."}]},
    )
    return article


def test_every_admin_save_keeps_one_revision_with_its_rows(staff_client, edited_article):
    records = list(Article.history.filter(id=edited_article.pk))

    # created by the factory, then two admin saves
    assert [record.history_type for record in records] == ["~", "~", "+"]
    latest, middle, _ = records
    assert latest.revision and middle.revision and latest.revision != middle.revision
    assert KeyPoint.history.filter(revision=latest.revision).count() == 2  # one changed, one new
    assert Reference.history.filter(revision=middle.revision).count() == 1
    assert Question.history.filter(revision=middle.revision).count() == 1
    assert latest.history_user.username == "editor"


def test_history_page_shows_who_and_what_changed_field_by_field(staff_client, edited_article):
    response = staff_client.get(history_url(edited_article))
    html = response.text

    assert response.status_code == 200
    assert "3 revisions" in html
    assert "<strong>Subtitle</strong>: <del>First dek.</del> → <ins>Second dek.</ins>" in html
    assert (
        "<strong>Key point 1: “Fibre feeds bacteria.” · Lead</strong>: <del>Fibre feeds.</del> → "
        "<ins>Fibre feeds bacteria.</ins>"
    ) in html
    assert "<strong>Key point 2: “Start slowly.”</strong>: <del>–</del> → <ins>added</ins>" in html
    assert "<strong>Question 1: “Is fibre safe?”</strong>" in html
    assert "<strong>Reference 1: “study-a: Study A (2020)”</strong>" in html
    assert html.count("<td>editor</td>") == 2
    # The first revision lists what the article was created with; the body line by line.
    assert "<strong>Title</strong>: <del>–</del> → <ins>Fibre and the microbiome</ins>" in html
    assert "+ ## Why fibre matters" in html
    # A date saved again from the admin form, to the minute, is no change.
    assert "<strong>Published at</strong>: <del>" not in html.split("Created")[0]


def test_restore_brings_back_the_article_and_its_rows_as_a_new_revision(
    staff_client, edited_article
):
    article = edited_article
    middle = Article.history.filter(id=article.pk)[1]
    staff_client.get(restore_url(article, middle))
    # The restore page shows what restoring changes.
    page = staff_client.get(restore_url(article, middle))
    assert "<strong>Subtitle</strong>: <del>Second dek.</del> → <ins>First dek.</ins>" in page.text
    assert "Key point 2: “Start slowly.”</strong>: <del>present</del> → <ins>removed</ins>" in (
        page.text
    )

    response = staff_client.post(
        restore_url(article, middle), {"seen_version": page.context["seen_version"]}
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.dek == "First dek."
    assert list(article.key_points.values_list("position", "lead")) == [(1, "Fibre feeds.")]
    assert list(article.references.values_list("source__title", flat=True)) == ["Study A"]
    assert list(article.questions.values_list("question", flat=True)) == ["Is fibre safe?"]
    records = Article.history.filter(id=article.pk)
    assert records.count() == 4  # the restore is a revision too, and can itself be undone
    history = staff_client.get(history_url(article)).text
    assert "<strong>Subtitle</strong>: <del>Second dek.</del> → <ins>First dek.</ins>" in history


def test_restoring_a_revision_before_a_question_was_added_removes_it(staff_client, edited_article):
    article = edited_article
    created = Article.history.filter(id=article.pk).last()
    version = Article.objects.get().version

    staff_client.post(restore_url(article, created), {"seen_version": version})

    assert not article.questions.exists()
    assert not article.key_points.exists()
    assert Question.history.filter(history_type="-").count() == 1


def test_restore_from_a_stale_restore_page_is_refused(staff_client, second_client, edited_article):
    article = edited_article
    middle = Article.history.filter(id=article.pk)[1]
    page = staff_client.get(restore_url(article, middle))
    save(second_client, article, dek="Newest dek.")

    response = staff_client.post(
        restore_url(article, middle), {"seen_version": page.context["seen_version"]}, follow=True
    )

    assert "Someone saved this after you opened the restore page" in response.text
    assert Article.objects.get().dek == "Newest dek."


def test_history_of_an_article_saved_outside_the_admin_lists_its_creation(staff_client, article):
    html = staff_client.get(history_url(article)).text

    assert "1 revision" in html
    assert "(current)" in html


def test_history_and_restore_need_permissions(client, edited_article):
    record = Article.history.filter(id=edited_article.pk)[1]
    client.force_login(make_reader())
    assert client.get(history_url(edited_article)).status_code == 302  # to the admin login

    client.force_login(make_staff_user("viewer", apps=[]))
    assert client.get(history_url(edited_article)).status_code == 403
    assert client.get(restore_url(edited_article, record)).status_code == 403


def delete_in_admin(client, article):
    url = reverse("admin:articles_article_delete", args=[article.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302


def test_a_deleted_article_is_recovered_with_its_rows(staff_client, edited_article):
    article = edited_article
    # A key point removed before the deletion stays removed.
    data = admin_form(staff_client, change_url(article))
    data["key_points-1-DELETE"] = "on"
    staff_client.post(change_url(article), data)
    delete_in_admin(staff_client, article)
    assert not Article.objects.exists() and not Question.objects.exists()

    listing = staff_client.get(reverse("admin:articles_article_recover_list"))
    assert "Fibre and the microbiome" in listing.text
    record = Article.history.get(history_type="-")
    url = reverse("admin:articles_article_recover", args=[record.history_id])
    confirm = staff_client.get(url)
    assert "Key point 1: “Fibre feeds bacteria.”" in confirm.text
    assert "Start slowly." not in confirm.text
    response = staff_client.post(url)

    assert response.status_code == 302
    recovered = Article.objects.get(pk=article.pk)
    assert recovered.dek == "Second dek."
    assert recovered.body_html.startswith('<h2 id="why-fibre-matters">')
    assert list(recovered.key_points.values_list("lead", flat=True)) == ["Fibre feeds bacteria."]
    assert list(recovered.references.values_list("source__title", flat=True)) == ["Study A"]
    assert list(recovered.questions.values_list("question", flat=True)) == ["Is fibre safe?"]
    assert staff_client.get(recovered.get_absolute_url()).status_code == 200
    assert "No deleted articles to recover." in (
        staff_client.get(reverse("admin:articles_article_recover_list")).text
    )


def test_the_changelist_links_to_deleted_articles(staff_client):
    html = staff_client.get(reverse("admin:articles_article_changelist")).text

    assert reverse("admin:articles_article_recover_list") in html
    assert "Recover deleted articles" in html


def test_a_failing_inline_leaves_the_article_and_all_its_rows_as_they_were(
    staff_client, edited_article
):
    article = edited_article
    records = Article.history.count(), KeyPoint.history.count(), Question.history.count()
    data = admin_form(staff_client, change_url(article))
    data["dek"] = "Changed dek."
    data["key_points-0-lead"] = "Changed lead."
    data["references-0-source"] = str(make_source("study-b").pk)
    data["questions-0-answer"] = "x" * 5001  # too long: this row fails

    response = staff_client.post(change_url(article), data)

    assert response.status_code == 200
    assert "Changed lead." in response.text  # the editor's text stays in the form
    article.refresh_from_db()
    assert article.dek == "Second dek."
    assert article.key_points.first().lead == "Fibre feeds bacteria."
    assert article.references.first().source.title == "Study A"
    assert (Article.history.count(), KeyPoint.history.count(), Question.history.count()) == records


def test_a_restore_the_database_refuses_changes_nothing(staff_client, edited_article):
    article = edited_article
    first = Article.history.filter(id=article.pk).last()
    # Since that revision, its slug went to another article and the rows changed.
    save(staff_client, article, slug="fibre-renamed")
    make_article(slug="fibre-and-the-microbiome", title="Another")
    article.refresh_from_db()
    rows_before = list(article.key_points.values_list("lead", flat=True))

    response = staff_client.post(
        restore_url(article, first), {"seen_version": article.version}, follow=True
    )

    assert "Could not restore this revision" in response.text
    article.refresh_from_db()
    assert article.slug == "fibre-renamed"
    assert list(article.key_points.values_list("lead", flat=True)) == rows_before
    assert article.questions.count() == 1
