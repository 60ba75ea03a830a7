"""Uploaded images in production without a proxy: served as images only, never sniffed,
sandboxed and cached; static files carry the pages' security headers and immutable caching;
the S3-compatible set-up is configured by environment variables alone."""

import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.http import http_date
from PIL import Image

PROJECT = Path(__file__).resolve().parents[2]
UPLOAD = "/markdownx/upload/"


def uploaded_image(staff_client, fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 200, 30)).save(buffer, fmt)
    file = SimpleUploadedFile(f"x.{fmt.lower()}", buffer.getvalue())
    response = staff_client.post(UPLOAD, {"image": file}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    return response.json()["image_code"][len("![](") : -1]


def media_file(name, content):
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return settings.MEDIA_URL + name


@pytest.mark.parametrize(
    ("fmt", "content_type"), [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("WEBP", "image/webp")]
)
def test_an_uploaded_image_is_served_to_readers_with_debug_off(
    staff_client, client, fmt, content_type
):
    assert not settings.DEBUG
    url = uploaded_image(staff_client, fmt)

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert (
        response["Content-Security-Policy"] == "default-src 'none'; sandbox; frame-ancestors 'none'"
    )
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    stored = Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL)
    assert b"".join(response.streaming_content) == stored.read_bytes()


def test_head_and_conditional_requests_for_images(staff_client, client):
    url = uploaded_image(staff_client)
    stored = Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL)

    assert client.head(url).status_code == 200
    unchanged = client.get(url, headers={"if-modified-since": http_date(stored.stat().st_mtime)})
    assert unchanged.status_code == 304


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("uploads/page.html", b"<script>alert(1)</script>"),
        ("uploads/fake.png", b"<html><script>alert(1)</script></html>"),
        ("uploads/fake.webp", b"RIFF\x00\x00\x00\x00WAVEfmt "),
        ("uploads/icon.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("uploads/notes.txt", b"hello"),
    ],
)
def test_anything_but_a_real_image_is_not_served(client, db, name, content):
    assert client.get(media_file(name, content)).status_code == 404


@pytest.mark.parametrize(
    "path", ["uploads/", "../manage.py", "..%2fmanage.py", "uploads/../../manage.py", "missing.png"]
)
def test_folders_missing_files_and_paths_outside_media_are_404(client, db, path):
    assert client.get(settings.MEDIA_URL + path).status_code in (400, 404)


def run_python(code, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "AWS_")) and key not in ("DATABASE_URL", "REDIS_URL")
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="gutguide.settings",
        DJANGO_SECRET_KEY="a-real-production-key-" + "k8Jd02_xQ" * 6,
        DJANGO_ALLOWED_HOSTS="testserver",
        **env,
    )
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_static_files_are_cached_for_good_with_the_headers_of_pages(tmp_path):
    """With production settings: collected, hashed, served by whitenoise."""
    result = run_python(
        f"""
        import django
        from django.conf import settings
        settings.STATIC_ROOT = {str(tmp_path)!r}
        django.setup()
        from django.core.management import call_command
        call_command("collectstatic", interactive=False, verbosity=0)
        from django.templatetags.static import static
        from django.test import Client
        url = static("css/site.css")
        response = Client().get(url, secure=True)
        print(url, response.status_code)
        print(response["Cache-Control"])
        print(response["Content-Security-Policy"])
        print(response["X-Content-Type-Options"])
        print(response["Referrer-Policy"])
        """
    )

    assert result.returncode == 0, result.stderr
    first, cache_control, csp, nosniff, referrer = result.stdout.strip().splitlines()
    url, status = first.split()
    assert url != "/static/css/site.css" and url.startswith("/static/css/site.")
    assert status == "200"
    assert "immutable" in cache_control and "max-age=315360000" in cache_control
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert nosniff == "nosniff"
    assert referrer == "strict-origin-when-cross-origin"


def test_s3_compatible_storage_is_configured_from_the_environment():
    result = run_python(
        """
        import django
        django.setup()
        from django.conf import settings
        from django.core.files.storage import storages
        from django.urls import NoReverseMatch, reverse
        print(type(storages["default"]).__name__)
        print(storages["default"].url("uploads/abc.png"))
        print(settings.SERVE_MEDIA)
        try:
            reverse("media", args=["x.png"])
            print("media route")
        except NoReverseMatch:
            print("no media route")
        """,
        DJANGO_MEDIA_S3_BUCKET="gutguide-media",
        DJANGO_MEDIA_S3_ENDPOINT_URL="https://s3.example.net",
        DJANGO_MEDIA_S3_CUSTOM_DOMAIN="media.gutguide.example",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "S3Storage",
        "https://media.gutguide.example/uploads/abc.png",
        "False",
        "no",
        "media",
        "route",
    ]


def test_a_proxy_can_take_over_serving_media():
    result = run_python(
        """
        import django
        django.setup()
        from django.urls import resolve, Resolver404
        try:
            resolve("/media/uploads/x.png")
            print("served by Django")
        except Resolver404:
            print("left to the proxy")
        """,
        DJANGO_SERVE_MEDIA="0",
    )

    assert result.stdout.strip() == "left to the proxy", result.stderr


def test_the_media_route_is_named(db):
    assert reverse("media", args=["uploads/x.png"]) == settings.MEDIA_URL + "uploads/x.png"
