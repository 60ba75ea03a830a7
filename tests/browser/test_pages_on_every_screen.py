"""Every page a reader (or an editor) opens, on a phone and a desktop, light and dark: no
serious accessibility problem, nothing wider than the screen, every comparison value in view
and labelled, no script error or CSP violation; a screenshot of each for people to look at."""

import pytest
from django.urls import reverse

from articles.models import Article
from comparisons.models import Comparison
from tests.browser.accessibility import (
    contrast,
    csp_violations,
    focus_ring,
    hidden_comparison_values,
    serious_accessibility_violations,
    sideways_overflow,
)

ARTICLE_URL = "/articles/glutamine-or-glutathione-for-leaky-gut/"

PAGES = {
    "home": "/",
    "articles": "/articles/",
    "article": ARTICLE_URL,
    "compare": "/compare/glutamine-vs-glutathione/",
    "compare-list": "/compare/",
    "faq": "/faq/",
    "topic": "/topics/gut-health/",
    "search": "/search/?q=glutamine",
    "not-found": "/no-such-page/",
    "admin-article": "admin:articles_article_change",
    "admin-comparison": "admin:comparisons_comparison_change",
}
SCREENS = {"phone": (375, 812), "desktop": (1280, 800)}


def address(name):
    path = PAGES[name]
    if path.startswith("admin:"):
        model = Article if "article" in path else Comparison
        return reverse(path, args=[model.objects.get().pk])
    return path


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("name", PAGES)
def test_page_works_on_every_screen_and_scheme(
    request, serial_live_server, demo, screenshot, name, screen, scheme
):
    # The live server comes first: it makes the database transactional, so that its thread
    # sees the demo content.
    page = request.getfixturevalue("staff_page" if name.startswith("admin") else "page")
    width, height = SCREENS[screen]
    page.set_viewport_size({"width": width, "height": height})
    page.emulate_media(color_scheme=scheme)

    response = page.goto(address(name))

    assert response.status == (404 if name == "not-found" else 200)
    assert sideways_overflow(page) <= 0
    assert hidden_comparison_values(page) == []
    assert serious_accessibility_violations(page) == []
    expected_errors = [f"404 {page.url}"] if name == "not-found" else []
    assert page.errors == expected_errors
    assert [e for e in page.console_errors if "404" not in e or name != "not-found"] == []
    assert csp_violations(page) == []
    screenshot(page, f"{name}-{width}x{height}-{scheme}")


def test_comparison_values_carry_their_subject_on_a_phone_only(page, demo):
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(PAGES["compare"])
    table = page.locator("table.comparison__table")
    first_value = table.locator("tbody td").first

    label = first_value.locator(".comparison__label")
    assert label.is_visible() and label.inner_text().lower() == "glutamine"
    assert (
        not table.locator("thead").is_visible()
        or table.locator("thead").bounding_box()["height"] <= 1
    )
    assert sideways_overflow(page) <= 0 and hidden_comparison_values(page) == []

    page.set_viewport_size({"width": 800, "height": 700})  # tablet: a normal table
    assert not label.is_visible()
    assert table.locator("thead th").nth(2).is_visible()
    assert table.evaluate("t => getComputedStyle(t).display") == "table"


def test_stacked_table_is_still_a_table_for_assistive_technology(page, demo):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(PAGES["compare"])

    tree = page.locator("table.comparison__table").aria_snapshot()

    assert tree.startswith('- table "Glutamine vs. glutathione for gut health"')
    assert '- columnheader "Glutathione"' in tree
    assert '- rowheader "Absorption"' in tree
    # The visible subject labels are not read out a second time.
    assert '- cell "Repairs the intestinal lining and fuels the cells of the gut"' in tree


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_ring_stands_out_three_to_one_against_the_page(page, demo, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(ARTICLE_URL)
    rings = []
    for _ in range(40):  # skip link, header, breadcrumb, table of contents, body links
        page.keyboard.press("Tab")
        rings.append(focus_ring(page))
    page.locator("summary").first.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    rings.append(focus_ring(page))

    weak = [
        ring
        for ring in rings
        if ring["style"] == "none"
        or ring["width"] < 2
        or contrast(ring["color"], ring["background"]) < 3
    ]
    assert weak == []
    assert len({ring["element"] for ring in rings}) > 30


@pytest.mark.parametrize("screen", SCREENS)
def test_article_does_not_shift_while_it_loads_and_scrolls(page, demo, screen):
    page.context.add_init_script(
        """
        window.layoutShift = 0;
        new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) {
                if (!entry.hadRecentInput) window.layoutShift += entry.value;
            }
        }).observe({type: "layout-shift", buffered: true});
        """
    )
    width, height = SCREENS[screen]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(ARTICLE_URL)
    page.wait_for_load_state("load")
    total = page.evaluate("document.documentElement.scrollHeight")
    for _ in range(0, total, height // 2):
        page.mouse.wheel(0, height // 2)
        page.wait_for_timeout(30)

    assert page.evaluate("window.layoutShift") == 0


def test_table_of_contents_stays_in_view_beside_the_text_on_wide_screens(page, demo):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(ARTICLE_URL)
    toc = page.get_by_role("navigation", name="In This Article")
    body = page.locator(".prose")

    page.locator("#using-both-together").scroll_into_view_if_needed()
    page.wait_for_timeout(300)

    box = toc.bounding_box()
    assert 0 <= box["y"] <= 40  # stuck near the top while the text scrolls
    assert box["x"] > body.bounding_box()["x"] + body.bounding_box()["width"]  # beside it
    link = toc.get_by_role("link", name="References")
    link.click()
    page.wait_for_timeout(1000)  # smooth scrolling
    assert 0 <= page.locator("#references").bounding_box()["y"] < 60
    assert toc.bounding_box()["y"] <= 40


def test_table_of_contents_comes_before_the_text_on_a_phone(page, demo):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(ARTICLE_URL)
    toc = page.get_by_role("navigation", name="In This Article")

    assert toc.bounding_box()["y"] < page.locator(".prose").bounding_box()["y"]
    assert toc.evaluate("el => getComputedStyle(el).position") == "static"
    assert toc.get_by_role("link").all_inner_texts()[-2:] == [
        "Frequently asked questions",
        "References",
    ]
