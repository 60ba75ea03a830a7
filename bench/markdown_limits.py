"""The worst Markdown the limits allow, timed: `python bench/markdown_limits.py`.

For each shape of text known to slow Python-Markdown down, the longest text of that shape
within gutguide.markdown.LIMITS, how long checking and rendering it take, and (for
comparison) the same shape at the length limit where the limits refuse it. Prints a table;
README "Limits on Markdown" quotes it.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gutguide.markdown import LIMITS, problems, render  # noqa: E402


def repeated(unit):
    return lambda n: (unit * (n // len(unit) + 1))[:n]


SHAPES = {
    "open brackets [[[": repeated("["),
    "open brackets around code [`": repeated("[`"),
    "open images ![": repeated("!["),
    "unclosed link targets [a](": repeated("[a]("),
    "nested links": lambda n: "[" * (n // 5) + "a" + "](x)" * (n // 5),
    "unclosed tags <a": repeated("<a "),
    "unclosed tags, quoted >": repeated("<a b='>' "),
    "unclosed CDATA": repeated("<![CDATA[ "),
    "rules in one block": repeated("- - -\n"),
    "setext headings in one block": repeated("a\n---\n"),
    "headings": repeated("## a\n\n"),
    "tables": repeated("|a|b|\n|-|-|\n|a|b|\n\n"),
    "a 49-column table": lambda n: (
        "|" + "a|" * 49 + "\n|" + "-|" * 49 + "\n" + repeated("|a" * 49 + "|\n")(n)
    ),
    "footnotes": lambda n: "".join(f"x[^{i}]\n\n[^{i}]: y\n\n" for i in range(n // 16)),
    "one footnote, many references": lambda n: repeated("[^1] ")(n) + "\n\n[^1]: x",
    "nested emphasis": lambda n: "*_" * (n // 4) + "a" + "_*" * (n // 4),
    "lists nested 16 deep": repeated(
        "".join("    " * i + "- a\n" for i in range(LIMITS.nesting)) + "\n"
    ),
    "quotes nested 15 deep": repeated("> " * 15 + "a\n\n"),
    "loose lists": repeated("- a\n\n"),
    "mixed inline": repeated("**a _b `c` d_ e** [f](g) "),
    "plain prose": repeated("Lorem ipsum dolor sit amet.\n\n"),
}


def largest_allowed(make):
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


def timed(function, *args):
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def main():
    print(f"{'shape':34} {'allowed':>8} {'check':>8} {'render':>8}   at {LIMITS.length:,}")
    for name, make in SHAPES.items():
        text = largest_allowed(make)
        check = timed(problems, text)
        rendered = timed(render, text)
        longest = make(LIMITS.length)[: LIMITS.length]
        refused = (
            f"refused in {timed(problems, longest) * 1000:.0f} ms"
            if problems(longest)
            else "within limits"
        )
        print(f"{name:34} {len(text):8,} {check * 1000:6.0f}ms {rendered:7.3f}s   {refused}")


if __name__ == "__main__":
    main()
