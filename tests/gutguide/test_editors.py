"""Editors: staff in the "Editors" group can maintain every text, and nothing else."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.models import Article
from faq.models import Question
from gutguide.editors import EDITOR_PERMISSIONS, ensure_editors_group
from gutguide.models import Status
from tests.factories import make_staff_user
from tests.pages import add_rows, admin_form


@pytest.fixture
def editor_client(client, db):
    editor = make_staff_user("writer", apps=[])
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


def test_migrate_creates_the_editors_group_with_exactly_the_content_permissions(db):
    group = Group.objects.get(name="Editors")
    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))

    assert ("articles", "add_article") in codenames
    assert ("comparisons", "change_comparisonvalue") in codenames
    assert ("faq", "delete_question") in codenames
    assert ("articles", "change_disclaimer") in codenames
    assert ("articles", "delete_disclaimer") not in codenames
    assert not {app for app, _ in codenames} - set(EDITOR_PERMISSIONS)
    assert ("evidence", "change_source") in codenames
    assert len(codenames) == 4 * 11 + 2


def test_keeping_the_group_in_step_is_idempotent(db):
    ensure_editors_group()
    ensure_editors_group()

    assert Group.objects.filter(name="Editors").count() == 1


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:articles_article_add",
        "admin:comparisons_comparison_add",
        "admin:faq_question_add",
        "admin:articles_topic_changelist",
        "admin:articles_disclaimer_changelist",
    ],
)
def test_editor_reaches_every_content_page(editor_client, url_name):
    assert editor_client.get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize("url_name", ["admin:auth_user_changelist", "admin:auth_group_changelist"])
def test_editor_cannot_manage_people(editor_client, url_name):
    assert editor_client.get(reverse(url_name)).status_code == 403


def test_editor_saves_an_article_with_a_question_inline(editor_client):
    url = reverse("admin:articles_article_add")
    data = admin_form(editor_client, url)
    data.update(title="Fibre", slug="fibre", status=Status.DRAFT, body="## Why\n\nBecause.")
    add_rows(
        data,
        "questions",
        [
            {
                "question": "Is fibre good?",
                "slug": "is-fibre-good",
                "answer": "Mostly, *yes*.",
                "order": 1,
            }
        ],
    )

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    article = Article.objects.get()
    assert Question.objects.get().article == article
