"""The editorial workflow as editors use it in Chromium: two editors in two browsers, a
reviewer publishing with an empty date, rows added with "Add another", history, restore and
recovery."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article
from faq.models import Question
from gutguide.models import Status
from tests.factories import (
    make_article,
    make_editor,
    make_medical_reviewer,
    make_question,
    make_staff_user,
)


def logged_in_page(browser, live_server, user):
    """A page in a browser context of its own (its own cookies), logged in as `user`."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context.new_page()


@pytest.fixture
def two_editors(browser, serial_live_server):
    anna = logged_in_page(browser, serial_live_server, make_staff_user("anna"))
    ben = logged_in_page(browser, serial_live_server, make_staff_user("ben"))
    yield anna, ben
    anna.context.close()
    ben.context.close()


def save(page):
    page.locator('input[name="_save"]').first.click()  # save_on_top: the top Save
    page.wait_for_load_state()


def test_two_editors_in_two_browsers_do_not_overwrite_each_other(two_editors, screenshot):
    anna, ben = two_editors
    article = make_article(body="Original body.")
    url = reverse("admin:articles_article_change", args=[article.pk])
    anna.goto(url)
    ben.goto(url)

    anna.locator("#id_body").fill("Anna's body.")
    save(anna)
    expect(anna.locator(".messagelist")).to_contain_text("was changed successfully")

    ben.locator("#id_body").fill("Ben's careful body.")
    save(ben)
    expect(ben.locator(".errornote")).to_be_visible()
    expect(ben.locator("#article_form")).to_contain_text("anna saved this article on")
    expect(ben.locator("#id_body")).to_have_value("Ben's careful body.")
    screenshot(ben, "editorial-conflict")
    assert Article.objects.get().body == "Anna's body."

    save(ben)  # on purpose, after reading the warning
    expect(ben.locator(".messagelist")).to_contain_text("was changed successfully")
    assert Article.objects.get().body == "Ben's careful body."


def test_a_question_saved_on_its_own_page_is_not_reverted_by_a_stale_article_page(two_editors):
    anna, ben = two_editors
    article = make_article(dek="Old dek.")
    question = make_question(article=article, answer="Old answer.", order=1)
    anna.goto(reverse("admin:articles_article_change", args=[article.pk]))

    ben.goto(reverse("admin:faq_question_change", args=[question.pk]))
    ben.locator("#id_answer").fill("Ben's answer.")
    save(ben)

    anna.locator("#id_dek").fill("Anna's dek.")
    save(anna)
    expect(anna.locator("#questions-group")).to_contain_text("ben saved this question on")
    expect(anna.locator("#id_dek")).to_have_value("Anna's dek.")
    expect(anna.locator("#id_questions-0-answer")).to_have_value("Ben's answer.")
    save(anna)

    expect(anna.locator(".messagelist")).to_contain_text("was changed successfully")
    article.refresh_from_db()
    assert (article.dek, Question.objects.get().answer) == ("Anna's dek.", "Ben's answer.")


@pytest.fixture
def reviewer_page(browser, serial_live_server):
    user, _ = make_medical_reviewer("Dr Ada Lovelace", "MD", username="ada")
    page = logged_in_page(browser, serial_live_server, user)
    yield page
    page.context.close()


def test_a_reviewer_publishes_with_an_empty_date_and_rows_added_with_add_another(
    reviewer_page, screenshot
):
    page = reviewer_page
    page.goto(reverse("admin:articles_article_add"))
    page.locator("#id_title").fill("Fibre and sleep")
    page.locator("#id_body").fill("## Why\n\nFibre feeds bacteria.")
    page.locator("#id_key_points-0-lead").fill("First point.")
    page.locator("#id_key_points-0-text").fill("One sentence.")
    page.locator("a", has_text="Add another Key point").click()
    page.locator("#id_key_points-1-lead").fill("Second point.")
    page.locator("#id_key_points-1-text").fill("Another sentence.")
    page.locator("a", has_text="Add another Question").click()
    page.locator("#id_questions-0-question").fill("Does fibre help sleep?")
    page.locator("#id_questions-0-answer").fill("Perhaps.")
    page.locator("#id_status").select_option("published")
    expect(page.locator("#id_published_at_0")).to_have_value("")
    save(page)
    # Nothing cites a source: the reviewer confirms publishing despite it, rows kept.
    expect(page.locator("#id_key_points-1-lead")).to_have_value("Second point.")
    page.get_by_role("checkbox", name=re.compile(r"^Publish despite these \d+ problems$")).check()
    save(page)

    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    article = Article.objects.get()
    assert article.is_public
    assert list(article.key_points.values_list("position", "lead")) == [
        (1, "First point."),
        (2, "Second point."),
    ]
    page.goto(article.get_absolute_url())
    expect(page.locator(".byline")).to_contain_text("Medically reviewed by Dr Ada Lovelace, MD")
    expect(page.locator("details.faq__item")).to_contain_text("Does fibre help sleep?")
    screenshot(page, "editorial-published-by-reviewer")


def test_an_editor_is_not_offered_published(browser, serial_live_server):
    editor = logged_in_page(browser, serial_live_server, make_editor("writer"))
    editor.goto(reverse("admin:articles_article_add"))

    options = editor.locator("#id_status option").all_inner_texts()

    assert options == ["Draft", "In review"]
    editor.context.close()


def test_history_shows_the_differences_and_restores_a_revision(staff_page, screenshot):
    page = staff_page
    article = make_article(dek="First dek.")
    url = reverse("admin:articles_article_change", args=[article.pk])
    page.goto(url)
    page.locator("#id_dek").fill("Second dek.")
    page.locator("#id_key_points-0-lead").fill("A point.")
    page.locator("#id_key_points-0-text").fill("Its sentence.")
    save(page)

    page.goto(url)
    page.get_by_role("link", name="History").click()
    revisions = page.locator("#change-history tbody tr")
    expect(revisions).to_have_count(2)
    expect(revisions.first).to_contain_text("Subtitle: First dek. → Second dek.")
    expect(revisions.first).to_contain_text("Key point 1: “A point.”: – → added")
    # The body, sent back unchanged (with the browser's line breaks), is no change.
    expect(revisions.first.locator("li")).to_have_count(2)
    screenshot(page, "editorial-history")

    revisions.nth(1).get_by_role("link").click()
    expect(page.locator("#restore-changes")).to_contain_text("Subtitle: Second dek. → First dek.")
    page.get_by_role("button", name="Restore this revision").click()

    expect(page.locator(".messagelist")).to_contain_text("Restored the revision of")
    expect(page.locator("#id_dek")).to_have_value("First dek.")
    assert not Article.objects.get().key_points.exists()
    assert page.errors == []


def test_a_deleted_article_is_recovered_from_the_admin(staff_page):
    page = staff_page
    article = make_article(title="Lost and found", status=Status.DRAFT, published_at=None)
    make_question(article=article, question="Still here?")
    page.goto(reverse("admin:articles_article_delete", args=[article.pk]))
    page.get_by_role("button", name="Yes, I’m sure").click()
    expect(page.locator(".messagelist")).to_contain_text("was deleted successfully")

    page.get_by_role("link", name="Recover deleted articles").click()
    page.get_by_role("link", name="Lost and found").click()
    expect(page.locator("#recover-changes")).to_contain_text("Question 1: “Still here?”")
    page.get_by_role("button", name="Recover it").click()

    expect(page.locator(".messagelist")).to_contain_text("Recovered “Lost and found”")
    assert Article.objects.get().questions.get().question == "Still here?"
