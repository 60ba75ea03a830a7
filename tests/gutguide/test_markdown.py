"""The one Markdown pipeline: safe output for hostile input, formatting kept for editors."""

from html.parser import HTMLParser

import pytest

from gutguide.markdown import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    reading_minutes,
    render,
    render_markdown,
)

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    '<body onload="alert(1)">',
    '<div onclick="alert(1)">click</div>',
    '<a href="#" onmouseover="alert(1)">hover</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](java&#x09;script:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![img](javascript:alert(1))",
    "![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '![img](x" onerror="alert(1))',
    "[ref link][r]\n\n[r]: javascript:alert(1)",
    "<javascript:alert(1)>",
    '<a href="javascript:alert(1)">raw link</a>',
    '<a href="data:text/html,<script>alert(1)</script>">data link</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<svg onload=alert(1)><circle r=1 /></svg>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<style>body{display:none}</style>",
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<object data="evil.swf"></object>',
    '<embed src="evil.swf">',
    '<form action="https://evil.example"><input name="q"><button>go</button></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<base href="https://evil.example/">',
    "<!-- <script>alert(1)</script> -->",
    '<details open ontoggle="alert(1)"><summary>x</summary></details>',
    '<video><source onerror="alert(1)"></video>',
    "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
    '## Heading <img src=x onerror="alert(1)">',
    "`<script>alert(1)</script>`",
]

SAFE_SCHEMES = ("http://", "https://", "mailto:", "#", "/")


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parse(html):
    collector = TagCollector()
    collector.feed(html)
    return collector.tags


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_hostile_markdown_leaves_no_active_content(payload):
    html = render_markdown(payload)

    for tag, attrs in parse(html):
        assert tag in ALLOWED_TAGS, f"{tag!r} survived in {html!r}"
        for name, value in attrs.items():
            allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
            assert name in allowed, f"{tag}[{name}] in {html!r}"
            if name in ("href", "src"):
                assert value.startswith(SAFE_SCHEMES) or ":" not in value, html
    lowered = html.lower()
    for needle in ("<script", "javascript:", "vbscript:", "data:", "<iframe", "<svg", "onerror"):
        if needle in ("javascript:", "data:", "onerror"):
            # Plain text may mention these; an attribute must not carry them.
            assert f'="{needle}' not in lowered and f"={needle}" not in lowered, html
        else:
            assert needle not in lowered, html


def test_code_spans_show_markup_as_text():
    html = render_markdown("`<script>alert(1)</script>`")

    assert "&lt;script&gt;" in html
    assert "<script" not in html


def test_editor_formatting_survives():
    html = render_markdown(
        "## Section\n\n### Sub\n\n"
        "Some **bold**, *emphasis* and [a link](https://example.org/page) "
        "and [mail](mailto:team@example.org) and [local](/articles/).\n\n"
        "- one\n- two\n\n1. first\n2. second\n\n"
        "| Feature | Value |\n|---|---|\n| Absorption | good |\n\n"
        "> A quote\n"
    )

    assert '<h2 id="section">Section</h2>' in html
    assert '<h3 id="sub">Sub</h3>' in html
    assert "<strong>bold</strong>" in html
    assert "<em>emphasis</em>" in html
    assert 'href="https://example.org/page"' in html
    assert 'href="mailto:team@example.org"' in html
    assert 'href="/articles/"' in html
    assert "<ul>" in html and "<ol>" in html
    assert "<table>" in html and "<th>Feature</th>" in html and "<td>good</td>" in html
    assert "<blockquote>" in html


def test_links_get_safe_rel():
    html = render_markdown("[x](https://example.org)")

    assert 'rel="noopener noreferrer"' in html


def test_toc_lists_h2_with_their_h3_and_matches_heading_ids():
    rendered = render("## Why & how\n\ntext\n\n### Detail\n\nmore\n\n## Why & how\n\nagain")

    assert rendered.toc == [
        {
            "id": "why-how",
            "title": "Why & how",
            "children": [{"id": "detail", "title": "Detail", "children": []}],
        },
        {"id": "why-how_1", "title": "Why & how", "children": []},
    ]
    for entry in ("why-how", "detail", "why-how_1"):
        assert f'id="{entry}"' in rendered.html


def test_reading_time_counts_words_at_200_a_minute():
    rendered = render(" ".join(["word"] * 401))

    assert rendered.word_count == 401
    assert reading_minutes(rendered.word_count) == 3
    assert reading_minutes(0) == 1
