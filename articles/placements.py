"""
Comparison tables placed in an article body with a line `[[comparison <slug>]]`.

On save the line is rendered like any Markdown; the stored HTML then carries a marker
comment in its place (editor comments are stripped by the sanitizer, so every marker is
ours). Pages split the stored HTML at the markers and put the published tables there.
"""

import re

from django.db.models import Q
from django.template.loader import render_to_string

from gutguide import markdown

SLUG = r"[-a-zA-Z0-9_]+"
LINE_RE = re.compile(rf"^\[\[comparison ({SLUG})\]\][ \t]*$", re.MULTILINE)
LOOKS_LIKE_RE = re.compile(r"^[ \t]*\[\[[ \t]*comparison\b.*$", re.MULTILINE | re.IGNORECASE)
RENDERED_RE = re.compile(rf"<p>\[\[comparison ({SLUG})\]\]</p>")
MARKER = "<!--comparison:{}-->"
MARKER_RE = re.compile(rf"<!--comparison:({SLUG})-->")


def isolate(text):
    """Give each placement line its own paragraph, whatever surrounds it."""
    return LINE_RE.sub(lambda match: f"\n\n{match.group(0).strip()}\n\n", text or "")


def mark(html):
    """Replace each rendered placement paragraph with a marker comment."""
    return RENDERED_RE.sub(lambda match: MARKER.format(match.group(1)), html)


def slugs(text):
    """The slugs placed in Markdown text, in order, once each."""
    return list(dict.fromkeys(LINE_RE.findall(text or "")))


def malformed_lines(text):
    """Lines that look like a placement but are not written as one."""
    return [
        line.strip()
        for line in LOOKS_LIKE_RE.findall(text or "")
        if not LINE_RE.fullmatch(line.rstrip())
    ]


def split(html, comparisons, keep_missing=False):
    """Stored body HTML as parts: {"html": ...} or {"comparison": ...}, in page order.

    A marker whose comparison is missing (unpublished or deleted since) is dropped, or with
    keep_missing becomes {"missing": slug}.
    """
    parts = []
    position = 0
    for match in MARKER_RE.finditer(html):
        parts.append({"html": html[position : match.start()]})
        comparison = comparisons.get(match.group(1))
        if comparison is not None:
            parts.append({"comparison": comparison})
        elif keep_missing:
            parts.append({"missing": match.group(1)})
        position = match.end()
    parts.append({"html": html[position:]})
    return parts


def missing(slugs):
    """The slugs among `slugs` with no published comparison, in their order."""
    from .models import Comparison

    published = set(
        Comparison.objects.published().filter(slug__in=slugs).values_list("slug", flat=True)
    )
    return [slug for slug in slugs if slug not in published]


def published_tables(slugs):
    from .models import Comparison

    if not slugs:
        return {}
    placed = Comparison.objects.published().filter(slug__in=slugs).with_tables()
    return {comparison.slug: comparison for comparison in placed}


def preview(text):
    """The live preview of an article body: the Markdown pipeline, with placed tables shown
    as readers will see them (ArticleBodyWidget)."""
    html = mark(markdown.render_markdown(isolate(text)))
    slugs = marked_slugs(html)
    if not slugs:
        return html
    parts = split(html, published_tables(slugs), keep_missing=True)
    return render_to_string("articles/includes/body.html", {"body_parts": parts})


def marked_slugs(html):
    return list(dict.fromkeys(MARKER_RE.findall(html)))


def placed_in_body(slug):
    """Filter for articles whose body places the comparison `slug`."""
    return Q(body__contains=f"[[comparison {slug}]]")
