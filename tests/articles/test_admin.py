"""Editors at work in the admin: one page for an article, its key points and references."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from articles.models import Article, KeyPoint
from gutguide.models import Status
from tests.factories import make_article, make_source
from tests.pages import add_rows, admin_form, post_publishing_despite_problems

ADD_URL = reverse("admin:articles_article_add")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def new_article(client, **fields):
    """The add page as an editor fills it in, with `fields` changed."""
    data = admin_form(client, ADD_URL)
    data.update(
        {
            "title": "Probiotics explained",
            "slug": "probiotics-explained",
            "dek": "What they are.",
            "status": Status.PUBLISHED,
            "published_at_0": "2026-01-02",
            "published_at_1": "09:00:00",
            "summary": "Live microbes.",
            "body": "## What they are\n\nLive microbes that may help.",
            "meta_description": "Probiotics, plainly.",
        }
    )
    data.update(fields)
    return data


def key_points(*points):
    """New key point rows from (position, lead, text)."""
    return [{"position": position, "lead": lead, "text": text} for position, lead, text in points]


def test_staff_editor_adds_an_article_with_key_points_and_a_reference(staff_client):
    data = new_article(staff_client)
    add_rows(
        data,
        "key_points",
        key_points((1, "They are alive.", "Sentence one."), (2, "Strains differ.", "Two.")),
    )
    add_rows(
        data,
        "references",
        [
            {
                "position": 1,
                "source": make_source("review-2024", url="https://example.org/review").pk,
            }
        ],
    )

    # The editor's login is no medical reviewer's: publishing confirms the missing review.
    response = post_publishing_despite_problems(staff_client, ADD_URL, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    article = Article.objects.get(slug="probiotics-explained")
    assert [p.lead for p in article.key_points.all()] == ["They are alive.", "Strains differ."]
    assert article.references.get().source.url == "https://example.org/review"
    assert '<h2 id="what-they-are">' in article.body_html
    page = staff_client.get(article.get_absolute_url())
    assert "<strong>Strains differ.</strong> Two." in page.text


def preview_path(html, name):
    """Where the live preview of the Markdown editor for field `name` fetches its HTML."""
    editor = re.search(rf'<div class="markdownx">\s*<textarea name="{name}"[^>]*>', html)
    assert editor, f"no live preview editor for {name}"
    return re.search(r'data-markdownx-urls-path="([^"]*)"', editor.group(0)).group(1)


def test_add_form_has_live_preview_widgets_and_slug_prefill(staff_client):
    html = staff_client.get(ADD_URL).text

    assert preview_path(html, "summary") == reverse("markdownx_markdownify")
    assert preview_path(html, "body") == reverse("admin:articles_article_body_preview")
    assert "markdownx/js/markdownx" in html
    assert "prepopulated_fields" in html or "data-prepopulated-fields" in html


def assert_form_kept_text_with_error(response, message, *kept):
    assert response.status_code == 200
    assert message in response.text
    for text in kept:
        assert text in response.text


def test_duplicate_slug_keeps_the_editors_text(staff_client):
    make_article(slug="probiotics-explained")

    response = staff_client.post(ADD_URL, new_article(staff_client, body="My long careful draft."))

    assert_form_kept_text_with_error(
        response, "Article with this Slug already exists.", "My long careful draft."
    )


def test_empty_title_keeps_the_editors_text(staff_client):
    response = staff_client.post(
        ADD_URL, new_article(staff_client, title="", body="Keep me please.")
    )

    assert_form_kept_text_with_error(response, "This field is required.", "Keep me please.")


def test_overlong_meta_description_is_explained(staff_client):
    data = new_article(staff_client, meta_description="x" * 161, body="Body kept.")

    response = staff_client.post(ADD_URL, data)

    assert_form_kept_text_with_error(
        response, "Ensure this value has at most 160 characters (it has 161).", "Body kept."
    )


def test_nul_bytes_are_refused_with_a_message(staff_client):
    data = new_article(staff_client, title="Bad\x00title", body="Body\x00 with NUL")

    response = staff_client.post(ADD_URL, data)

    assert_form_kept_text_with_error(response, "Null characters are not allowed.")
    assert not Article.objects.exists()


def test_key_points_typed_with_the_same_number_keep_the_order_shown(staff_client):
    data = add_rows(
        new_article(staff_client), "key_points", key_points((1, "One.", "a"), (1, "Also one.", "b"))
    )

    response = post_publishing_despite_problems(staff_client, ADD_URL, data)

    assert response.status_code == 302
    assert list(KeyPoint.objects.values_list("position", "lead")) == [(1, "One."), (2, "Also one.")]


def test_editor_swaps_two_key_points_in_one_save(staff_client):
    article = make_article()
    first = KeyPoint.objects.create(article=article, position=1, lead="First.", text="a")
    second = KeyPoint.objects.create(article=article, position=2, lead="Second.", text="b")
    data = admin_form(staff_client, change_url(article))
    assert (data["key_points-0-id"], data["key_points-1-id"]) == (str(first.pk), str(second.pk))
    data["key_points-0-position"] = "2"
    data["key_points-1-position"] = "1"

    response = staff_client.post(change_url(article), data)

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
    changelist = reverse("admin:articles_article_changelist")

    searched = staff_client.get(changelist, {"q": "fibre"})
    filtered = staff_client.get(changelist, {"status__exact": "draft"})

    assert "Fibre basics" in searched.text and "Sleep and the gut" not in searched.text
    assert "Sleep and the gut" in filtered.text and "Fibre basics" not in filtered.text


def test_change_page_links_to_the_article_on_the_site(staff_client, article):
    html = staff_client.get(change_url(article)).text

    assert "View on site" in html


@pytest.mark.parametrize("user_kind", ["anonymous", "reader"])
def test_admin_is_closed_to_non_staff(client, db, user_kind):
    if user_kind == "reader":
        client.force_login(User.objects.create_user("reader", password="pw-reader-123"))

    response = client.get(ADD_URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


# Editor comforts ---------------------------------------------------------------------------


def test_article_page_has_save_buttons_above_and_below(staff_client, article):
    html = staff_client.get(change_url(article)).text

    assert html.count('name="_save"') == 2
    assert html.count('name="_continue"') == 2


def test_labels_and_help_speak_plainly_where_the_body_is_written(staff_client):
    html = staff_client.get(ADD_URL).text

    assert '<label for="id_dek">Subtitle:</label>' in html
    assert "Dek" not in html
    text_section = html.split(">Text</h2>", 1)[1].split("Quick summary", 1)[0]
    assert "<code>## Section</code> and <code>### Sub-section</code>" in text_section
    assert "<code>[[comparison its-slug]]</code>, alone on its line" in text_section
    assert f'href="{reverse("admin:comparisons_comparison_changelist")}"' in text_section
    assert "<code>[[cite camilleri-2019]]</code>" in text_section


def test_every_inline_field_has_its_own_label(staff_client, article):
    html = staff_client.get(change_url(article)).text
    labelled = set(re.findall(r'<label[^>]* for="([^"]+)"', html))
    fields = re.findall(r"<(?:input|select|textarea)\b[^>]*>", html)
    inline_inputs = [
        re.search(r' id="([^"]+)"', field)[1]
        for field in fields
        if re.search(r' id="id_(key_points|references)-\d+-', field)
        and 'type="hidden"' not in field
    ]

    assert inline_inputs
    assert [input_id for input_id in inline_inputs if input_id not in labelled] == []


def test_admin_pages_have_the_favicon(staff_client):
    html = staff_client.get(reverse("admin:index")).text

    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html


def test_empty_autocomplete_says_what_to_choose(staff_client):
    html = staff_client.get(ADD_URL).text

    assert 'data-placeholder="Choose the author"' in html
    assert "js/autocomplete-names.js" in html
