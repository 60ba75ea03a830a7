"""What only a browser shows of the hardening: the live preview's reasons for text over the
Markdown limits, an uploaded image shown to readers, and the failed-logins page."""

import io
import re

from django.conf import settings
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from tests.browser.accessibility import serious_accessibility_violations
from tests.factories import make_staff_user


def test_live_preview_shows_why_text_over_the_limits_has_no_preview(staff_page, screenshot):
    page = staff_page
    page.goto(reverse("admin:articles_article_add"))

    page.locator("#id_body").fill("Intro.\n\n" + "[" * 3_000)

    preview = page.locator("#id_body").locator("xpath=..").locator(".markdownx-preview")
    preview.locator(".markdownx-limits").wait_for(timeout=5000)
    assert "No preview: this text is over the limits" in preview.inner_text()
    assert "Too many [ brackets" in preview.inner_text()
    screenshot(page, "preview-over-limits")

    page.locator("#id_body").fill("Back to **normal**.")
    preview.locator("strong", has_text="normal").wait_for(timeout=5000)


def test_saving_text_over_the_limits_keeps_it_in_the_editor(staff_page):
    page = staff_page
    page.goto(reverse("admin:articles_article_add"))
    page.locator("#id_title").fill("Deep lists")
    body = "- " * 40 + "too deep"
    page.locator("#id_body").fill(body)

    page.locator("input[name=_save]").first.click()  # save_on_top: the top Save

    page.locator(".errornote").wait_for()
    assert "Lists or quotes are nested too deeply" in page.locator(".field-body").inner_text()
    assert page.locator("#id_body").input_value() == body


def test_an_image_dropped_into_the_editor_is_stored_and_previewed(staff_page):
    page = staff_page
    page.goto(reverse("admin:articles_article_add"))
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (0, 120, 200)).save(buffer, "PNG")
    # markdownx uploads what is dropped on the editor.
    page.evaluate(
        """async (bytes) => {
            const file = new File([new Uint8Array(bytes)], "photo.png", {type: "image/png"});
            const transfer = new DataTransfer();
            transfer.items.add(file);
            const editor = document.querySelector("#id_body");
            editor.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true}));
        }""",
        list(buffer.getvalue()),
    )
    expect(page.locator("#id_body")).to_have_value(re.compile(r"!\[\]\(/"), timeout=5000)
    code = page.locator("#id_body").input_value()
    url = code[code.index("](") + 2 : code.index(")")]
    assert url.startswith(settings.MEDIA_URL + "uploads/") and url.endswith(".png")

    # The preview shows the stored image. (The live server answers /media/ with Django's
    # test handler; tests/gutguide/test_media.py checks what production serves.)
    preview = page.locator("#id_body").locator("xpath=..").locator(".markdownx-preview")
    image = preview.locator(f'img[src="{url}"]')
    image.wait_for(timeout=5000)
    expect(image).to_have_js_property("naturalWidth", 60, timeout=5000)


def test_the_failed_logins_page_is_plain_and_accessible(page, db, screenshot):
    make_staff_user("editor")
    page.goto(reverse("admin:login"))
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.locator("#id_username").fill("editor")
        page.locator("#id_password").fill("wrong")
        page.locator("input[type=submit]").click()
        page.wait_for_load_state()

    page.goto(reverse("admin:login"))
    page.locator("#id_username").fill("editor")
    page.locator("#id_password").fill("pw-editor-123")
    page.locator("input[type=submit]").click()

    page.get_by_text("Too many failed logins").wait_for()
    assert "editor" not in page.locator("#content").inner_text()
    screenshot(page, "login-locked")
    assert serious_accessibility_violations(page) == []
