"""Slugs have one spelling: lower case, no hyphen at either end, checked for uniqueness in
that spelling, so "Pricing" or "pricing-" cannot sit beside "pricing"."""

import pytest
from django.urls import reverse

from articles.models import Article, Topic
from comparisons.models import Comparison
from faq.models import Question
from gutguide.fields import normalize_slug
from gutguide.models import Status
from tests.factories import make_article, make_comparison, make_question, make_topic
from tests.pages import admin_form


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("Pricing", "pricing"), ("pricing-", "pricing"), ("-Pricing--", "pricing"), ("a-b", "a-b")],
)
def test_normal_spelling(typed, stored):
    assert normalize_slug(typed) == stored


@pytest.mark.parametrize("typed", ["Pricing", "pricing-", "PRICING-"])
def test_an_article_slug_differing_only_by_case_or_hyphen_is_a_duplicate(staff_client, typed):
    make_article(slug="pricing")
    data = admin_form(staff_client, reverse("admin:articles_article_add"))
    data.update(
        {"title": "Pricing again", "slug": typed, "status": Status.DRAFT, "body": "Kept text."}
    )

    response = staff_client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == 200
    assert "Article with this Slug already exists." in response.text
    assert "Kept text." in response.text
    assert Article.objects.count() == 1


def test_an_article_slug_is_stored_in_its_normal_spelling(staff_client):
    data = admin_form(staff_client, reverse("admin:articles_article_add"))
    data.update({"title": "Pricing", "slug": "Pricing-", "status": Status.DRAFT, "body": "Text."})

    response = staff_client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == 302
    assert Article.objects.get().slug == "pricing"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make", "model"),
    [
        (lambda: make_article(slug="Pricing-"), Article),
        (lambda: make_topic(name="Pricing", slug="-Pricing"), Topic),
        (lambda: make_comparison(slug="A-vs-B-"), Comparison),
        (lambda: make_question(slug="Why-"), Question),
    ],
)
def test_slugs_saved_outside_forms_are_normalised_too(make, model):
    record = make()

    assert record.slug == record.slug.lower().strip("-")
    assert model.objects.get(pk=record.pk).slug == record.slug


@pytest.mark.parametrize(
    ("url", "existing", "fields", "message"),
    [
        (
            "admin:articles_topic_add",
            lambda: make_topic(slug="pricing"),
            {"name": "Other", "slug": "Pricing"},
            "Topic with this Slug already exists.",
        ),
        (
            "admin:faq_question_add",
            lambda: make_question(slug="pricing"),
            {"question": "Other?", "slug": "pricing-", "answer": "Yes."},
            "Another question without an article has this slug.",
        ),
    ],
)
def test_other_slugs_are_unique_in_their_normal_spelling(
    staff_client, url, existing, fields, message
):
    existing()
    data = admin_form(staff_client, reverse(url))
    data.update(fields)

    response = staff_client.post(reverse(url), data)

    assert message in response.text


def test_a_comparison_slug_is_unique_in_its_normal_spelling(staff_client):
    make_comparison(slug="a-vs-b")
    data = admin_form(staff_client, reverse("admin:comparisons_comparison_add"))
    data.update({"title": "Again", "slug": "A-vs-B-", "status": Status.DRAFT})

    response = staff_client.post(reverse("admin:comparisons_comparison_add"), data)

    assert "Comparison with this Slug already exists." in response.text
    assert Comparison.objects.count() == 1
