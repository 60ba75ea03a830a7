"""Reader search over published articles: every word must appear somewhere in the article."""

import html
import re

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
EXCERPT_LENGTH = 240
SEARCHED_FIELDS = ("title", "dek", "summary", "body")


def terms(query):
    """The distinct words of a query, at most MAX_TERMS of them."""
    words = re.findall(r"\w[\w'’-]*", query[:MAX_QUERY_LENGTH])
    return list(dict.fromkeys(word.casefold() for word in words))[:MAX_TERMS]


def search(articles, words):
    """Articles containing every word, those with a word in the title first, newest next."""
    for word in words:
        articles = articles.filter(
            Q.create([(f"{field}__icontains", word) for field in SEARCHED_FIELDS], Q.OR)
        )
    in_title = Q.create([("title__icontains", word) for word in words], Q.OR)
    return articles.annotate(
        title_match=Case(
            When(in_title, then=Value(1)), default=Value(0), output_field=IntegerField()
        )
    ).order_by("-title_match", "-published_at")


def excerpt(article, words):
    """Plain text around the first match in the stored summary and body, words in <mark>."""
    text = " ".join(
        html.unescape(strip_tags(part)) for part in (article.summary_html, article.body_html)
    )
    text = re.sub(r"\s+", " ", text).strip()
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    match = pattern.search(text)
    start = max(0, match.start() - EXCERPT_LENGTH // 3) if match else 0
    snippet = text[start : start + EXCERPT_LENGTH]
    if start > 0:
        snippet = "…" + snippet.split(" ", 1)[-1]
    if start + EXCERPT_LENGTH < len(text):
        snippet = snippet.rsplit(" ", 1)[0] + "…"
    marked = pattern.sub(lambda m: f"\0{m.group(0)}\1", snippet)
    return mark_safe(  # noqa: S308 - everything but our own <mark> is escaped
        escape(marked).replace("\0", "<mark>").replace("\1", "</mark>")
    )
