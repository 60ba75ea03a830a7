"""One editor journey in Chromium, three people in three browsers: a member of "Editors" writes
a new comparison table and an article that places it, with key points and two questions, and
previews it; a medical reviewer publishes both; an anonymous reader reads the article on a
phone. Nobody meets a script error, a failed request or a CSP violation."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from playwright.sync_api import expect

from gutguide.editors import GROUP_NAME
from tests.browser.accessibility import (
    csp_violations,
    hidden_comparison_values,
    serious_accessibility_violations,
    sideways_overflow,
)
from tests.factories import make_medical_reviewer, make_topic

PASSWORD = "journey-password-123"
ARTICLE_TITLE = "Fibre supplements for regular digestion"
ARTICLE_URL = "/articles/fibre-supplements-for-regular-digestion/"
COMPARISON_SLUG = "psyllium-vs-inulin"
BODY = f"""\
Fibre supplements are among the most common ways people try to settle their digestion.

## Two kinds of fibre

Psyllium forms a gel; inulin feeds gut bacteria.

### How they compare

[[comparison {COMPARISON_SLUG}]]

## Choosing one

Start low and go slow.
"""


@pytest.fixture
def people(serial_live_server):
    """The editor (a member of the Editors group only) and the medical reviewer."""
    make_topic()
    writer = User.objects.create_user("writer", password=PASSWORD, is_staff=True)
    writer.groups.add(Group.objects.get(name=GROUP_NAME))
    reviewer, _ = make_medical_reviewer("Dr Ada Reviewer", "MD", username="reviewer")
    reviewer.set_password(PASSWORD)
    reviewer.save()
    return writer, reviewer


def log_in(page, username):
    page.goto(reverse("admin:login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Content")).to_be_visible()


def save(page, button="Save"):
    # save_on_top: the same buttons above and below the form; editors use the top ones.
    page.get_by_role("button", name=button, exact=True).first.click()
    page.wait_for_load_state()
    problems = page.locator(".errornote, .errorlist li").all_inner_texts()
    assert problems == [], problems
    expect(page.locator(".messagelist .success")).to_be_visible()


def everything_went_right(page):
    return {
        "failed requests and script errors": page.errors,
        "console errors": page.console_errors,
        "CSP violations": csp_violations(page),
    }


NOTHING_WRONG = {
    "failed requests and script errors": [],
    "console errors": [],
    "CSP violations": [],
}


def write_comparison(page):
    page.goto(reverse("admin:comparisons_comparison_add"))
    page.locator("#id_title").press_sequentially("Psyllium vs inulin")
    expect(page.locator("#id_slug")).to_have_value(COMPARISON_SLUG)
    page.locator("#id_status").select_option(label="Draft")
    for index, name in enumerate(["Psyllium", "Inulin"]):
        page.locator(f"#id_subjects-{index}-position").fill(str(index + 1))
        page.locator(f"#id_subjects-{index}-name").fill(name)
    rows = [
        ("Kind of fibre", "Soluble, gel-forming", "Soluble, fermentable"),
        ("Gas and bloating", "Little", "Can be **marked** at first"),
        ("Typical use", "Regularity", "Feeding gut bacteria"),
        ("Taste", "Neutral", "Slightly sweet"),
    ]
    page.get_by_role("button", name="Add another Row").click()  # three empty rows, then a fourth
    for index, (feature, *values) in enumerate(rows):
        page.locator(f"#id_rows-{index}-position").fill(str(index + 1))
        page.locator(f"#id_rows-{index}-feature").fill(feature)
        for slot, value in enumerate(values, start=1):
            page.locator(f"#id_rows-{index}-value_{slot}").fill(value)
    save(page)


def write_article(page):
    page.goto(reverse("admin:articles_article_add"))
    page.locator("#id_title").press_sequentially(ARTICLE_TITLE)
    expect(page.locator("#id_slug")).to_have_value(ARTICLE_URL.split("/")[2])
    page.locator("#id_dek").fill("Psyllium and inulin work differently; here is how to choose.")
    page.locator("#id_topic").select_option(label="Gut health")
    page.locator("#id_status").select_option(label="Draft")
    page.locator("#id_summary").fill("Psyllium adds bulk; inulin feeds bacteria.")
    page.locator("#id_body").fill(BODY)
    # The live preview shows the placed table, marked as not published yet.
    preview = page.locator("#id_body").locator("xpath=..").locator(".markdownx-preview")
    expect(preview.locator("caption")).to_have_text("Psyllium vs inulin", timeout=5000)
    expect(preview).to_contain_text("Not published yet")

    page.locator("#id_key_points-0-lead").fill("Psyllium bulks.")
    page.locator("#id_key_points-0-text").fill("It holds water and forms a soft gel.")
    page.get_by_role("button", name="Add another Key point").click()
    page.locator("#id_key_points-1-lead").fill("Inulin ferments.")
    page.locator("#id_key_points-1-text").fill("Gut bacteria feed on it, which can cause gas.")

    questions = [
        ("Can I take psyllium every day?", "Many people do; drink enough water with it."),
        ("Why does inulin cause gas?", "Bacteria **ferment** it and make gas as they do."),
    ]
    for index, (question, answer) in enumerate(questions):
        page.get_by_role("button", name="Add another Question").click()
        page.locator(f"#id_questions-{index}-question").press_sequentially(question)
        page.locator(f"#id_questions-{index}-answer").fill(answer)
        # Its status is left as it comes: the question follows its article.
    save(page, "Save and continue editing")


def publish(page, refused=False):
    page.locator("#id_status").select_option(label="Published")
    # "Published at" stays empty: publishing then means now.
    expect(page.locator("#id_published_at_0")).to_have_value("")
    if refused:
        page.get_by_role("button", name="Save", exact=True).first.click()
        page.wait_for_load_state()
    else:
        save(page)


def test_editor_writes_reviewer_publishes_reader_reads(open_page, people, screenshot):
    editor, reviewer, reader = open_page(), open_page(), open_page()

    # The editor writes the table and the article, and previews it.
    log_in(editor, "writer")
    write_comparison(editor)
    write_article(editor)
    editor.get_by_role("link", name="View on site").first.click()
    expect(editor).to_have_url(f"{editor.url.split('/articles/')[0]}{ARTICLE_URL}")
    expect(editor.locator(".preview-banner")).to_contain_text("readers cannot see this article")
    expect(editor.locator("table.comparison__table caption")).to_have_text("Psyllium vs inulin")
    expect(editor.locator(".comparison__status")).to_contain_text("Not published yet")
    expect(editor.locator(".key-points li")).to_have_count(2)
    expect(editor.locator("details.faq__item")).to_have_count(2)
    screenshot(editor, "journey-1-editor-preview")
    assert reader.goto(ARTICLE_URL).status == 404  # not for readers yet
    reader.errors.clear()  # that 404 was expected
    reader.console_errors.clear()

    # The medical reviewer publishes the table, then the article.
    log_in(reviewer, "reviewer")
    reviewer.goto(reverse("admin:comparisons_comparison_changelist"))
    reviewer.get_by_role("link", name="Psyllium vs inulin").click()
    publish(reviewer)
    reviewer.goto(reverse("admin:articles_article_changelist"))
    reviewer.get_by_role("link", name=ARTICLE_TITLE).click()
    assert serious_accessibility_violations(reviewer) == []
    publish(reviewer, refused=True)
    # The editorial checks find the key points and answers without sources: publishing
    # needs the reviewer's confirmation, and the page says so with the text kept.
    checks = reviewer.locator(".editorial-checks")
    expect(checks).to_contain_text("Not published: the editorial checks found")
    expect(checks).to_contain_text("Key point 1 “Psyllium bulks.” cites no source")
    assert serious_accessibility_violations(reviewer) == []
    screenshot(reviewer, "journey-2-reviewer-confirms")
    checks.get_by_role("checkbox", name=re.compile(r"^Publish despite these \d+ problems$")).check()
    save(reviewer)
    expect(reviewer.locator(".messagelist")).to_contain_text("Published despite")
    screenshot(reviewer, "journey-2-reviewer-published")

    # An anonymous reader finds it on the home page and reads it on a phone.
    reader.set_viewport_size({"width": 375, "height": 812})
    reader.goto("/")
    reader.get_by_role("link", name=ARTICLE_TITLE).click()
    expect(reader.locator("h1")).to_have_text(ARTICLE_TITLE)
    expect(reader.locator(".preview-banner")).to_have_count(0)
    expect(reader.locator(".comparison__status")).to_have_count(0)
    expect(reader.locator("table.comparison__table tbody tr")).to_have_count(4)
    expect(reader.locator(".key-points li")).to_have_count(2)
    expect(reader.locator(".key-points li").first).to_contain_text("Psyllium bulks.")
    expect(reader.locator("details.faq__item")).to_have_count(2)
    # Publishing recorded the reviewer's medical review.
    expect(reader.locator(".byline")).to_contain_text("Medically reviewed by Dr Ada Reviewer")
    reader.locator("summary", has_text="Why does inulin cause gas?").click()
    expect(reader.locator(".faq__answer strong")).to_have_text("ferment")
    assert sideways_overflow(reader) <= 0 and hidden_comparison_values(reader) == []
    screenshot(reader, "journey-3-reader-phone")

    for person in (editor, reviewer, reader):
        assert everything_went_right(person) == NOTHING_WRONG, person.url
