"""
The syntax that places a comparison table in Markdown: a line `[[comparison <slug>]]`.

Pure text, no database: the lookups are on Comparison's queryset (`placed`, `missing`).
On save the line is rendered like any Markdown; the stored HTML then carries a marker
comment in its place (editor comments are stripped by the sanitizer, so every marker is
ours). Pages split the stored HTML at the markers and put the published tables there.
"""

import re

SLUG = r"[-a-zA-Z0-9_]+"
LINE_RE = re.compile(rf"^\[\[comparison ({SLUG})\]\][ \t]*$", re.MULTILINE)
LOOKS_LIKE_RE = re.compile(r"^[ \t]*\[\[[ \t]*comparison\b.*$", re.MULTILINE | re.IGNORECASE)
RENDERED_RE = re.compile(rf"<p>\[\[comparison ({SLUG})\]\]</p>")
MARKER = "<!--comparison:{}-->"
MARKER_RE = re.compile(rf"<!--comparison:({SLUG})-->")


def line(slug):
    """The placement line for `slug`, as an editor writes it."""
    return f"[[comparison {slug}]]"


def isolate(text):
    """Give each placement line its own paragraph, whatever surrounds it."""
    return LINE_RE.sub(lambda match: f"\n\n{match.group(0).strip()}\n\n", text or "")


def mark(html):
    """Replace each rendered placement paragraph with a marker comment."""
    return RENDERED_RE.sub(lambda match: MARKER.format(match.group(1)), html)


def slugs(text):
    """The slugs placed in Markdown text, in order, once each."""
    return list(dict.fromkeys(LINE_RE.findall(text or "")))


def marked_slugs(html):
    """The slugs marked in stored HTML, in order, once each."""
    return list(dict.fromkeys(MARKER_RE.findall(html)))


def malformed_lines(text):
    """Lines that look like a placement but are not written as one."""
    return [
        line.strip()
        for line in LOOKS_LIKE_RE.findall(text or "")
        if not LINE_RE.fullmatch(line.rstrip())
    ]


def split(html, comparisons, keep_missing=False):
    """Stored HTML as parts: {"html": ...} or {"comparison": ...}, in page order.

    `comparisons` maps slugs to the comparisons to show. A marker whose comparison is missing
    (unpublished or deleted since) is dropped, or with keep_missing becomes {"missing": slug}.
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
