"""The admin editor in a real browser: live Markdown preview, safely rendered."""

from django.urls import reverse


def test_live_preview_shows_rendered_markdown_while_typing(staff_page):
    page = staff_page
    page.goto(reverse("admin:articles_article_add"))

    page.locator("#id_body").fill("## Live heading\n\nSome **bold** words.")

    preview = page.locator("#id_body").locator("xpath=..").locator(".markdownx-preview")
    preview.locator("h2", has_text="Live heading").wait_for(timeout=5000)
    assert preview.locator("strong").inner_text() == "bold"
    assert page.errors == []


def test_preview_does_not_run_scripts_from_the_text(staff_page):
    page = staff_page
    page.goto(reverse("admin:articles_article_add"))

    page.locator("#id_body").fill(
        'Hello <img src=x onerror="window.pwned=1"> [x](javascript:window.pwned=1)'
    )

    preview = page.locator("#id_body").locator("xpath=..").locator(".markdownx-preview")
    preview.locator("p", has_text="Hello").wait_for(timeout=5000)
    assert page.evaluate("window.pwned") is None
    assert "onerror" not in preview.inner_html()


def test_slug_fills_in_from_the_title(staff_page):
    page = staff_page
    page.goto(reverse("admin:articles_article_add"))

    page.locator("#id_title").press_sequentially("Fibre & the Gut")

    assert page.locator("#id_slug").input_value() == "fibre-the-gut"
