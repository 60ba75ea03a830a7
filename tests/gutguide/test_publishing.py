"""Editors write; medical reviewers publish. The same rules in forms, actions and restores."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comparisons.models import Comparison
from faq.models import Question
from gutguide.editors import ensure_editors_group
from gutguide.models import Status
from tests.factories import (
    make_article,
    make_comparison,
    make_editor,
    make_question,
    yesterday,
)
from tests.pages import admin_form, post_publishing_despite_problems

ADD_ARTICLE = reverse("admin:articles_article_add")
NOT_ALLOWED = "Only medical reviewers can publish."


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def status_options(html):
    select = html.split('name="status"', 1)[1].split("</select>", 1)[0]
    return [option.split('"', 2)[1] for option in select.split("<option value=")[1:]]


def test_reviewers_group_has_the_editors_rights_plus_publishing(db):
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    reviewers = set(
        Group.objects.get(name="Medical reviewers").permissions.values_list("codename", flat=True)
    )

    assert reviewers - editors == {"publish_article", "publish_comparison", "publish_question"}
    assert editors < reviewers
    ensure_editors_group()
    assert Group.objects.filter(name="Medical reviewers").count() == 1


def test_editor_is_not_offered_published(editor_client):
    html = editor_client.get(ADD_ARTICLE).text

    assert status_options(html) == ["draft", "review"]


def test_reviewer_is_offered_published(reviewer_client):
    html = reviewer_client.get(ADD_ARTICLE).text

    assert status_options(html) == ["draft", "review", "published"]


def new_article(client, **fields):
    data = admin_form(client, ADD_ARTICLE)
    data.update(title="Fibre", slug="fibre", body="## Why\n\nMy careful text.", **fields)
    return data


def test_a_forged_publish_by_an_editor_is_refused_keeping_the_text(editor_client):
    response = editor_client.post(ADD_ARTICLE, new_article(editor_client, status="published"))

    assert response.status_code == 200
    assert NOT_ALLOWED in response.text
    assert "My careful text." in response.text
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("make", "fields"),
    [
        (lambda: make_comparison(status=Status.DRAFT, published_at=None), {"title": "Mine"}),
        (lambda: make_question(status=Status.DRAFT), {"answer": "Mine"}),
    ],
)
def test_a_forged_publish_of_a_comparison_or_question_is_refused(editor_client, make, fields):
    obj = make()
    data = admin_form(editor_client, change_url(obj))
    assert "published" not in status_options(editor_client.get(change_url(obj)).text)

    response = editor_client.post(change_url(obj), {**data, **fields, "status": "published"})

    assert response.status_code == 200
    assert NOT_ALLOWED in response.text and "Mine" in response.text
    obj.refresh_from_db()
    assert obj.status == Status.DRAFT


def test_an_editor_corrects_a_published_article_which_stays_published(editor_client):
    article = make_article()
    data = admin_form(editor_client, change_url(article))
    assert "published" in status_options(editor_client.get(change_url(article)).text)

    response = editor_client.post(change_url(article), {**data, "dek": "Corrected."})

    assert response.status_code == 302
    assert Article.objects.get().is_public


def test_an_editor_cannot_move_a_published_article_to_another_date(editor_client):
    article = make_article()
    data = admin_form(editor_client, change_url(article))
    data["published_at_0"] = "2099-01-01"

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 200
    assert "Only medical reviewers can change when a published text appears." in response.text


def test_publishing_with_an_empty_date_publishes_now(reviewer_client):
    data = new_article(reviewer_client, status="published", published_at_0="", published_at_1="")
    before = timezone.now()

    response = reviewer_client.post(ADD_ARTICLE, data)

    assert response.status_code == 302, response.context["errors"]
    article = Article.objects.get()
    assert article.is_public and before <= article.published_at <= timezone.now()
    assert reviewer_client.get(article.get_absolute_url()).status_code == 200


def test_a_reviewer_publishing_records_the_medical_review(reviewer_client, reviewer):
    article = make_article(status=Status.REVIEW, published_at=None)
    data = admin_form(reviewer_client, change_url(article))

    reviewer_client.post(change_url(article), {**data, "status": "published"})

    article.refresh_from_db()
    assert (article.reviewer, article.reviewed_on) == (reviewer[1], timezone.localdate())
    html = reviewer_client.get(article.get_absolute_url()).text
    assert "Medically reviewed by" in html and "Dr Ada Lovelace, MD" in html


def test_a_reviewer_without_a_contributor_profile_is_told_no_review_was_recorded(client, reviewer):
    user = reviewer[0]
    reviewer[1].delete()
    client.force_login(user)
    article = make_article(status=Status.REVIEW, published_at=None)
    data = admin_form(client, change_url(article))

    # Without a review the editorial checks find one problem, which they confirm.
    response = post_publishing_despite_problems(
        client, change_url(article), {**data, "status": "published"}, follow=True
    )

    assert "No medical review was recorded" in response.text
    article.refresh_from_db()
    assert article.is_public and article.reviewer is None


def test_reviewer_and_review_date_are_not_typed_by_hand(editor_client):
    html = editor_client.get(ADD_ARTICLE).text

    assert 'name="reviewer"' not in html and 'name="reviewed_on"' not in html


def changelist(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def test_changelist_shows_the_state_at_a_glance_and_filters_by_it(editor_client):
    make_article(title="Draft one", slug="d", status=Status.DRAFT, published_at=None)
    make_article(title="Reviewing", slug="r", status=Status.REVIEW, published_at=None)
    make_article(title="Later", slug="s", published_at=timezone.now() + datetime.timedelta(days=3))
    make_article(title="Out", slug="p", published_at=yesterday())

    html = editor_client.get(changelist(Article)).text
    scheduled = editor_client.get(changelist(Article), {"state": "scheduled"}).text

    for state in ("Draft", "In review", "Scheduled", "Published"):
        assert f'<td class="field-publishing_state">{state}</td>' in html
    assert "Later" in scheduled and "Out" not in scheduled and "Draft one" not in scheduled


def actions(html):
    select = html.split('name="action"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="([^"]+)"', select)


@pytest.mark.parametrize(
    ("model", "make"),
    [(Article, make_article), (Comparison, make_comparison), (Question, make_question)],
)
def test_editors_send_to_review_but_only_reviewers_publish(client, reviewer, model, make):
    make()  # the admin offers actions only when there is something to select
    client.force_login(make_editor("writer"))
    assert actions(client.get(changelist(model)).text) == ["delete_selected", "send_to_review"]
    client.force_login(reviewer[0])
    assert "publish" in actions(client.get(changelist(model)).text)


def test_publish_action_publishes_each_selected_article_as_its_own_revision(
    reviewer_client, reviewer
):
    drafts = [
        make_article(slug=f"draft-{n}", status=Status.REVIEW, published_at=None) for n in range(2)
    ]

    response = reviewer_client.post(
        changelist(Article), {"action": "publish", "_selected_action": [a.pk for a in drafts]}
    )

    assert response.status_code == 302
    for article in Article.objects.all():
        assert article.is_public and article.reviewer == reviewer[1]
        assert article.history.first().history_user == reviewer[0]


def test_a_forged_publish_action_by_an_editor_changes_nothing(editor_client):
    draft = make_article(status=Status.DRAFT, published_at=None)

    editor_client.post(changelist(Article), {"action": "publish", "_selected_action": [draft.pk]})

    assert Article.objects.get().status == Status.DRAFT


def test_send_to_review_action(editor_client):
    draft = make_article(status=Status.DRAFT, published_at=None)

    editor_client.post(
        changelist(Article), {"action": "send_to_review", "_selected_action": [draft.pk]}
    )

    assert Article.objects.get().status == Status.REVIEW


def test_an_editor_cannot_publish_by_restoring_a_published_revision(editor_client):
    article = make_article()
    published = article.history.first()
    article.status = Status.DRAFT
    article.save()
    url = reverse("admin:articles_article_simple_history", args=[article.pk, published.pk])

    response = editor_client.post(url, {"seen_version": article.version}, follow=True)

    assert "would publish it, which only medical reviewers can do" in response.text
    assert Article.objects.get().status == Status.DRAFT


def test_review_due_lists_articles_never_or_long_ago_reviewed(editor_client, reviewer):
    today = timezone.localdate()
    make_article(title="Never reviewed", slug="never")
    make_article(
        title="Reviewed long ago",
        slug="old",
        reviewer=reviewer[1],
        reviewed_on=today - datetime.timedelta(days=400),
    )
    make_article(title="Fresh review", slug="fresh", reviewer=reviewer[1], reviewed_on=today)

    due = editor_client.get(changelist(Article), {"review": "due"}).text

    assert "Never reviewed" in due and "Reviewed long ago" in due
    assert "Fresh review" not in due
    assert set(Article.objects.review_due(today).values_list("slug", flat=True)) == {"never", "old"}


def test_a_reviewer_records_a_fresh_review_of_a_published_article(reviewer_client, reviewer):
    old = timezone.localdate() - datetime.timedelta(days=500)
    article = make_article(reviewer=reviewer[1], reviewed_on=old)
    assert Article.objects.review_due().exists()

    reviewer_client.post(
        changelist(Article), {"action": "record_my_review", "_selected_action": [article.pk]}
    )

    article.refresh_from_db()
    assert article.reviewed_on == timezone.localdate()
    assert not Article.objects.review_due().exists()
