"""Two editors saving the same record do not overwrite each other silently."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from articles.models import Article, Comparison
from tests.articles.test_admin import article_form
from tests.articles.test_comparison_admin import table_post
from tests.conftest import make_article, make_comparison


@pytest.fixture
def second_client(staff_user):
    other = User.objects.create_user("editor2", password="pw-editor-456", is_staff=True)
    other.user_permissions.set(staff_user.user_permissions.all())
    client = Client()
    client.force_login(other)
    return client


def article_change(article, seen_version, **fields):
    data = article_form(
        title=article.title,
        slug=article.slug,
        summary=article.summary,
        seen_version=str(seen_version),
    )
    data.update(fields)
    return data


def test_second_save_from_a_stale_page_is_refused_and_keeps_the_text(staff_client, second_client):
    article = make_article(body="Original.")
    url = f"/admin/articles/article/{article.pk}/change/"
    opened_at = article.version  # both editors open the page now

    first = staff_client.post(url, article_change(article, opened_at, body="First edit."))
    second = second_client.post(url, article_change(article, opened_at, body="Second edit."))

    assert first.status_code == 302
    assert second.status_code == 200
    assert "Someone else saved this article after you opened it." in second.text
    assert "Second edit." in second.text
    assert Article.objects.get().body == "First edit."


def test_saving_again_after_the_warning_replaces_their_version(staff_client, second_client):
    article = make_article(body="Original.")
    url = f"/admin/articles/article/{article.pk}/change/"
    opened_at = article.version
    staff_client.post(url, article_change(article, opened_at, body="First edit."))
    warned = second_client.post(url, article_change(article, opened_at, body="Second edit."))

    # The page the editor got back carries the version they have now seen.
    seen = warned.context["adminform"].form["seen_version"].value()
    again = second_client.post(url, article_change(article, seen, body="Second edit."))

    assert again.status_code == 302
    assert Article.objects.get().body == "Second edit."


def test_an_editor_saving_twice_in_a_row_is_no_conflict(staff_client):
    article = make_article()
    url = f"/admin/articles/article/{article.pk}/change/"

    staff_client.post(url, article_change(article, article.version, body="One."))
    article.refresh_from_db()
    response = staff_client.post(url, article_change(article, article.version, body="Two."))

    assert response.status_code == 302
    assert Article.objects.get().body == "Two."


def test_change_page_carries_the_version_it_shows(staff_client):
    article = make_article()

    html = staff_client.get(f"/admin/articles/article/{article.pk}/change/").text

    assert f'name="seen_version" value="{article.version}"' in html


def test_comparison_table_is_protected_the_same_way(staff_client, second_client):
    comparison = make_comparison(rows=[("Use", "a", "b")])
    stale = table_post(
        [(s.position, s.name, s.pk) for s in comparison.subjects.all()],
        [(1, "Use", ["mine", "b"], comparison.rows.get().pk)],
        existing=comparison,
        slug="a-vs-b",
    )
    url = f"/admin/articles/comparison/{comparison.pk}/change/"
    staff_client.post(url, {**stale, "title": "Renamed first"})

    response = second_client.post(url, stale)

    assert "Someone else saved this comparison after you opened it." in response.text
    assert Comparison.objects.get().title == "Renamed first"
