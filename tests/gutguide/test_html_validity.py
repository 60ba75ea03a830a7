"""Every reader page is valid HTML, as the Nu Html Checker (vnu.jar, the W3C's validator) sees it.

vnu.jar is installed by `make test` from the npm registry's vnu-jar package and runs with Java,
all pages in one run. Without it (or Java) the test skips, saying why; with
GUTGUIDE_REQUIRE_VALIDATOR=1 (set by .ci/run) a missing validator is a failure.
"""

import datetime
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from articles.models import Article
from comparisons.models import Comparison
from gutguide.models import Status
from tests.factories import (
    make_article,
    make_contributor,
    make_key_points,
    make_references,
    make_staff_user,
)

VNU_JAR = Path(
    os.environ.get("GUTGUIDE_VNU_JAR")
    or Path(sys.prefix) / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)
DEMO_ARTICLE = "/articles/glutamine-or-glutathione-for-leaky-gut/"

READER_PAGES = [
    "/",
    "/articles/",
    "/articles/?page=2",
    DEMO_ARTICLE,
    "/articles/reviewed-and-updated/",
    "/topics/gut-health/",
    "/compare/",
    "/compare/glutamine-vs-glutathione/",
    "/faq/",
    "/search/",
    "/search/?q=glutamine",
    "/search/?q=nothing+matches+this",
    "/search/?q=%20",
    "/no-such-page/",
]


def validator():
    java = shutil.which("java")
    missing = None
    if java is None:
        missing = "Java is not installed (apt-get install default-jre-headless)"
    elif not VNU_JAR.exists():
        missing = f"the Nu Html Checker is not at {VNU_JAR} (`make test` installs it with npm)"
    if missing:
        if os.environ.get("GUTGUIDE_REQUIRE_VALIDATOR") == "1":
            pytest.fail(f"HTML validation is required here, but {missing}.", pytrace=False)
        pytest.skip(f"HTML validity not checked: {missing}")
    return [java, "-Xss4m", "-jar", str(VNU_JAR)]


def validate(pages, folder):
    """{name: [vnu's errors and warnings]} for {name: HTML}."""
    files = {}
    for number, (name, html) in enumerate(pages.items()):
        path = folder / f"page-{number}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = name
    result = subprocess.run(
        [*validator(), "--format", "json", "--exit-zero-always", *map(str, folder.iterdir())],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    messages = {name: [] for name in pages}
    for message in json.loads(result.stderr)["messages"]:
        url = message.get("url", "")
        name = files.get(url.rsplit("/", 1)[-1], url)
        messages.setdefault(name, []).append(
            f"{message['type']}: {message['message']} [{message.get('extract', '').strip()}]"
        )
    return messages


@pytest.fixture
def site(db):
    """The demo content, a second page of articles, and an article with everything a byline
    can show (a real reviewer, an update after publishing)."""
    call_command("load_demo_content", verbosity=0)
    demo = Article.objects.get()
    published = timezone.now() - datetime.timedelta(days=30)
    article = make_article(
        title="Reviewed and updated",
        slug="reviewed-and-updated",
        topic=demo.topic,
        author=make_contributor("Sam Writer", ""),
        reviewer=make_contributor("Dr Ada Reviewer", "MD"),
        reviewed_on=datetime.date(2026, 3, 4),
        published_at=published,
        body="## One\n\nA claim [[ref 1]] and another [[ref 1, 2]].\n\n### Two\n\nText.",
    )
    make_key_points(article, 3)
    make_references(article, 2)
    Article.objects.filter(pk=article.pk).update(
        created_at=published, updated_at=published + datetime.timedelta(days=3)
    )
    for number in range(12):
        make_article(title=f"Filler {number}", slug=f"filler-{number}")


def test_every_reader_page_is_valid_html(client, site, tmp_path):
    pages = {}
    for path in READER_PAGES:
        response = client.get(path)
        assert response.status_code in (200, 404), (path, response.status_code)
        pages[path] = response.text
    # A staff preview: a draft that places a comparison that is not published yet.
    Comparison.objects.update(status=Status.DRAFT)
    Article.objects.filter(slug="glutamine-or-glutathione-for-leaky-gut").update(
        status=Status.DRAFT
    )
    staff = Client()
    staff.force_login(make_staff_user())
    pages[f"{DEMO_ARTICLE} (staff preview)"] = staff.get(DEMO_ARTICLE).text
    pages["/compare/glutamine-vs-glutathione/ (staff preview)"] = staff.get(
        "/compare/glutamine-vs-glutathione/"
    ).text

    problems = {name: found for name, found in validate(pages, tmp_path).items() if found}

    assert problems == {}


def test_the_validator_finds_what_the_pages_used_to_have(tmp_path):
    """The check above can fail: microseconds in <time datetime> (as Python's isoformat()
    writes them) and a duplicate id are errors."""
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
        '<body><p id="a"><time datetime="2026-11-27T18:31:00.992042+00:00">today</time></p>'
        '<p id="a">again</p></body></html>'
    )

    (found,) = validate({"page": page}, tmp_path).values()

    assert any("fraction of a second" in message for message in found), found
    assert any("Duplicate ID" in message for message in found), found
