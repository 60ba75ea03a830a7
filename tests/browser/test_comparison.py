"""Comparison tables in a browser: every value readable on the smallest phone, a normal table
from tablet width up, whole when printed."""

import pytest

from tests.browser.accessibility import hidden_comparison_values, sideways_overflow
from tests.factories import make_article, make_comparison

ARTICLE_URL = "/articles/glutamine-or-glutathione-for-leaky-gut/"
COMPARISON_URL = "/compare/glutamine-vs-glutathione/"
SUBJECTS = ("Glutamine", "Glutathione", "Zinc carnosine", "Collagen peptides")


@pytest.fixture
def wide_table(db):
    make_comparison(
        slug="four-way",
        title="Four supplements side by side",
        subjects=SUBJECTS,
        rows=[
            (f"Feature number {n}", *[f"A fairly long description of value {n}"] * 4)
            for n in range(1, 8)
        ],
    )
    return make_article(slug="four-way-article", body="## Table\n\n[[comparison four-way]]")


def table_layout(page):
    return page.locator("table.comparison__table").evaluate("t => getComputedStyle(t).display")


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize("path", [ARTICLE_URL, COMPARISON_URL])
def test_every_value_is_readable_on_a_phone_without_sideways_scrolling(page, demo, width, path):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(path)
    table = page.locator("table.comparison__table")

    assert table_layout(page) == "block"  # stacked: one block per row
    assert sideways_overflow(page) <= 0
    assert hidden_comparison_values(page) == []
    assert table.locator("caption").inner_text() == "Glutamine vs. glutathione for gut health"
    assert table.locator('th[scope="row"]').count() == 7
    assert table.locator("td .comparison__label:visible").all_inner_texts()[:2] == [
        "GLUTAMINE",  # shown in small capitals; the text is the subject's name
        "GLUTATHIONE",
    ]


@pytest.mark.parametrize("width", [320, 375, 768, 1280])
def test_four_subjects_fit_every_screen(page, wide_table, screenshot, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/articles/four-way-article/")

    assert sideways_overflow(page) <= 0
    assert hidden_comparison_values(page) == []
    assert table_layout(page) == ("block" if width < 768 else "table")
    screenshot(page, f"comparison-four-subjects-{width}")


def test_printing_keeps_the_whole_table_on_the_page(page, wide_table):
    page.set_viewport_size({"width": 700, "height": 1000})  # about an A4 page's width
    page.emulate_media(media="print")
    page.goto("/articles/four-way-article/")

    assert table_layout(page) == "table"
    table = page.locator("table.comparison__table").bounding_box()
    assert table["x"] >= 0 and table["x"] + table["width"] <= 700
    assert hidden_comparison_values(page) == []
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
