"""Editors: staff in the "Editors" group can maintain every text, and nothing else."""

import pytest
from django.contrib.auth.models import Group, User

from articles.models import Article, Status
from faq.models import Question
from gutguide.editors import EDITOR_PERMISSIONS, ensure_editors_group


@pytest.fixture
def editor_client(client, db):
    editor = User.objects.create_user("writer", password="pw-writer-123", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


def test_migrate_creates_the_editors_group_with_exactly_the_content_permissions(db):
    group = Group.objects.get(name="Editors")
    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))

    assert ("articles", "add_article") in codenames
    assert ("articles", "change_comparisonvalue") in codenames
    assert ("faq", "delete_question") in codenames
    assert ("articles", "change_disclaimer") in codenames
    assert ("articles", "delete_disclaimer") not in codenames
    assert not {app for app, _ in codenames} - set(EDITOR_PERMISSIONS)
    assert len(codenames) == 4 * 10 + 2


def test_keeping_the_group_in_step_is_idempotent(db):
    ensure_editors_group()
    ensure_editors_group()

    assert Group.objects.filter(name="Editors").count() == 1


@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/article/add/",
        "/admin/articles/comparison/add/",
        "/admin/faq/question/add/",
        "/admin/articles/topic/",
        "/admin/articles/disclaimer/",
    ],
)
def test_editor_reaches_every_content_page(editor_client, url):
    assert editor_client.get(url).status_code == 200


@pytest.mark.parametrize("url", ["/admin/auth/user/", "/admin/auth/group/"])
def test_editor_cannot_manage_people(editor_client, url):
    assert editor_client.get(url).status_code == 403


def test_editor_saves_an_article_with_a_question_inline(editor_client):
    response = editor_client.post(
        "/admin/articles/article/add/",
        {
            "title": "Fibre",
            "slug": "fibre",
            "status": Status.DRAFT,
            "body": "## Why\n\nBecause.",
            "key_points-TOTAL_FORMS": "0",
            "key_points-INITIAL_FORMS": "0",
            "references-TOTAL_FORMS": "0",
            "references-INITIAL_FORMS": "0",
            "questions-TOTAL_FORMS": "1",
            "questions-INITIAL_FORMS": "0",
            "questions-0-question": "Is fibre good?",
            "questions-0-slug": "is-fibre-good",
            "questions-0-answer": "Mostly, *yes*.",
            "questions-0-status": Status.PUBLISHED,
            "questions-0-order": "1",
        },
    )

    assert response.status_code == 302, response.context["errors"]
    article = Article.objects.get()
    assert Question.objects.get().article == article
