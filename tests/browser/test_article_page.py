"""What only a browser shows on the article page: layout, scrolling, accessibility."""

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import hidden_comparison_values, sideways_overflow

ARTICLE_URL = "/articles/glutamine-or-glutathione-for-leaky-gut/"


def test_demo_article_renders(page, demo, screenshot):
    page.goto(ARTICLE_URL)

    assert page.locator("h1").inner_text().startswith("Glutamine or Glutathione")
    assert page.get_by_role("heading", name="Key Points").is_visible()
    assert page.locator(".key-points li").count() == 6
    assert page.get_by_role("navigation", name="In This Article").is_visible()
    assert page.get_by_role("heading", name="References").is_visible()
    assert page.errors == []
    screenshot(page, "article-desktop")


def test_table_of_contents_link_scrolls_to_its_section(page, demo):
    page.goto(ARTICLE_URL)
    heading = page.locator("#using-both-together")
    assert heading.bounding_box()["y"] > 900  # below the fold at first

    page.get_by_role("navigation", name="In This Article").get_by_role(
        "link", name="Using both together"
    ).click()

    expect(heading).to_be_in_viewport()
    expect(page).to_have_url(f"{page.url.split('#')[0]}#using-both-together")
    page.wait_for_timeout(1000)  # let smooth scrolling settle
    assert 0 <= heading.bounding_box()["y"] < 40


def test_skip_link_is_first_and_moves_focus_to_main(page, demo):
    page.goto(ARTICLE_URL)

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/articles/",
        ARTICLE_URL,
        "/faq/",
        "/compare/",
        "/compare/glutamine-vs-glutathione/",
        "/search/?q=glutamine",
        "/no-such-page/",
    ],
)
def test_site_pages_fit_a_small_phone(page, demo, path):
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(path)

    assert sideways_overflow(page) <= 0
    assert hidden_comparison_values(page) == []


def printed_after(locator):
    """What print styles add after each of the matched elements (the ::after content)."""
    return locator.evaluate_all("els => els.map(el => getComputedStyle(el, '::after').content)")


def test_printed_article_has_no_navigation_open_answers_and_written_out_addresses(
    page, demo, screenshot
):
    page.set_viewport_size({"width": 800, "height": 1100})
    page.emulate_media(media="print")
    page.goto(ARTICLE_URL)

    for hidden in ("header.site-header", ".breadcrumb", "nav.toc", ".skip-link"):
        expect(page.locator(hidden)).to_be_hidden()
    answers = page.locator(".faq__answer")
    expect(answers).to_have_count(7)
    for answer in answers.all():
        expect(answer).to_be_visible()  # every question printed open, without a click
    doi_links = page.locator(".references a[href^='https://doi.org/']")
    assert printed_after(doi_links)[0] == '" (https://doi.org/10.1136/gutjnl-2019-318427)"'
    assert printed_after(page.locator(".prose a[href='https://www.ifm.org/']")) == [
        '" (https://www.ifm.org/)"'
    ]
    assert printed_after(page.locator(".cite a").first) in (["none"], ["normal"])
    assert (
        page.locator("table.comparison__table").evaluate("t => getComputedStyle(t).display")
        == "table"
    )
    screenshot(page, "article-print", pdf=True)
