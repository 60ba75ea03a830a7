import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from articles.models import Article, Contributor, KeyPoint, Reference, Status, Topic


@pytest.fixture
def topic(db):
    return Topic.objects.create(name="Gut health", slug="gut-health")


def make_article(**overrides):
    fields = {
        "title": "Fibre and the microbiome",
        "slug": "fibre-and-the-microbiome",
        "dek": "What fibre does for gut bacteria.",
        "summary": "Fibre **feeds** gut bacteria.",
        "body": "## Why fibre matters\n\nIt feeds bacteria.\n\n### Soluble fibre\n\nOats.",
        "status": Status.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(days=1),
    }
    fields.update(overrides)
    return Article.objects.create(**fields)


def make_key_points(article, count):
    return KeyPoint.objects.bulk_create(
        KeyPoint(article=article, position=n, lead=f"Lead {n}.", text=f"Sentence {n}.")
        for n in range(1, count + 1)
    )


def make_references(article, count):
    return Reference.objects.bulk_create(
        Reference(
            article=article,
            position=n,
            title=f"Study {n}",
            url=f"https://example.org/study-{n}",
            publisher="Journal",
            year=2020,
        )
        for n in range(1, count + 1)
    )


def make_contributor(name="Ada Reviewer", credentials="MD"):
    return Contributor.objects.create(name=name, credentials=credentials)


@pytest.fixture
def article(db):
    return make_article()


@pytest.fixture
def staff_user(db):
    """A staff editor with the article permissions, not a superuser."""
    from django.contrib.auth.models import Permission

    user = User.objects.create_user("editor", password="pw-editor-123", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="articles"))
    return user


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def make_comparison(slug="a-vs-b", subjects=("Alpha", "Beta"), rows=(), **overrides):
    """A comparison with subjects (columns) and rows of (feature, value, value, ...)."""
    from articles.models import Comparison, ComparisonRow, ComparisonSubject, ComparisonValue

    fields = {
        "title": f"Comparison {slug}",
        "slug": slug,
        "status": Status.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(days=1),
    }
    fields.update(overrides)
    comparison = Comparison.objects.create(**fields)
    columns = [
        ComparisonSubject.objects.create(comparison=comparison, position=n, name=name)
        for n, name in enumerate(subjects, start=1)
    ]
    for position, (feature, *values) in enumerate(rows, start=1):
        row = ComparisonRow.objects.create(
            comparison=comparison, position=position, feature=feature
        )
        for subject, text in zip(columns, values, strict=False):
            ComparisonValue(row=row, subject=subject, text=text).save()
    return comparison
