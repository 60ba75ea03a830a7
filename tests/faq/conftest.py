import html
import json
import re

import pytest
from django.contrib.auth.models import Permission

from articles.models import Status
from faq.models import Question


@pytest.fixture
def staff_user(staff_user):
    """The shared staff editor, who may also edit FAQ questions."""
    staff_user.user_permissions.add(*Permission.objects.filter(content_type__app_label="faq"))
    return staff_user


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


QUESTION_RE = re.compile(
    r'<details class="faq__item" id="(?P<slug>[^"]+)">\s*'
    r'<summary class="faq__question">(?P<question>.*?)</summary>\s*'
    r'<div class="faq__answer">(?P<answer>.*?)</div>\s*'
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
    nodes = []
    for payload in re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', page_html, re.DOTALL
    ):
        data = json.loads(payload)
        nodes.extend(data.get("@graph", [data]))
    return [node for node in nodes if node.get("@type") == "FAQPage"]


def structured_questions(page_html):
    """The page's one FAQPage as (question, answer) pairs."""
    (faq_page,) = faq_pages(page_html)
    return [(entity["name"], entity["acceptedAnswer"]["text"]) for entity in faq_page["mainEntity"]]
