"""
The one Markdown pipeline: editor Markdown in, safe HTML out.

Python-Markdown renders; nh3 then keeps only an explicit allow-list of tags, attributes
and URL schemes. Everything that shows editor text to a reader (article pages, the admin
preview, feeds, search excerpts) goes through here, and the result is stored on save.
"""

import html
import math
import re
from dataclasses import dataclass, field

import markdown
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "s", "small", "span", "strong", "sub", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align", "scope", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
    "ol": {"start"},
    # Anchor targets made by the toc and footnotes extensions.
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "li": {"id"},
    "sup": {"id"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

EXTENSIONS = ["tables", "sane_lists", "footnotes", "toc"]
EXTENSION_CONFIGS = {"toc": {"toc_depth": "2-3"}}

WORDS_PER_MINUTE = 200
WORD_RE = re.compile(r"\w+(?:['’-]\w+)*")
TAG_RE = re.compile(r"<[^>]+>")
# Tags that separate words (blocks, cells, breaks) and our placement markers; other tags
# (emphasis, links, code) sit inside words as often as between them.
SEPARATING_TAG_RE = re.compile(
    r"<!--.*?-->|</?(?:p|h[1-6]|li|ul|ol|dl|dt|dd|div|blockquote|pre|table|thead|tbody|tfoot"
    r"|tr|td|th|caption|figure|figcaption|br|hr|img)\b[^>]*>",
    re.DOTALL,
)


@dataclass
class Rendered:
    """Rendered, sanitized HTML with the values derived from it."""

    html: str
    toc: list = field(default_factory=list)

    @property
    def word_count(self):
        return count_words(self.html)


def sanitize(dirty_html):
    return nh3.clean(
        dirty_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def _converter():
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


def render(text):
    """Render Markdown to sanitized HTML plus its table of contents (H2 with their H3s)."""
    md = _converter()
    dirty = md.convert(text or "")
    return Rendered(html=sanitize(dirty), toc=[_toc_entry(token) for token in md.toc_tokens])


def _toc_entry(token):
    # toc_tokens carry HTML-escaped text; store plain text and let templates escape it.
    return {
        "id": token["id"],
        "title": html.unescape(token["name"]),
        "children": [_toc_entry(child) for child in token["children"]],
    }


def render_markdown(text):
    """Markdown to safe HTML. Also the admin live preview (MARKDOWNX_MARKDOWNIFY_FUNCTION)."""
    return render(text).html


def render_inline(text):
    """Markdown for a short phrase (a table cell): no wrapping paragraph."""
    html = render_markdown(text).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html


def count_words(rendered_html):
    return len(WORD_RE.findall(html.unescape(TAG_RE.sub(" ", rendered_html))))


def plain_text(rendered_html):
    """The text of stored HTML as a reader reads it: no tags, entities decoded, single spaces
    (what search indexes and quotes)."""
    text = TAG_RE.sub("", SEPARATING_TAG_RE.sub(" ", rendered_html))
    return " ".join(html.unescape(text).split())


def reading_minutes(word_count):
    return max(1, math.ceil(word_count / WORDS_PER_MINUTE))
