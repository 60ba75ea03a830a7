"""What only a browser shows on the article page: layout, scrolling, accessibility."""

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import serious_accessibility_violations

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


@pytest.mark.parametrize("width", [375, 1280])
def test_article_fits_the_screen_without_sideways_scrolling(page, demo, width, screenshot):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(ARTICLE_URL)

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")

    assert overflow <= 0
    screenshot(page, f"article-{width}")


def test_skip_link_is_first_and_moves_focus_to_main(page, demo):
    page.goto(ARTICLE_URL)

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize(
    "path", [ARTICLE_URL, "/", "/articles/", "/topics/gut-health/", "/search/?q=glutamine"]
)
def test_pages_have_no_serious_accessibility_violations(page, demo, path):
    page.goto(path)
    assert serious_accessibility_violations(page) == []


@pytest.mark.parametrize(
    "path", ["/", "/articles/", "/faq/", "/compare/", "/search/?q=glutamine", "/no-such-page/"]
)
def test_site_pages_fit_a_small_phone(page, demo, path):
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(path)

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
