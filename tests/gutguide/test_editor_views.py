"""The editors' endpoints (markdownx's preview and upload, the article body preview): staff
only, sanitized preview, real images only."""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, PngImagePlugin

from tests.factories import make_reader, make_staff_user

MARKDOWNIFY = "/markdownx/markdownify/"
UPLOAD = "/markdownx/upload/"
AJAX = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def image_bytes(fmt, size=(40, 30), **save_options):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, format=fmt, **save_options)
    return buffer.getvalue()


def upload(client, name, content, content_type, ajax=True):
    file = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(UPLOAD, {"image": file}, **(AJAX if ajax else {}))


@pytest.fixture
def non_staff_client(client, db):
    client.force_login(make_reader())
    return client


@pytest.mark.parametrize("url", [MARKDOWNIFY, UPLOAD])
def test_anonymous_users_cannot_use_markdownx_endpoints(client, db, url):
    response = client.post(url, {"content": "**hi**"}, **AJAX)

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize("url", [MARKDOWNIFY, UPLOAD])
def test_logged_in_non_staff_cannot_use_markdownx_endpoints(non_staff_client, url):
    response = non_staff_client.post(url, {"content": "**hi**"}, **AJAX)

    assert response.status_code in (302, 403)


def test_markdownx_own_views_are_not_routed(client, db):
    from django.urls import resolve

    assert resolve(MARKDOWNIFY).func.__module__ == "gutguide.editor_views"
    assert resolve(UPLOAD).func.__module__ == "gutguide.editor_views"


def test_preview_renders_and_sanitizes_for_staff(staff_client):
    response = staff_client.post(
        MARKDOWNIFY, {"content": "## Title\n\n**bold** <script>alert(1)</script>"}, **AJAX
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 id="title">Title</h2>' in html
    assert "<strong>bold</strong>" in html
    assert "<script" not in html


def test_preview_without_content_is_a_400(staff_client):
    assert staff_client.post(MARKDOWNIFY, {}, **AJAX).status_code == 400


def test_preview_rejects_get(staff_client):
    assert staff_client.get(MARKDOWNIFY).status_code == 405


@pytest.mark.parametrize(
    ("fmt", "content_type", "extension"),
    [("PNG", "image/png", "png"), ("JPEG", "image/jpeg", "jpg"), ("WEBP", "image/webp", "webp")],
)
def test_staff_upload_of_real_image_is_reencoded_under_server_name(
    staff_client, fmt, content_type, extension
):
    original = image_bytes(fmt)

    response = upload(staff_client, "../../evil name.php", original, content_type)

    assert response.status_code == 200
    code = response.json()["image_code"]
    assert code.startswith(f"![]({settings.MEDIA_URL}uploads/") and code.endswith(f".{extension})")
    assert "evil" not in code and ".php" not in code
    stored = Path(settings.MEDIA_ROOT) / code[len(f"![]({settings.MEDIA_URL}") : -1]
    with Image.open(stored) as saved:
        assert saved.format == fmt
        assert saved.size == (40, 30)


def test_extension_follows_the_real_format_not_the_claimed_one(staff_client):
    response = upload(staff_client, "photo.png", image_bytes("JPEG"), "image/png")

    assert response.status_code == 200
    assert response.json()["image_code"].endswith(".jpg)")


def test_upload_drops_metadata(staff_client):
    exif = Image.Exif()
    exif[0x010E] = "secret GPS-ish description"
    original = image_bytes("JPEG", exif=exif.tobytes())
    assert b"secret GPS-ish" in original

    response = upload(staff_client, "photo.jpg", original, "image/jpeg")

    stored = Path(settings.MEDIA_ROOT) / response.json()["image_code"].split("/media/")[1][:-1]
    assert b"secret GPS-ish" not in stored.read_bytes()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("cat.png", b"<html><script>alert(1)</script></html>", "image/png"),
        ("cat.jpg", b"\xff\xd8\xff\xe0 not really a jpeg", "image/jpeg"),
        (
            "cat.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            "image/svg+xml",
        ),
        ("cat.gif", image_bytes("GIF"), "image/gif"),
        ("cat.png", b"", "image/png"),
    ],
)
@pytest.mark.parametrize("ajax", [True, False])
def test_anything_but_a_real_png_jpeg_or_webp_is_a_400(
    staff_client, name, content, content_type, ajax
):
    response = upload(staff_client, name, content, content_type, ajax=ajax)

    assert response.status_code == 400
    errors = response.json()
    assert "image" in errors
    assert not list(Path(settings.MEDIA_ROOT).glob("uploads/*.html"))


def test_disguised_html_file_gets_a_clear_message(staff_client):
    response = upload(staff_client, "cat.png", b"<html>hi</html>", "image/png")

    assert response.json() == {
        "image": ["This file is not a PNG, JPEG or WebP image that can be read."]
    }


def test_upload_over_5_mb_is_refused_with_the_limit(staff_client):
    big = image_bytes("PNG") + b"\0" * (5 * 1024 * 1024)

    response = upload(staff_client, "big.png", big, "image/png")

    assert response.status_code == 400
    assert "limit is 5.0\xa0MB" in json.dumps(response.json(), ensure_ascii=False)


def test_upload_without_file_is_a_400(staff_client):
    response = staff_client.post(UPLOAD, {}, **AJAX)

    assert response.status_code == 400
    assert "image" in response.json()


def test_other_previews_show_placement_lines_as_plain_text(staff_client):
    response = staff_client.post(MARKDOWNIFY, {"content": "[[comparison a-vs-b]]"}, **AJAX)

    assert response.content.decode() == "<p>[[comparison a-vs-b]]</p>"


def test_admin_pages_load_the_editor_stylesheet(staff_client):
    html = staff_client.get(reverse("admin:articles_article_add")).text

    assert "css/admin.css" in html
    assert "GutGuide editors" in html


# --- No metadata of any kind, and a content permission -----------------------------------


def stored_file(response):
    return Path(settings.MEDIA_ROOT) / response.json()["image_code"].split("/media/")[1][:-1]


def with_metadata(fmt, mode="RGB"):
    """An image carrying every kind of metadata its format has, each holding a marker."""
    image = Image.new(mode, (40, 30), (200, 80, 40) if mode == "RGB" else 1)
    exif = Image.Exif()
    exif[0x010E] = "EXIF-MARKER"
    exif[0x0112] = 1
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">XMP-MARKER</x:xmpmeta>'
    icc = b"ICC-MARKER" * 20
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image.save(
            buffer, "JPEG", exif=exif, comment=b"<script>COMMENT-MARKER</script>", icc_profile=icc
        )
        # An XMP segment as cameras write it (APP1).
        data = buffer.getvalue()
        payload = b"http://ns.adobe.com/xap/1.0/\x00" + xmp
        segment = b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload
        return data[:2] + segment + data[2:]
    if fmt == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", "<script>TEXT-MARKER</script>")
        info.add_itxt("XML:com.adobe.xmp", xmp.decode())
        image.save(buffer, "PNG", pnginfo=info, exif=exif, icc_profile=icc)
        return buffer.getvalue()
    image.save(buffer, "WEBP", exif=exif, xmp=xmp, icc_profile=icc)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("fmt", "content_type"), [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("WEBP", "image/webp")]
)
def test_uploads_keep_no_metadata_of_any_kind(staff_client, fmt, content_type):
    original = with_metadata(fmt)
    assert b"MARKER" in original

    response = upload(staff_client, "photo", original, content_type)

    stored = stored_file(response).read_bytes()
    assert b"MARKER" not in stored
    with Image.open(io.BytesIO(stored)) as saved:
        assert saved.format == fmt
        assert saved.size == (40, 30)
        assert not set(saved.info) & {
            "exif",
            "xmp",
            "icc_profile",
            "comment",
            "Comment",
            "XML:com.adobe.xmp",
        }


def test_a_palette_png_keeps_its_transparency(staff_client):
    image = Image.new("P", (4, 4), 0)
    image.putpalette([255, 0, 0, 0, 255, 0])
    buffer = io.BytesIO()
    image.save(buffer, "PNG", transparency=0)

    response = upload(staff_client, "dot.png", buffer.getvalue(), "image/png")

    with Image.open(stored_file(response)) as saved:
        assert saved.convert("RGBA").getpixel((0, 0))[3] == 0


def test_a_rotated_photo_is_stored_upright(staff_client):
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (0, 0, 255)).save(buffer, "JPEG", exif=exif)

    response = upload(staff_client, "phone.jpg", buffer.getvalue(), "image/jpeg")

    with Image.open(stored_file(response)) as saved:
        assert saved.size == (30, 40)


@pytest.fixture
def staff_without_content_permission(client, db):
    client.force_login(make_staff_user("no-perms", apps=()))
    return client


@pytest.mark.parametrize("url", [MARKDOWNIFY, UPLOAD])
def test_staff_without_a_content_permission_cannot_use_the_editor_endpoints(
    staff_without_content_permission, url
):
    file = SimpleUploadedFile("x.png", image_bytes("PNG"), content_type="image/png")
    before = set(Path(settings.MEDIA_ROOT).glob("uploads/*"))

    response = staff_without_content_permission.post(
        url, {"content": "**hi**", "image": file}, **AJAX
    )

    assert response.status_code == 403
    assert set(Path(settings.MEDIA_ROOT).glob("uploads/*")) == before


def test_staff_without_article_permission_cannot_use_the_body_preview(
    staff_without_content_permission,
):
    response = staff_without_content_permission.post(
        reverse("admin:articles_article_body_preview"), {"content": "**hi**"}, **AJAX
    )

    assert response.status_code == 403


def test_an_editor_of_questions_only_may_preview_and_upload(client, db):
    client.force_login(make_staff_user("faq-only", apps=("faq",)))

    assert client.post(MARKDOWNIFY, {"content": "**hi**"}, **AJAX).status_code == 200
    assert upload(client, "x.png", image_bytes("PNG"), "image/png").status_code == 200
    body_preview = reverse("admin:articles_article_body_preview")
    assert client.post(body_preview, {"content": "hi"}, **AJAX).status_code == 403
