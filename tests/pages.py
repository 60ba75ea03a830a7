"""Reading pages as a reader or an editor would: the values a form would submit, the questions
shown, the structured data. One place for how tests read HTML."""

import html
import json
import re
import time
from html.parser import HTMLParser

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone


class FormValues(HTMLParser):
    """What a browser without JavaScript would submit from the form with the given id."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.in_form = False
        self.data = {}
        self.textarea = None
        self.select = None
        self.multiple = False
        self.first_option = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = attrs.get("id") == self.form_id
        if not self.in_form or "name" not in attrs and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data[attrs["name"]] = attrs.get("value", "on")
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self.data[attrs["name"]] = attrs.get("value", "")
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.data[self.textarea] = ""
        elif tag == "select":
            self.select, self.first_option = attrs["name"], None
            # A multiple choice submits every selected option, and nothing when none is.
            self.multiple = "multiple" in attrs
            if self.multiple:
                self.data[self.select] = []
        elif tag == "option" and self.select:
            if self.first_option is None:
                self.first_option = attrs.get("value", "")
            if "selected" in attrs and self.multiple:
                self.data[self.select].append(attrs.get("value", ""))
            elif "selected" in attrs:
                self.data[self.select] = attrs.get("value", "")

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "textarea" and self.textarea:
            # Browsers drop the newline that opens a textarea's content.
            self.data[self.textarea] = self.data[self.textarea].removeprefix("\n")
            self.textarea = None
        elif tag == "select" and self.select:
            self.data.setdefault(self.select, self.first_option or "")
            self.select, self.multiple = None, False


def form_values(html, form_id):
    parser = FormValues(form_id)
    parser.feed(html)
    return parser.data


def admin_form(client, url):
    """The admin form at `url` as the editor received it: what saving it unchanged would post.

    Change a value by key, add inline rows with add_rows(), then post the dict."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    form_id = response.context["opts"].model_name + "_form"
    return form_values(response.text, form_id)


def add_rows(data, prefix, rows):
    """Fill new inline rows (dicts of field values) after the rows the form was opened with,
    in place of its empty extra rows and beyond them; fields not given keep what "Add another"
    would show."""
    start = int(data[f"{prefix}-INITIAL_FORMS"])
    # What "Add another" would put in a new row (the empty-form template), then the values.
    template = f"{prefix}-__prefix__-"
    defaults = {
        key[len(template) :]: value for key, value in data.items() if key.startswith(template)
    }
    for index, row in enumerate(rows, start=start):
        for name, value in {**defaults, **row}.items():
            # A list is a multiple choice (sources): every value is submitted.
            data[f"{prefix}-{index}-{name}"] = value if isinstance(value, list) else str(value)
    total = max(int(data[f"{prefix}-TOTAL_FORMS"]), start + len(rows))
    data[f"{prefix}-TOTAL_FORMS"] = str(total)
    return data


def json_ld(page_html):
    """Every JSON-LD payload of the page, parsed, in page order."""
    return [
        json.loads(payload)
        for payload in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', page_html, re.DOTALL
        )
    ]


QUESTION_RE = re.compile(
    r'<details class="faq__item" id="(?P<slug>[^"]+)">\s*'
    r'<summary class="faq__question">(?P<question>.*?)</summary>\s*'
    r'<div class="faq__answer">(?P<answer>.*?)</div>\s*'
    r'(?:<p class="claim-evidence">(?P<evidence>.*?)</p>\s*)?'
    r'<p class="faq__links">(?P<links>.*?)</p>\s*</details>',
    re.DOTALL,
)


def shown_questions(page_html):
    """The questions a reader sees, in page order: (anchor, question text, answer HTML, links)."""
    return [
        (m["slug"], html.unescape(m["question"]), m["answer"], m["links"])
        for m in QUESTION_RE.finditer(page_html)
    ]


def faq_pages(page_html):
    """Every FAQPage node in the page's JSON-LD, whether alone or in an @graph."""
    nodes = [node for data in json_ld(page_html) for node in data.get("@graph", [data])]
    return [node for node in nodes if node.get("@type") == "FAQPage"]


def structured_questions(page_html):
    """The page's one FAQPage as (question, answer) pairs."""
    (faq_page,) = faq_pages(page_html)
    return [(entity["name"], entity["acceptedAnswer"]["text"]) for entity in faq_page["mainEntity"]]


SEARCH_RESULT_RE = re.compile(
    r'<article class="card search-result search-result--(?P<kind>\w+)">\s*'
    r'<p class="search-result__kind">(?P<label>.*?)</p>\s*'
    r'<h2 class="card__title"><a href="(?P<url>[^"]*)">(?P<title>.*?)</a></h2>\s*'
    r'(?:<p class="card__excerpt">(?P<excerpt>.*?)</p>)?',
    re.DOTALL,
)


def search_results(page_html):
    """The results of a search page as a reader sees them, in order: dicts of kind, label,
    url, title (text) and excerpt (the HTML inside the excerpt paragraph)."""
    return [
        {
            "kind": m["kind"],
            "label": html.unescape(m["label"]),
            "url": html.unescape(m["url"]),
            "title": html.unescape(m["title"]),
            "excerpt": m["excerpt"] or "",
        }
        for m in SEARCH_RESULT_RE.finditer(page_html)
    ]


CONFIRM_FIELD = "publish_despite_problems"


def post_publishing_despite_problems(client, url, data, **kwargs):
    """Post an article form that publishes; if the editorial checks refuse it for problems,
    tick “Publish despite these N problems” on the page that came back (as a medical
    reviewer would) and post again. Returns the last response."""
    response = client.post(url, data, **kwargs)
    if response.status_code != 200 or f'name="{CONFIRM_FIELD}"' not in response.text:
        return response
    again = form_values(response.text, "article_form")
    again[CONFIRM_FIELD] = "on"
    return client.post(url, again, **kwargs)


def queries_for(client, url, **kwargs):
    """(response, number of SQL queries) of one GET."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **kwargs)
    return response, len(queries)


def wait_until(moment):
    """Sleep until just after `moment` (a scheduled publish time)."""
    time.sleep(max(0, (moment - timezone.now()).total_seconds()) + 0.05)
