"""Text over the Markdown limits comes back as a field error with the editor's text, on every
Markdown field; a form too large to be read gets a page that says so."""

import html

import pytest
from django.urls import reverse

from articles.models import Article, Disclaimer
from comparisons.models import Comparison
from faq.models import Question
from gutguide.markdown import LIMITS
from gutguide.models import Status
from tests.factories import make_comparison
from tests.pages import add_rows, admin_form

ADD_URL = reverse("admin:articles_article_add")
NESTED_300 = "".join("  " * n + "- item\n" for n in range(300))  # 181 KB


def new_article(client, **fields):
    data = admin_form(client, ADD_URL)
    data.update(
        {
            "title": "Probiotics explained",
            "slug": "probiotics-explained",
            "status": Status.DRAFT,
            "summary": "Live microbes.",
            "body": "## What they are\n\nLive microbes.",
        }
    )
    data.update(fields)
    return data


def shown_textarea(page_html, name):
    start = page_html.index(f'name="{name}"')
    content = page_html[page_html.index(">", start) + 1 : page_html.index("</textarea>", start)]
    return html.unescape(content).removeprefix("\n")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Intro.\n\n" + "[" * 15_000, "Too many [ brackets or ( parentheses are left open."),
        ("- " * 300 + "item", "Lists or quotes are nested too deeply"),
        (NESTED_300, f"the limit is {LIMITS.length:,}"),
        ("word " * 1_000_000, "This text has 4,999,999 characters"),
    ],
    ids=["open brackets", "nested list", "181 KB nested list", "5 MB body"],
)
def test_body_over_the_limits_comes_back_with_its_text_and_the_reason(staff_client, body, message):
    response = staff_client.post(ADD_URL, new_article(staff_client, body=body))

    assert response.status_code == 200
    assert message in response.text
    assert shown_textarea(response.text, "body") == body
    assert not Article.objects.exists()


def test_summary_has_its_own_lower_limit(staff_client):
    response = staff_client.post(ADD_URL, new_article(staff_client, summary="x" * 3_001))

    assert "This text has 3,001 characters; the limit is 3,000." in response.text
    assert not Article.objects.exists()


def test_a_form_too_large_to_read_gets_a_page_that_says_so(staff_client):
    response = staff_client.post(ADD_URL, new_article(staff_client, body="x" * (11 * 1024 * 1024)))

    assert response.status_code == 400
    assert "larger than the site accepts (10 MB), so nothing was saved" in response.text
    assert "Your text is still in your browser" in response.text


def test_a_question_answer_over_the_limits_is_a_field_error(staff_client):
    data = admin_form(staff_client, reverse("admin:faq_question_add"))
    data.update({"question": "Why?", "slug": "why", "answer": "> " * 300 + "deep"})

    response = staff_client.post(reverse("admin:faq_question_add"), data)

    assert "Lists or quotes are nested too deeply" in response.text
    assert not Question.objects.exists()


def test_a_table_value_over_the_limits_is_a_field_error(staff_client):
    comparison = make_comparison(subjects=("A", "B"), rows=[("Dose", "1 g", "2 g")])
    url = reverse("admin:comparisons_comparison_change", args=[comparison.pk])
    data = admin_form(staff_client, url)
    add_rows(data, "rows", [{"position": 2, "feature": "Deep", "value_1": "- " * 200 + "x"}])

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert "Lists or quotes are nested too deeply" in response.text
    assert Comparison.objects.get().rows.count() == 1


def test_the_disclaimer_has_its_own_lower_limit(staff_client, db):
    Disclaimer.objects.create(text="Be careful.")
    url = reverse("admin:articles_disclaimer_change", args=[1])
    data = admin_form(staff_client, url)
    data["text"] = "x" * 5_001

    response = staff_client.post(url, data)

    assert "the limit is 5,000" in response.text
    assert Disclaimer.objects.get().text == "Be careful."
