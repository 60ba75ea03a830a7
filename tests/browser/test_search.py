"""Search and topics in a real browser: typing a search, following a result to its place,
the pages' layout on a phone and a desktop, and accessibility."""

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import serious_accessibility_violations


def test_a_reader_searches_by_keyboard_and_lands_on_the_answer(page, demo, screenshot):
    page.goto("/")
    page.get_by_role("link", name="Search").click()
    page.get_by_label("Search articles, comparisons and questions").fill("liposomal absorbed")
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_have_text("2 results for “liposomal absorbed”.")
    results = page.locator("ol.search-results > li")
    expect(results.first).to_contain_text("Question")
    expect(results.first.locator("mark").first).to_have_text("liposomal")
    screenshot(page, "search-results")

    results.first.get_by_role("link").click()

    expect(page).to_have_url(
        "/articles/glutamine-or-glutathione-for-leaky-gut/#oral-glutathione-absorption"
    )
    expect(page.locator("#oral-glutathione-absorption")).to_be_in_viewport()
    assert page.errors == []


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize(
    "path",
    ["/search/?q=glutamine", "/search/?q=zebra", "/topics/"],
    ids=["results", "none", "topics"],
)
def test_search_and_topics_fit_the_screen_and_pass_axe(page, demo, width, path, screenshot):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(path)

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")

    assert overflow <= 0
    assert serious_accessibility_violations(page) == []
    assert page.errors == []
    screenshot(page, f"{path.strip('/').replace('/', '-').replace('?q=', '-')}-{width}")
