"""Serving uploaded images without a web server in front (the embedded default).

Only image files are served, with the content type of what they really are (the upload
view re-encodes them to PNG, JPEG or WebP under random names), never sniffed
(nosniff), under a CSP that sandboxes anything opened directly and forbids every kind of
content, and cached for a year: a name is never reused for other content. Larger sites
serve media from the proxy, a CDN or S3-compatible storage instead (README, "Media").
Imports no app.
"""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.utils._os import safe_join
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

# Extension -> (content type, how the file must begin).
IMAGE_TYPES = {
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".webp": ("image/webp", (b"RIFF",)),
}
MEDIA_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'"
MEDIA_CACHE_CONTROL = "public, max-age=31536000, immutable"


def _image_file(path):
    """The file under MEDIA_ROOT at `path` and its content type, if it is an image."""
    try:
        full_path = Path(safe_join(settings.MEDIA_ROOT, path))
    except (SuspiciousFileOperation, ValueError):
        return None, None
    image_type = IMAGE_TYPES.get(full_path.suffix.lower())
    if image_type is None or not full_path.is_file():
        return None, None
    content_type, signatures = image_type
    with full_path.open("rb") as file:
        head = file.read(12)
    if not head.startswith(signatures) or (content_type == "image/webp" and head[8:12] != b"WEBP"):
        return None, None
    return full_path, content_type


@require_safe
def serve_upload(request, path):
    """An uploaded image, or 404 for anything else (other files, folders, other types)."""
    full_path, content_type = _image_file(path)
    if full_path is None:
        raise Http404("No such image.")
    stat = full_path.stat()
    if not was_modified_since(request.headers.get("if-modified-since"), stat.st_mtime):
        response = HttpResponseNotModified()
    else:
        response = FileResponse(full_path.open("rb"), content_type=content_type)
        response["Content-Length"] = str(stat.st_size)
    response["Last-Modified"] = http_date(stat.st_mtime)
    response["Cache-Control"] = MEDIA_CACHE_CONTROL
    response["Content-Security-Policy"] = MEDIA_CSP
    return response
