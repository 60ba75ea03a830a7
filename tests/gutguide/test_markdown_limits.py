"""Bounded rendering: text that would stall or crash Python-Markdown is refused with a
message an editor understands, before it reaches the renderer, in the live preview too."""

import time

import pytest
from django.urls import reverse

from gutguide.markdown import (
    LIMITS,
    MarkdownLimitError,
    problems,
    render,
)

MARKDOWNIFY = "/markdownx/markdownify/"
AJAX = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
# The inputs of the report, each a few KB to a few MB.
STALLING = {
    "15,000 open brackets": "[" * 15_000,
    "10,000 open brackets with words": "[a " * 3_400,
    "unclosed link targets": "[a](" * 4_000,
    "unclosed tags": "<a " * 10_000,
    "unclosed tags with quoted >": "<a b='>' " * 5_000,
    "unclosed CDATA": "<![CDATA[ " * 5_000,
    "a list nested 300 levels (181 KB)": "".join("  " * n + "- item\n" for n in range(300)),
    "a list nested 300 levels on one line": "- " * 300 + "item",
    "quotes nested 300 levels": "> " * 300 + "quote",
    "numbered lists nested on one line": "1. " * 20_000,
    "5,000 lines in one paragraph": "a\n---\n" * 2_500,
    "one footnote referred to 4,000 times": "[^1] " * 4_000 + "\n\n[^1]: x",
    "a 5 MB body": "word " * 1_000_000,
}


def repeated(unit, length):
    return (unit * (length // len(unit) + 1))[:length]


def largest_allowed(make):
    """The longest text made by make(n) that is within the limits."""
    low, high = 1, LIMITS.length
    if not problems(make(high)):
        return make(high)
    while low < high:
        middle = (low + high + 1) // 2
        if problems(make(middle)):
            high = middle - 1
        else:
            low = middle
    return make(low)


# The worst shapes of text measured (README, "Limits on Markdown"), each at the largest size
# the limits allow.
WORST_ALLOWED = {
    "open brackets": lambda n: repeated("[", n),
    "open brackets around code": lambda n: repeated("[`", n),
    "open images": lambda n: repeated("![", n),
    "unclosed tags": lambda n: repeated("<a b='>' ", n),
    "unclosed CDATA": lambda n: repeated("<![CDATA[ ", n),
    "rules in one block": lambda n: repeated("- - -\n", n),
    "headings": lambda n: repeated("## a\n\n", n),
    "a wide table": lambda n: (
        "|" + "a|" * 49 + "\n|" + "-|" * 49 + "\n" + repeated("|a" * 49 + "|\n", n)
    ),
    "nested emphasis": lambda n: "*_" * (n // 4) + "a" + "_*" * (n // 4),
    "nested lists": lambda n: repeated(
        "".join("    " * i + "- a\n" for i in range(LIMITS.nesting)) + "\n", n
    ),
    "loose lists": lambda n: repeated("- a\n\n", n),
    "mixed inline": lambda n: repeated("**a _b `c` d_ e** [f](g) ", n),
    "footnotes": lambda n: "".join(f"x[^{i}]\n\n[^{i}]: y\n\n" for i in range(n // 16)),
}


@pytest.mark.parametrize("text", STALLING.values(), ids=STALLING.keys())
def test_stalling_input_is_refused_before_rendering(text):
    assert problems(text)
    with pytest.raises(MarkdownLimitError):
        render(text)


def test_an_ordinary_long_article_is_within_the_limits():
    sections = [
        f"## Section {n}\n\nSome prose with **bold**, _emphasis_, a "
        f"[link](https://example.org) and a footnote[^{n}].\n\n[^{n}]: The note.\n\n"
        "- a point\n- another point\n    - a detail\n\n"
        "> A quotation.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        for n in range(1000)
    ]
    text = "".join(sections)[: LIMITS.length - 100].rsplit("\n\n", 1)[0]

    assert problems(text) == []
    assert "<table>" in render(text).html


@pytest.mark.parametrize("make", WORST_ALLOWED.values(), ids=WORST_ALLOWED.keys())
def test_the_worst_text_allowed_renders_without_stalling(make):
    """A stall guard, not a speed test: the measured worst cases take under 0.6 s here
    (README), a few times that on a busy machine; a quadratic case coming back takes tens
    of seconds."""
    text = largest_allowed(make)

    started = time.perf_counter()
    render(text)

    assert time.perf_counter() - started < 10


def test_messages_say_what_is_over_and_how_to_fix_it():
    assert problems("x" * (LIMITS.length + 1)) == [
        f"This text has {LIMITS.length + 1:,} characters; the limit is {LIMITS.length:,}. "
        "Shorten it, or split it in two."
    ]
    assert "Line 3 goes deeper" in problems("a\n\n" + "- " * 20 + "b")[0]
    assert "write \\[ and \\(" in problems("[" * 5_000)[0]
    assert "Write &lt;" in problems("<a " * 5_000)[0]
    assert "[^1] is referred to 60 times" in problems("[^1] " * 60)[0]


def test_a_field_can_have_a_lower_length_limit():
    assert problems("x" * 600, max_length=500) == [
        "This text has 600 characters; the limit is 500. Shorten it, or split it in two."
    ]


def test_horizontal_rules_are_not_nesting():
    assert problems("* * * * * * * * * * * * * * * * * * * * *") == []


def test_escaped_brackets_cost_nothing():
    assert problems("\\[" * 20_000) == []


@pytest.mark.parametrize("text", [STALLING["15,000 open brackets"], "- " * 300 + "x"])
def test_live_preview_answers_the_reasons_not_an_error(staff_client, text):
    response = staff_client.post(MARKDOWNIFY, {"content": text}, **AJAX)

    assert response.status_code == 400
    assert "No preview: this text is over the limits" in response.text
    assert '<div class="markdownx-limits" role="alert">' in response.text


def test_article_body_preview_answers_the_reasons_too(staff_client):
    response = staff_client.post(
        reverse("admin:articles_article_body_preview"), {"content": "[" * 15_000}, **AJAX
    )

    assert response.status_code == 400
    assert "Too many [ brackets" in response.text


def test_a_preview_too_large_to_read_answers_a_short_message(staff_client):
    response = staff_client.post(MARKDOWNIFY, {"content": "x" * (11 * 1024 * 1024)}, **AJAX)

    assert response.status_code == 400
    assert response.text == "No preview: this text is far over the limits."


def test_windows_line_ends_count_as_paragraph_breaks():
    # Browsers send \r\n; each unclosed ( costs only the rest of its own paragraph.
    paragraph = "A smiley :( in a paragraph. " + "Words go on. " * 40
    text = "\r\n\r\n".join([paragraph] * 90)

    assert len(text) < LIMITS.length
    assert problems(text) == []
