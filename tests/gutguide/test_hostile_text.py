"""Hostile text in every field an editor can fill reaches no output as markup: pages, the
feed, the sitemap, JSON-LD, meta tags and the admin show it as text or as sanitized HTML."""

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.urls import reverse

from articles.models import Disclaimer, KeyPoint, Reference
from evidence.models import Grade
from tests.factories import (
    make_article,
    make_comparison,
    make_contributor,
    make_question,
    make_source,
    make_topic,
)
from tests.pages import json_ld

CONTENT_APPS = ("articles", "comparisons", "faq")
# Plain-text fields must show this as text; Markdown fields keep only what the allow-list
# keeps. <u> is in no allow-list, so a <u> element anywhere is editor text taken as markup.
PLAIN = (
    "Fish < 3 & <u>u</u> \"q\" 'a' <img src=x onerror=alert(1)>"
    "<script>alert(2)</script></title></textarea>"
)
SHORT = "<u>u</u><img src=x onerror=alert(1)><script>alert(2)</script>"
MARKDOWN = (
    f'{PLAIN}\n\n[js](javascript:alert(3)) <a href="javascript:alert(4)">a</a> '
    "<iframe src=x></iframe> <svg onload=alert(6)></svg>\n\n## <u>h</u> <b onclick=alert(5)>b</b>"
)


class Markup(HTMLParser):
    """Everything of a page that could run or mislead: elements, attributes, inline
    scripts, and the text a reader sees."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.scripts = []
        self.text = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag == "script":
            self._script = [dict(attrs).get("type", ""), ""]
            self.scripts.append(self._script)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script[1] += data
        else:
            self.text.append(data)


def read(page_html):
    parser = Markup()
    parser.feed(page_html)
    parser.close()
    return parser


def assert_no_markup_from_editors(page_html, where):
    page = read(page_html)
    for tag, attrs in page.elements:
        assert tag not in ("u", "iframe"), (where, tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (where, tag, attrs)
            if name in ("href", "src", "action", "formaction") and value:
                assert not value.strip().lower().startswith(("javascript:", "data:")), (
                    where,
                    tag,
                    attrs,
                )
    for script_type, content in page.scripts:
        if script_type in ("application/ld+json", "application/json"):
            continue
        assert "alert(" not in content, (where, content)
    return page


def text_fields(model):
    """Every text field an editor fills in (not slugs, addresses or choices)."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and field.editable
        and not isinstance(field, models.SlugField | models.URLField)
        and not field.choices
    ]


def fill(record, markdown=(), suffix=""):
    """Put hostile text in every text field of `record` and save it."""
    for field in text_fields(type(record)):
        if field.name in markdown:
            value = MARKDOWN
        else:
            fits = not field.max_length or field.max_length >= len(PLAIN + suffix)
            value = (PLAIN if fits else SHORT) + suffix
        setattr(record, field.name, value)
    record.save()
    return record


@pytest.fixture
def hostile(db):
    """A site whose every text field holds hostile text."""
    topic = fill(make_topic(slug="t"), markdown={"description"})
    author = fill(make_contributor())
    reviewer = fill(make_contributor(name="R"))
    source = fill(make_source("hostile-1", url='https://e.org/?a="><u>'))
    comparison = make_comparison(slug="c", rows=[("F", "a", "b")])
    fill(comparison, markdown={"intro"})
    for subject in comparison.subjects.all():
        fill(subject, suffix=f" {subject.position}")
    for row in comparison.rows.all():
        row.grade = Grade.LIMITED
        fill(row)
        row.sources.set([source])
        for value in row.values.all():
            value.text = SHORT + " [j](javascript:alert(7))"
            value.save()
    article = make_article(slug="a", topic=topic, author=author, reviewer=reviewer)
    fill(article, markdown={"summary", "body"})
    article.body += "\n\n[[comparison c]]\n"
    article.save()
    comparison.store_table()
    point = KeyPoint.objects.create(article=article, position=1, lead="l", text="t", grade="strong")
    fill(point)
    point.sources.set([source])
    Reference.objects.create(article=article, position=1, source=source)
    fill(make_question(slug="q", article=article), markdown={"answer"})
    fill(make_question(slug="alone", topic=topic), markdown={"answer"})
    fill(Disclaimer(text="x"), markdown={"text"})
    # Plain-text dek in the feed when there is no summary.
    fill(make_article(slug="no-summary", topic=topic), markdown={"body"}).__class__.objects.filter(
        slug="no-summary"
    ).update(summary="", summary_html="")
    return article


PUBLIC_PAGES = [
    "/",
    "/articles/",
    "/articles/a/",
    "/articles/no-summary/",
    "/topics/t/",
    "/compare/",
    "/compare/c/",
    "/faq/",
    "/search/?q=Fish",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_show_hostile_text_as_text(client, hostile, path):
    response = client.get(path)

    assert response.status_code == 200
    page = assert_no_markup_from_editors(response.text, path)
    if path != "/search/?q=Fish":
        assert PLAIN in "".join(page.text) or SHORT in "".join(page.text)


def test_article_head_keeps_hostile_text_inside_its_attributes(client, hostile):
    page = read(client.get("/articles/a/").text)

    metas = {
        attrs.get("property") or attrs.get("name"): attrs.get("content")
        for tag, attrs in page.elements
        if tag == "meta"
    }
    assert metas["description"] == metas["og:description"] == PLAIN
    assert metas["og:title"] == PLAIN
    title = "".join(page.text).split(" · GutGuide")[0].strip()
    assert title.endswith(PLAIN)


def test_json_ld_carries_hostile_text_as_data(client, hostile):
    (data,) = json_ld(client.get("/articles/a/").text)

    page = data["@graph"][0]
    assert page["headline"] == PLAIN
    assert page["author"]["name"] == PLAIN
    faq = next(node for node in data["@graph"] if node["@type"] == "FAQPage")
    answer = faq["mainEntity"][0]["acceptedAnswer"]["text"]
    assert_no_markup_from_editors(answer, "FAQPage answer")


def test_feed_items_carry_no_markup_from_editors(client, hostile):
    channel = ET.fromstring(client.get("/feed/").content).find("channel")

    items = {item.findtext("link"): item for item in channel.findall("item")}
    assert set(items) == {"http://testserver/articles/a/", "http://testserver/articles/no-summary/"}
    for link, item in items.items():
        for part in ("title", "description"):
            assert_no_markup_from_editors(item.findtext(part), f"{link} {part}")
    # A feed reader shows the dek and the title as the editor typed them.
    no_summary = items["http://testserver/articles/no-summary/"]
    assert "".join(read(no_summary.findtext("description")).text) == PLAIN
    assert "".join(read(no_summary.findtext("title")).text) == PLAIN


def test_a_dek_with_html_characters_reaches_feed_readers_as_text(client, db):
    make_article(slug="fish", title="Fish", summary="", dek="Fish < 3 & <b>bold")

    item = ET.fromstring(client.get("/feed/").content).find("channel/item")

    description = read(item.findtext("description"))
    assert "".join(description.text) == "Fish < 3 & <b>bold"
    assert [tag for tag, _ in description.elements] == []


def test_sitemap_is_well_formed_with_hostile_content(client, hostile):
    loc = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
    index = ET.fromstring(client.get("/sitemap.xml").content)
    locations = []
    for section in index:
        path = section.findtext(loc).removeprefix("http://testserver")
        locations += [url.findtext(loc) for url in ET.fromstring(client.get(path).content)]

    assert "http://testserver/articles/a/" in locations


def admin_pages():
    for model in apps.get_models():
        if model._meta.app_label in CONTENT_APPS and admin.site.is_registered(model):
            info = (model._meta.app_label, model._meta.model_name)
            yield model, f"admin:{info[0]}_{info[1]}_changelist"


@pytest.mark.parametrize(("model", "changelist"), list(admin_pages()))
def test_admin_pages_show_hostile_text_as_text(admin_client, hostile, model, changelist):
    pages = [reverse(changelist)]
    record = model.objects.first()
    if record is not None:
        info = (model._meta.app_label, model._meta.model_name)
        pages += [
            reverse(f"admin:{info[0]}_{info[1]}_change", args=[record.pk]),
            reverse(f"admin:{info[0]}_{info[1]}_history", args=[record.pk]),
            reverse(f"admin:{info[0]}_{info[1]}_delete", args=[record.pk]),
        ]
    for page in pages:
        response = admin_client.get(page)
        assert response.status_code in (200, 403), page  # the disclaimer cannot be deleted
        assert_no_markup_from_editors(response.text, page)
