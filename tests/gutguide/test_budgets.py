"""What a reader downloads stays small: the article's HTML under 60 KB, the stylesheet under
30 KB, reader JavaScript under 10 KB (today none: every page works without it)."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

ARTICLE_URL = "/articles/glutamine-or-glutathione-for-leaky-gut/"
READER_PAGES = [
    "/",
    "/articles/",
    ARTICLE_URL,
    "/topics/gut-health/",
    "/compare/",
    "/compare/glutamine-vs-glutathione/",
    "/faq/",
    "/search/?q=glutamine",
]
KB = 1024


@pytest.fixture
def demo(db):
    call_command("load_demo_content", verbosity=0)


def static_size(url):
    return Path(finders.find(url.removeprefix("/static/"))).stat().st_size


def test_demo_article_html_is_under_60_kb(client, demo):
    size = len(client.get(ARTICLE_URL).content)

    assert size < 60 * KB, f"{size / KB:.1f} KB"


def test_stylesheets_are_under_30_kb(client, demo):
    html = client.get(ARTICLE_URL).text
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)

    assert stylesheets == ["/static/css/site.css"]
    size = sum(static_size(url) for url in stylesheets)
    assert size < 30 * KB, f"{size / KB:.1f} KB"


@pytest.mark.parametrize("path", READER_PAGES)
def test_reader_javascript_is_under_10_kb(client, demo, path):
    html = client.get(path).text
    scripts = re.findall(r"<script\b[^>]*\bsrc=\"([^\"]+)\"", html)
    inline = [attrs for attrs in re.findall(r"<script\b([^>]*)>", html) if "ld+json" not in attrs]

    size = sum(static_size(url) for url in scripts)
    assert size < 10 * KB
    assert len(inline) == len(scripts)  # no inline script (the CSP would refuse it anyway)
