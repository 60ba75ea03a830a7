import math

import pytest
from django.test import Client

from gutguide.pagecache import start_generation
from tests.factories import make_article, make_staff_user, make_topic


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
