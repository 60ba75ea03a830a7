"""Editors at work in the admin: one page for an article, its key points and references."""

import pytest
from django.contrib.auth.models import User

from articles.models import Article, KeyPoint, Status
from tests.conftest import make_article

ADD_URL = "/admin/articles/article/add/"


def article_form(**overrides):
    data = {
        "title": "Probiotics explained",
        "slug": "probiotics-explained",
        "dek": "What they are.",
        "topic": "",
        "status": Status.PUBLISHED,
        "published_at_0": "2026-01-02",
        "published_at_1": "09:00:00",
        "author": "",
        "reviewer": "",
        "reviewed_on": "",
        "summary": "Live microbes.",
        "body": "## What they are\n\nLive microbes that may help.",
        "meta_description": "Probiotics, plainly.",
        "key_points-TOTAL_FORMS": "0",
        "key_points-INITIAL_FORMS": "0",
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def with_key_points(data, points):
    data["key_points-TOTAL_FORMS"] = str(len(points))
    for index, (position, lead, text) in enumerate(points):
        data[f"key_points-{index}-position"] = str(position)
        data[f"key_points-{index}-lead"] = lead
        data[f"key_points-{index}-text"] = text
    return data


def test_staff_editor_adds_an_article_with_key_points_and_a_reference(staff_client):
    data = with_key_points(
        article_form(), [(1, "They are alive.", "Sentence one."), (2, "Strains differ.", "Two.")]
    )
    data.update(
        {
            "references-TOTAL_FORMS": "1",
            "references-0-position": "1",
            "references-0-title": "A review",
            "references-0-url": "https://example.org/review",
            "references-0-publisher": "Journal",
            "references-0-year": "2024",
        }
    )

    response = staff_client.post(ADD_URL, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    article = Article.objects.get(slug="probiotics-explained")
    assert [p.lead for p in article.key_points.all()] == ["They are alive.", "Strains differ."]
    assert article.references.get().url == "https://example.org/review"
    assert '<h2 id="what-they-are">' in article.body_html
    page = staff_client.get(article.get_absolute_url())
    assert "<strong>Strains differ.</strong> Two." in page.text


def test_add_form_has_live_preview_widgets_and_slug_prefill(staff_client):
    html = staff_client.get(ADD_URL).text

    assert html.count('class="markdownx"') == 2
    assert 'data-markdownx-urls-path="/markdownx/markdownify/"' in html
    assert "markdownx/js/markdownx" in html
    assert "prepopulated_fields" in html or "data-prepopulated-fields" in html


def assert_form_kept_text_with_error(response, message, *kept):
    assert response.status_code == 200
    assert message in response.text
    for text in kept:
        assert text in response.text


def test_duplicate_slug_keeps_the_editors_text(staff_client):
    make_article(slug="probiotics-explained")

    response = staff_client.post(ADD_URL, article_form(body="My long careful draft."))

    assert_form_kept_text_with_error(
        response, "Article with this Slug already exists.", "My long careful draft."
    )


def test_empty_title_keeps_the_editors_text(staff_client):
    response = staff_client.post(ADD_URL, article_form(title="", body="Keep me please."))

    assert_form_kept_text_with_error(response, "This field is required.", "Keep me please.")


def test_overlong_meta_description_is_explained(staff_client):
    response = staff_client.post(
        ADD_URL, article_form(meta_description="x" * 161, body="Body kept.")
    )

    assert_form_kept_text_with_error(
        response, "Ensure this value has at most 160 characters (it has 161).", "Body kept."
    )


def test_nul_bytes_are_refused_with_a_message(staff_client):
    response = staff_client.post(
        ADD_URL, article_form(title="Bad\x00title", body="Body\x00 with NUL")
    )

    assert_form_kept_text_with_error(response, "Null characters are not allowed.")
    assert not Article.objects.exists()


def test_duplicate_key_point_positions_are_an_error_not_a_crash(staff_client):
    data = with_key_points(article_form(), [(1, "One.", "a"), (1, "Also one.", "b")])

    response = staff_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "Another key point already has position 1." in response.text
    assert "Also one." in response.text


def test_editor_swaps_two_key_points_in_one_save(staff_client):
    article = make_article()
    first = KeyPoint.objects.create(article=article, position=1, lead="First.", text="a")
    second = KeyPoint.objects.create(article=article, position=2, lead="Second.", text="b")
    data = article_form(
        title=article.title,
        slug=article.slug,
        body=article.body,
        summary=article.summary,
        seen_version=str(article.version),
    )
    data.update(
        {
            "key_points-TOTAL_FORMS": "2",
            "key_points-INITIAL_FORMS": "2",
            "key_points-0-id": str(first.pk),
            "key_points-0-article": str(article.pk),
            "key_points-0-position": "2",
            "key_points-0-lead": "First.",
            "key_points-0-text": "a",
            "key_points-1-id": str(second.pk),
            "key_points-1-article": str(article.pk),
            "key_points-1-position": "1",
            "key_points-1-lead": "Second.",
            "key_points-1-text": "b",
        }
    )

    response = staff_client.post(f"/admin/articles/article/{article.pk}/change/", data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert [p.lead for p in article.key_points.all()] == ["Second.", "First."]


def test_changelist_search_and_filters_work(staff_client, topic):
    make_article(title="Fibre basics", slug="fibre", topic=topic)
    make_article(
        title="Sleep and the gut",
        slug="sleep",
        dek="",
        summary="",
        body="Rest.",
        status=Status.DRAFT,
    )

    searched = staff_client.get("/admin/articles/article/?q=fibre")
    filtered = staff_client.get("/admin/articles/article/?status__exact=draft")

    assert "Fibre basics" in searched.text and "Sleep and the gut" not in searched.text
    assert "Sleep and the gut" in filtered.text and "Fibre basics" not in filtered.text


def test_change_page_links_to_the_article_on_the_site(staff_client, article):
    html = staff_client.get(f"/admin/articles/article/{article.pk}/change/").text

    assert "View on site" in html


@pytest.mark.parametrize("user_kind", ["anonymous", "reader"])
def test_admin_is_closed_to_non_staff(client, db, user_kind):
    if user_kind == "reader":
        client.force_login(User.objects.create_user("reader", password="pw-reader-123"))

    response = client.get(ADD_URL)

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
