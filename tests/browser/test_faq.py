"""FAQs in a real browser: <details> by keyboard, the /faq/ page's layout and accessibility,
and the live preview in question rows added with "Add another"."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.accessibility import serious_accessibility_violations

ARTICLE_URL = "/articles/glutamine-or-glutathione-for-leaky-gut/"
FAQ_URL = "/faq/"
FIRST_QUESTION = "Is it safe to take glutamine and glutathione together?"


def test_question_opens_and_closes_by_keyboard_without_javascript_of_ours(page, demo):
    page.goto(FAQ_URL)
    details = page.locator("details.faq__item").first
    answer = details.locator(".faq__answer")
    expect(answer).to_be_hidden()

    for _ in range(15):  # skip link, site name, navigation, then the first question
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    assert page.evaluate("document.activeElement.textContent") == FIRST_QUESTION

    page.keyboard.press("Enter")
    expect(details).to_have_attribute("open", "")
    expect(answer).to_be_visible()
    expect(answer).to_contain_text("For most people, yes.")

    page.keyboard.press("Space")
    expect(details).not_to_have_attribute("open", "")
    assert page.errors == []


def test_article_questions_open_with_space_and_show_their_anchor_link(page, demo, screenshot):
    page.goto(ARTICLE_URL)
    section = page.get_by_role("region", name="Frequently asked questions")
    summaries = section.locator("summary")
    expect(summaries).to_have_count(7)

    summaries.nth(1).focus()
    page.keyboard.press("Space")

    details = section.locator("details").nth(1)
    expect(details).to_have_attribute("open", "")
    link = details.get_by_role("link", name="Link to this answer")
    link.click()
    expect(page).to_have_url(f"{page.url.split('#')[0]}#oral-glutathione-absorption")
    expect(details).to_be_in_viewport()
    screenshot(page, "article-faq-open")


@pytest.mark.parametrize("width", [375, 1280])
def test_faq_page_fits_the_screen(page, demo, width, screenshot):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(FAQ_URL)
    for summary in page.locator("summary").all():
        summary.click()

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")

    assert overflow <= 0
    screenshot(page, f"faq-{width}")


@pytest.mark.parametrize("opened", [False, True], ids=["closed", "opened"])
def test_faq_page_has_no_serious_accessibility_violations(page, demo, opened):
    page.goto(FAQ_URL)
    if opened:
        for summary in page.locator("summary").all():
            summary.click()
    assert serious_accessibility_violations(page) == []


def new_row(page, index):
    return page.locator(f"#questions-{index}")


def test_live_preview_works_in_a_question_row_added_with_add_another(staff_page, demo):
    page = staff_page
    article = Article.objects.get()
    page.goto(reverse("admin:articles_article_change", args=[article.pk]))
    expect(page.locator("#questions-group .inline-related:not(.empty-form)")).to_have_count(7)
    # markdownx left the hidden template row alone (it styles every editor it starts).
    template_editor = page.locator("#id_questions-__prefix__-answer")
    assert "transition" not in (template_editor.get_attribute("style") or "")
    assert "transition" in page.locator("#id_questions-0-answer").get_attribute("style")

    page.get_by_role("button", name="Add another Question").click()

    row = new_row(page, 7)
    row.locator("#id_questions-7-question").press_sequentially("Does cooking destroy glutamine?")
    expect(row.locator("#id_questions-7-slug")).to_have_value("does-cooking-destroy-glutamine")
    expect(row.locator("#id_questions-7-order")).to_have_value("8")
    row.locator("#id_questions-7-answer").fill("## Heat\n\nSome **is** lost.")
    preview = row.locator(".markdownx-preview")
    expect(preview.locator("h2")).to_have_text("Heat", timeout=5000)
    expect(preview.locator("strong")).to_have_text("is")
    # The hidden template row stays untouched, ready for the next "Add another".
    expect(page.locator("#questions-empty .markdownx-preview")).to_be_empty()
    assert page.errors == []


def test_every_added_row_gets_its_own_preview(staff_page, db):
    page = staff_page
    page.goto(reverse("admin:articles_article_add"))

    add = page.get_by_role("button", name="Add another Question")
    add.click()
    add.click()

    for index, text in enumerate(["First *row*", "Second *row*"]):
        new_row(page, index).locator(f"#id_questions-{index}-answer").fill(text)
    for index, word in enumerate(["First", "Second"]):
        preview = new_row(page, index).locator(".markdownx-preview")
        expect(preview.locator("p")).to_have_text(f"{word} row", timeout=5000)
        expect(preview.locator("em")).to_have_text("row")
    # The article's own fields keep their preview too.
    page.locator("#id_body").fill("Body **text**.")
    expect(page.locator("#id_body").locator("xpath=..").locator("strong")).to_have_text("text")
    assert page.errors == []
