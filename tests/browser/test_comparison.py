"""Comparison tables in a browser: readable on a phone and a desktop, whole when printed."""

import pytest

from tests.browser.accessibility import serious_accessibility_violations
from tests.factories import make_article, make_comparison

ARTICLE_URL = "/articles/glutamine-or-glutathione-for-leaky-gut/"
COMPARISON_URL = "/compare/glutamine-vs-glutathione/"


@pytest.fixture
def wide_table(db):
    make_comparison(
        slug="four-way",
        title="Four supplements side by side",
        subjects=("Glutamine", "Glutathione", "Zinc carnosine", "Collagen peptides"),
        rows=[
            (f"Feature number {n}", *[f"A fairly long description of value {n}"] * 4)
            for n in range(1, 8)
        ],
    )
    return make_article(slug="four-way-article", body="## Table\n\n[[comparison four-way]]")


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", [ARTICLE_URL, COMPARISON_URL])
def test_comparison_never_makes_the_page_scroll_sideways(page, demo, screenshot, width, path):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(path)
    table = page.locator("table.comparison__table")

    table.scroll_into_view_if_needed()

    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate(
        "window.innerWidth"
    )
    assert table.locator("caption").inner_text() == "Glutamine vs. glutathione for gut health"
    assert table.locator('th[scope="row"]').count() == 7
    name = "article" if path == ARTICLE_URL else "page"
    screenshot(page, f"comparison-{name}-{width}")


def test_wide_table_scrolls_in_its_box_with_the_feature_column_in_view(
    page, wide_table, screenshot
):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/articles/four-way-article/")
    box = page.locator(".comparison__scroll")
    feature = page.locator('th[scope="row"]').first

    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")  # the table scrolls, not the page
    before = feature.bounding_box()["x"]
    box.evaluate("el => { el.scrollLeft = 400; }")
    page.wait_for_timeout(100)

    assert abs(feature.bounding_box()["x"] - before) < 1  # sticky feature column
    assert page.locator("caption span").bounding_box()["x"] >= 0  # the title stays readable
    assert page.locator('th[scope="col"]').last.bounding_box()["x"] < 375
    screenshot(page, "comparison-four-way-375")


def test_printing_keeps_the_whole_table_on_the_page(page, wide_table):
    page.set_viewport_size({"width": 700, "height": 1000})  # about an A4 page's width
    page.emulate_media(media="print")
    page.goto("/articles/four-way-article/")

    box = page.locator(".comparison__scroll")

    assert box.evaluate("el => el.scrollWidth <= el.clientWidth")
    right = page.locator("table.comparison__table").bounding_box()
    assert right["x"] >= 0 and right["x"] + right["width"] <= 700
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_comparison_page_has_no_serious_accessibility_violations(page, demo):
    for path in (COMPARISON_URL, "/compare/"):
        page.goto(path)
        assert serious_accessibility_violations(page) == []
