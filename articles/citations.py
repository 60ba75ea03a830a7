"""
The syntax that cites an article's references in its body: `[[ref 2]]`, or `[[ref 2, 5]]` for
several, written right after the claim. The numbers are the references' positions (the
numbers readers see in the References list).

Pure text, no database, like comparisons.placements. On save the body is rendered and
sanitized as usual; then each citation becomes a numbered link to its reference (#ref-2) with
an anchor of its own (#cite-2, #cite-2-2 for the second citation of reference 2 ...), so that
the References list can link back to every place that cites it.
"""

import re

CITATION_RE = re.compile(r"\[\[ref (\d{1,4}(?:[ \t]*,[ \t]*\d{1,4})*)\]\]")
# In HTML, with the space before it: the number then sticks to the claim's last word, and a
# line never starts with a lone citation.
LINKED_RE = re.compile(r"\s*" + CITATION_RE.pattern)
LOOKS_LIKE_RE = re.compile(r"\[\[[ \t]*refs?\b[^\]\n]*\]\]", re.IGNORECASE)
# Citations are not links inside code: an editor may show the syntax itself.
CODE_RE = re.compile(r"(<pre\b.*?</pre>|<code\b.*?</code>)", re.DOTALL)
ANCHOR_RE = re.compile(r'<a href="#ref-(\d+)" id="(cite-\d+(?:-\d+)?)"')


def _numbers(group):
    return [int(number) for number in group.split(",")]


def numbers(text):
    """The reference numbers cited in Markdown text, in order, once each."""
    found = (number for match in CITATION_RE.finditer(text or "") for number in _numbers(match[1]))
    return list(dict.fromkeys(found))


def malformed(text):
    """Pieces that look like a citation but are not written as one."""
    return [
        match[0]
        for match in LOOKS_LIKE_RE.finditer(text or "")
        if not CITATION_RE.fullmatch(match[0])
    ]


def link(html):
    """Turn the citations in rendered, sanitized HTML into numbered links (outside code)."""
    seen = {}

    def anchor(number):
        seen[number] = seen.get(number, 0) + 1
        suffix = f"-{seen[number]}" if seen[number] > 1 else ""
        return (
            f'<a href="#ref-{number}" id="cite-{number}{suffix}">'
            f'<span class="visually-hidden">Reference </span>{number}</a>'
        )

    def citation(match):
        links = ", ".join(anchor(number) for number in _numbers(match[1]))
        return f'<sup class="cite">[{links}]</sup>'

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
