"""Small factories for test data: plain functions with readable defaults, overridable by
keyword. Tests import these; fixtures in conftest.py build on them."""

import datetime
import itertools

from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone

from articles.models import Article, Contributor, KeyPoint, Reference, Topic
from comparisons.models import Column, Comparison, Line
from evidence.models import Source, StudyType
from faq.models import Question
from gutguide.models import Status

CONTENT_APPS = ("evidence", "articles", "comparisons", "faq")
_numbers = itertools.count(1)


def yesterday():
    return timezone.now() - datetime.timedelta(days=1)


def make_topic(name="Gut health", slug="gut-health", **overrides):
    return Topic.objects.create(name=name, slug=slug, **overrides)


def make_contributor(name="Ada Reviewer", credentials="MD", **overrides):
    return Contributor.objects.create(name=name, credentials=credentials, **overrides)


def make_medical_reviewer(name="Dr Ada Reviewer", credentials="MD", username=None):
    """A person in the "Medical reviewers" group, with a login linked to their contributor
    profile (so their reviews are recorded and shown). Returns (user, contributor)."""
    username = username or f"reviewer-{next(_numbers)}"
    user = User.objects.create_user(username, password=f"pw-{username}-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Medical reviewers"))
    return user, make_contributor(name, credentials, user=user)


def make_article(**overrides):
    fields = {
        "title": "Fibre and the microbiome",
        "slug": "fibre-and-the-microbiome",
        "dek": "What fibre does for gut bacteria.",
        "summary": "Fibre **feeds** gut bacteria.",
        "body": "## Why fibre matters\n\nIt feeds bacteria.\n\n### Soluble fibre\n\nOats.",
        "status": Status.PUBLISHED,
        "published_at": yesterday(),
    }
    fields.update(overrides)
    return Article.objects.create(**fields)


def make_key_points(article, count):
    """Saved one by one, as the admin does, so that everything kept in step on save (search,
    revisions, the page cache) sees them."""
    return [
        KeyPoint.objects.create(
            article=article, position=n, lead=f"Lead {n}.", text=f"Sentence {n}."
        )
        for n in range(1, count + 1)
    ]


def make_source(key="study-1", **overrides):
    n = key.rpartition("-")[2]
    values = {
        "title": f"Study {n}",
        "url": f"https://example.org/{key}",
        "journal": "Journal",
        "year": 2020,
        "study_type": StudyType.RCT,
        **overrides,
    }
    return Source.objects.update_or_create(key=key, defaults=values)[0]


def make_references(article, count):
    """References 1 to `count` of the article: sources study-1, study-2..."""
    return [
        Reference.objects.create(article=article, position=n, source=make_source(f"study-{n}"))
        for n in range(1, count + 1)
    ]


def make_comparison(slug="a-vs-b", subjects=("Alpha", "Beta"), rows=(), **overrides):
    """A comparison with subjects (columns) and rows of (feature, value, value, ...), written
    by Comparison.write_table like every table."""
    fields = {
        "title": f"Comparison {slug}",
        "slug": slug,
        "status": Status.PUBLISHED,
        "published_at": yesterday(),
    }
    fields.update(overrides)
    comparison = Comparison.objects.create(**fields)
    comparison.write_table(
        [Column(name, position) for position, name in enumerate(subjects, start=1)],
        [
            Line(feature, position, list(values))
            for position, (feature, *values) in enumerate(rows, start=1)
        ],
    )
    return comparison


def make_question(**overrides):
    number = Question.objects.count() + 1
    fields = {
        "question": f"Question {number}?",
        "slug": f"question-{number}",
        "answer": f"Answer **{number}**.",
        "status": Status.PUBLISHED,
        "order": number,
    }
    fields.update(overrides)
    return Question.objects.create(**fields)


def make_editor(username=None):
    """A staff account in the "Editors" group: writes, but does not publish."""
    user = make_staff_user(username, apps=[])
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def make_staff_user(username=None, apps=CONTENT_APPS):
    """A staff account (not a superuser) with every permission of the given apps."""
    username = username or f"editor-{next(_numbers)}"
    user = User.objects.create_user(username, password=f"pw-{username}-123", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=apps))
    return user


def make_reader(username=None):
    """A logged-in reader's account: no staff status, no permissions."""
    username = username or f"reader-{next(_numbers)}"
    return User.objects.create_user(username, password=f"pw-{username}-123")
