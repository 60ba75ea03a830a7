"""
The syntax that cites sources in an article's body: `[[cite camilleri-2019]]`, or
`[[cite rao-2012, zhou-2019]]` for several, written right after the claim. The keys are the
sources' keys (evidence.Source.key); the numbers readers see are those of the article's
References (the position of each source in its list).

Pure text, no database, like comparisons.placements. On save the body is rendered and
sanitized as usual; then each citation becomes a numbered superscript link to its reference
(#ref-2) with an anchor of its own (#cite-2, #cite-2-2 for the second citation of reference 2
...), so that the References list can link back to every place that cites it.
"""

import re

from django.utils.html import escape

KEY = r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*"
CITATION_RE = re.compile(rf"\[\[cite ({KEY}(?:[ \t]*,[ \t]*{KEY})*)\]\]")
# In HTML, with the space before it: the number then sticks to the claim's last word, and a
# line never starts with a lone citation.
LINKED_RE = re.compile(r"\s*" + CITATION_RE.pattern)
# Across a line break too: "[[cite" at a line's end is not a citation either.
LOOKS_LIKE_RE = re.compile(r"\[\[\s*(?:cite|refs?)\b[^\]]*\]\]", re.IGNORECASE)
# Citations are not links inside code: an editor may show the syntax itself.
CODE_RE = re.compile(r"(<pre\b.*?</pre>|<code\b.*?</code>)", re.DOTALL)
ANCHOR_RE = re.compile(r'<a href="#ref-(\d+)" id="(cite-\d+(?:-\d+)?)"')
EXAMPLE = "[[cite camilleri-2019]], or [[cite rao-2012, zhou-2019]] for several"


def _keys(group):
    return list(dict.fromkeys(key.strip().lower() for key in group.split(",")))


def keys(text):
    """The source keys cited in Markdown text, in order, once each (lower case)."""
    found = (key for match in CITATION_RE.finditer(text or "") for key in _keys(match[1]))
    return list(dict.fromkeys(found))


def malformed(text):
    """Pieces that look like a citation but are not written as one (the former [[ref 2]]
    among them)."""
    return [
        match[0]
        for match in LOOKS_LIKE_RE.finditer(text or "")
        if not CITATION_RE.fullmatch(match[0])
    ]


def superscript(links):
    """Numbered citation links as readers see them: [1, 3] raised after the claim."""
    return f'<sup class="cite">[{", ".join(links)}]</sup>'


def reference_link(number, anchor_id="", href=None):
    """A link to reference `number` ("Reference 2" for screen readers)."""
    id_attribute = f' id="{escape(anchor_id)}"' if anchor_id else ""
    return (
        f'<a href="{escape(href or f"#ref-{number}")}"{id_attribute}>'
        f'<span class="visually-hidden">Reference </span>{number}</a>'
    )


def link(html, numbers):
    """Turn the citations in rendered, sanitized HTML into numbered links (outside code).

    `numbers`: {source key: its reference number}. A citation naming a key without a number
    stays as written: forms refuse unknown keys, and saving an article adds every source it
    cites to its references (Article.add_cited_references), so readers never see one."""
    seen = {}

    def anchor(number):
        seen[number] = seen.get(number, 0) + 1
        suffix = f"-{seen[number]}" if seen[number] > 1 else ""
        return reference_link(number, f"cite-{number}{suffix}")

    def citation(match):
        cited = _keys(match[1])
        if any(key not in numbers for key in cited):
            return match[0]
        return superscript(anchor(number) for number in sorted({numbers[k] for k in cited}))

    return "".join(
        part if CODE_RE.fullmatch(part) else LINKED_RE.sub(citation, part)
        for part in CODE_RE.split(html)
    )


def backlinks(html):
    """{reference number: [anchor ids of the citations of it, in page order]} for linked HTML."""
    found = {}
    for number, anchor_id in ANCHOR_RE.findall(html):
        found.setdefault(int(number), []).append(anchor_id)
    return found
