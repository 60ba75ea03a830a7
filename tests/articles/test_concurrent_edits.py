"""Two editors saving the same article, topic, person or disclaimer do not overwrite each other
silently."""

import pytest
from django.urls import reverse

from articles.models import Article, Disclaimer
from tests.factories import make_article, make_contributor, make_topic
from tests.pages import admin_form


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def test_second_save_from_a_stale_page_is_refused_and_keeps_the_text(staff_client, second_client):
    article = make_article(body="Original.")
    url = change_url(article)
    # Both editors open the page now.
    first_page, second_page = admin_form(staff_client, url), admin_form(second_client, url)

    first = staff_client.post(url, {**first_page, "body": "First edit."})
    second = second_client.post(url, {**second_page, "body": "Second edit."})

    assert first.status_code == 302
    assert second.status_code == 200
    assert "editor saved this article on " in second.text
    assert "Second edit." in second.text
    assert Article.objects.get().body == "First edit."


def test_saving_again_after_the_warning_replaces_their_version(staff_client, second_client):
    article = make_article(body="Original.")
    url = change_url(article)
    first_page, second_page = admin_form(staff_client, url), admin_form(second_client, url)
    staff_client.post(url, {**first_page, "body": "First edit."})
    second_edit = {**second_page, "body": "Second edit."}
    warned = second_client.post(url, second_edit)

    # The page the editor got back carries the version they have now seen.
    seen = warned.context["adminform"].form["seen_version"].value()
    again = second_client.post(url, {**second_edit, "seen_version": str(seen)})

    assert again.status_code == 302
    assert Article.objects.get().body == "Second edit."


def test_an_editor_saving_twice_in_a_row_is_no_conflict(staff_client):
    article = make_article()
    url = change_url(article)

    staff_client.post(url, {**admin_form(staff_client, url), "body": "One."})
    response = staff_client.post(url, {**admin_form(staff_client, url), "body": "Two."})

    assert response.status_code == 302
    assert Article.objects.get().body == "Two."


def test_change_page_carries_the_version_it_shows(staff_client):
    article = make_article()

    html = staff_client.get(change_url(article)).text

    assert f'name="seen_version" value="{article.version}"' in html


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: make_topic(), "description"),
        (lambda: make_contributor(), "bio"),
        (lambda: Disclaimer.objects.create(text="Original."), "text"),
    ],
    ids=["topic", "contributor", "disclaimer"],
)
def test_stale_saves_of_topics_people_and_the_disclaimer_are_refused(
    staff_client, second_client, make, field
):
    obj = make()
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    first_page, second_page = admin_form(staff_client, url), admin_form(second_client, url)

    first = staff_client.post(url, {**first_page, field: "First edit."})
    second = second_client.post(url, {**second_page, field: "Second edit."})

    assert first.status_code == 302
    assert second.status_code == 200
    assert f"editor saved this {opts.verbose_name} on " in second.text
    assert "Second edit." in second.text
    obj.refresh_from_db()
    assert getattr(obj, field) == "First edit."
    # Their history pages show the change (models without foreign keys included).
    history = staff_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
    )
    assert "<ins>First edit.</ins>" in history.text
