"""
The one Markdown pipeline: editor Markdown in, safe HTML out.

Python-Markdown renders; nh3 then keeps only an explicit allow-list of tags, attributes
and URL schemes. Everything that shows editor text to a reader (article pages, the admin
preview, feeds, search excerpts) goes through here, and the result is stored on save.

Python-Markdown slows down on a few shapes of input far more than on ordinary text (long
runs of unclosed `[` or `<` are quadratic, deep nesting of lists and quotes recurses), so
every text is checked against LIMITS first: `problems()` says, in an editor's words, what
is over a limit, and `render()` refuses such text with MarkdownLimitError instead of
stalling. The limits keep the worst text allowed under about a second to render (measured
in tests/gutguide/test_markdown_limits.py, explained in the README).
"""

import bisect
import html
import math
import re
from collections import Counter
from dataclasses import dataclass, field

import markdown
import nh3
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

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
# No "[TOC]" marker: pages show the table of contents themselves, and each marker would
# copy it into the body again (thousands of markers made a slow, huge page).
EXTENSION_CONFIGS = {"toc": {"toc_depth": "2-3", "marker": ""}}

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
    """Render Markdown to sanitized HTML plus its table of contents (H2 with their H3s).

    Raises MarkdownLimitError for text over the limits (see problems())."""
    text = text or ""
    check(text)
    md = _converter()
    try:
        dirty = md.convert(text)
    except RecursionError:
        # A last guard: nesting that the line-by-line count in problems() cannot see.
        raise MarkdownLimitError([NESTED_TOO_DEEP]) from None
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


# --- Limits -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Limits:
    """What one Markdown text may be. Measured worst cases at these limits: README,
    "Limits on Markdown"."""

    # Characters: the longest text (an article body; other fields have lower limits).
    length: int = 50_000
    # Lists and quotes inside each other, counted per line (markers and 4-space indents).
    nesting: int = 16
    # Lines in one block, that is, without a blank line between them.
    block_lines: int = 1_000
    # Characters Python-Markdown scans looking for the ] or ) that closes a [ or (, summed
    # over the text: an unclosed [ costs the rest of its paragraph.
    bracket_scan: int = 1_000_000
    # The same for the > (or --> or ]]>) that closes something that looks like HTML.
    html_scan: int = 1_000_000
    # References to one footnote ([^1] again and again): each new one checks all before it.
    footnote_references: int = 50


LIMITS = Limits()
NESTED_TOO_DEEP = (
    f"Lists or quotes are nested too deeply: at most {LIMITS.nesting} levels, one inside the other."
)


class MarkdownLimitError(ValueError):
    """Text over the limits; `messages` say what, in an editor's words."""

    def __init__(self, messages):
        super().__init__(" ".join(messages))
        self.messages = messages


def check(text, max_length=None):
    """Raise MarkdownLimitError if `text` is over the limits."""
    found = problems(text, max_length)
    if found:
        raise MarkdownLimitError(found)


def problems(text, max_length=None):
    """What in `text` is over the limits, as messages for the editor (empty when fine).

    `max_length` is a field's own, lower length limit. Counting takes a few milliseconds
    for the longest text allowed, and stops at the length limit for longer ones."""
    text = text or ""
    max_length = min(max_length or LIMITS.length, LIMITS.length)
    if len(text) > max_length:
        return [
            f"This text has {len(text):,} characters; the limit is {max_length:,}. "
            "Shorten it, or split it in two."
        ]
    found = []
    lines = text.split("\n")
    deepest = max(range(len(lines)), key=lambda n: _nesting(lines[n]))
    if _nesting(lines[deepest]) > LIMITS.nesting:
        found.append(f"{NESTED_TOO_DEEP} Line {deepest + 1:,} goes deeper.")
    start, longest = _longest_block(lines)
    if longest > LIMITS.block_lines:
        found.append(
            f"Lines {start + 1:,} to {start + longest:,} run on for {longest:,} lines "
            f"without a blank line; at most {LIMITS.block_lines:,} may. Put blank lines "
            "between paragraphs, lists and tables."
        )
    if _bracket_scan(text) > LIMITS.bracket_scan:
        found.append(
            "Too many [ brackets or ( parentheses are left open. Close each one, or write "
            "\\[ and \\( for a bracket meant as text."
        )
    if _html_scan(text) > LIMITS.html_scan:
        found.append(
            "Too many < signs start something that looks like HTML and is not closed with >. "
            "Write &lt; for a < sign meant as text."
        )
    references = Counter(FOOTNOTE_REFERENCE_RE.findall(text))
    label, count = references.most_common(1)[0] if references else ("", 0)
    if count > LIMITS.footnote_references:
        found.append(
            f"The footnote [^{label}] is referred to {count:,} times; at most "
            f"{LIMITS.footnote_references} references to one footnote are allowed."
        )
    return found


FOOTNOTE_REFERENCE_RE = re.compile(r"\[\^([^\]\s]+)\](?!:)")


CONTAINER_RE = re.compile(r"[ \t]*(?:>|[*+-][ \t]|\d+[.)][ \t])")
RULE_RE = re.compile(r"[ \t]*(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")


def _nesting(line):
    """How deep a line sits in lists and quotes: its indentation (4 columns a level) plus
    the list and quote markers it starts with. A horizontal rule (* * *) is no list."""
    indent = len(line) - len(line.lstrip(" \t"))
    depth = len(line[:indent].expandtabs(4)) // 4
    position = 0
    while not RULE_RE.match(line, position) and (match := CONTAINER_RE.match(line, position)):
        depth += 1
        position = match.end()
    return depth


def _longest_block(lines):
    """(index of its first line, length) of the longest run of non-blank lines."""
    best = (0, 0)
    start = None
    for number, line in enumerate([*lines, ""]):
        if line.strip():
            if start is None:
                start = number
        elif start is not None:
            best = max(best, (start, number - start), key=lambda block: block[1])
            start = None
    return best


BRACKET_RE = re.compile(r"\\.|[\[\]()]|\n[ \t\r]*\n", re.DOTALL)


def _bracket_scan(text):
    """Characters scanned for closing brackets: from each [ or ( to what closes it, or to
    the end of its paragraph when nothing does (Python-Markdown's link patterns scan so)."""
    total = 0
    opened = {"[": [], "(": []}
    closing = {"]": "[", ")": "("}

    def close_paragraph(end):
        nonlocal total
        for stack in opened.values():
            total += sum(end - position for position in stack)
            stack.clear()

    for match in BRACKET_RE.finditer(text):
        token = match.group()
        if token in opened:
            opened[token].append(match.start())
        elif token in closing:
            stack = opened[closing[token]]
            if stack:
                total += match.start() - stack.pop()
        elif not token.startswith("\\"):
            close_paragraph(match.start())
    close_paragraph(len(text))
    return total


# What opens something HTML-like, and what Python's HTML parser looks for to close it.
HTML_OPENERS = [
    (re.compile(r"<!\[CDATA\["), "]]>"),
    (re.compile(r"<!--"), "-->"),
    (re.compile(r"<(?:\?|![^\[-]|!$)"), ">"),
]
# A start or end tag runs to the first > outside quoted attribute values, and an unquoted
# "<b" is one more attribute name: this is how far html.parser's tolerant pattern
# (locatestarttagend_tolerant in Python 3.13) reads from each "<" before it gives up.
TAG_END_RE = re.compile(
    r"""</?[a-zA-Z][^\t\n\r\f />\x00]*(?:[\s/]*(?:(?<=['"\s/])[^\s/>][^\s/=>]*)"""
    r"""(?:\s*=+\s*(?:'[^']*'|"[^"]*"|(?!['"])[^>\s]*))?(?:\s|/(?!>))*)*\s*"""
)


def _html_scan(text):
    """Characters scanned for the end of HTML-like openings (to the end of the text when
    there is none): Python-Markdown's HTML parser scans so, from each of them. Stops
    counting past the limit, so that counting stays fast."""
    total = 0
    for opener, closer in HTML_OPENERS:
        ends = [match.start() for match in re.finditer(re.escape(closer), text)]
        for match in opener.finditer(text):
            index = bisect.bisect_left(ends, match.end())
            total += (ends[index] if index < len(ends) else len(text)) - match.start()
    for match in re.finditer(r"</?[a-zA-Z]", text):
        total += TAG_END_RE.match(text, match.start()).end() - match.start()
        if total > LIMITS.html_scan:
            break
    return total


@deconstructible
class MarkdownValidator:
    """A model or form field validator: the text must be within the limits, and within the
    field's own `max_length` if it has a lower one. Errors say what is over, so the editor
    gets the form back with their text and the reason."""

    def __init__(self, max_length=None):
        self.max_length = max_length

    def __call__(self, value):
        found = problems(value, self.max_length)
        if found:
            raise ValidationError(found, code="markdown_limits")

    def __eq__(self, other):
        return isinstance(other, MarkdownValidator) and self.max_length == other.max_length
