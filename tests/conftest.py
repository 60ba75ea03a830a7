import math

import pytest
from django.test import Client

from gutguide.pagecache import start_generation
from tests.factories import (
    make_article,
    make_comparison,
    make_contributor,
    make_editor,
    make_key_points,
    make_medical_reviewer,
    make_question,
    make_references,
    make_staff_user,
    make_topic,
)


@pytest.fixture(autouse=True)
def fresh_page_cache():
    """Every test starts without stored pages: the shared cache outlives each test's
    rolled-back database. A fresh generation, ending never: nothing is scheduled yet."""
    start_generation(math.inf)


@pytest.fixture
def topic(db):
    return make_topic()


@pytest.fixture
def article(db):
    return make_article()


@pytest.fixture
def placed(topic):
    """A published article placing a published comparison, with key points, references and a
    question (/articles/fibre-and-the-microbiome/)."""
    comparison = make_comparison(slug="fibre-types", rows=[("Dose", "5 g", "10 g")])
    article = make_article(
        topic=topic,
        author=make_contributor(),
        body="## Types\n\n[[comparison fibre-types]]\n\n## More\n\nText.",
    )
    make_key_points(article, 2)
    make_references(article, 2)
    make_question(article=article, question="Is fibre safe?", slug="is-fibre-safe")
    return article, comparison


@pytest.fixture
def uncached(settings, db):
    """A reader's browser with the page cache off: every request runs the view (and serves
    what it stored)."""
    settings.PAGE_CACHE = False
    return Client()  # the middleware reads the setting when a client first loads it


@pytest.fixture
def reader(db):
    """An anonymous reader's browser, apart from the `client` that staff_client logs in."""
    return Client()


@pytest.fixture
def staff_user(db):
    """A staff editor with the content permissions (sources, articles, comparisons, FAQ), not a
    superuser."""
    return make_staff_user("editor")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def second_client(db):
    """A second editor, logged in in another browser."""
    client = Client()
    client.force_login(make_staff_user("editor2"))
    return client


@pytest.fixture
def editor_client(client, db):
    """Logged in as an editor: writes, sends to review, cannot publish."""
    client.force_login(make_editor("writer"))
    return client


@pytest.fixture
def reviewer(db):
    """A medical reviewer (user, contributor): may publish, reviews are recorded."""
    return make_medical_reviewer("Dr Ada Lovelace", "MD", username="ada")


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer[0])
    return client
