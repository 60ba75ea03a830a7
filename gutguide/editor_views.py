"""
Staff-only replacements for django-markdownx's views, served at the paths its widget
calls (MARKDOWNX_URLS_PATH, MARKDOWNX_UPLOAD_URLS_PATH).

markdownx's own views accept anonymous requests, do not sanitize, and trust the client's
file name and content type, so they are never routed.
"""

import io
import uuid

from django import forms
from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.utils.module_loading import import_string
from django.views.decorators.http import require_POST
from PIL import Image, UnidentifiedImageError

# Pillow format name -> (extension, save options). Anything else is refused.
IMAGE_FORMATS = {
    "PNG": ("png", {"optimize": True}),
    "JPEG": ("jpg", {"quality": 85, "optimize": True}),
    "WEBP": ("webp", {"quality": 85}),
}
MAX_PIXELS = 40_000_000


def preview_view(render):
    """A live-preview endpoint for markdownx's widget, rendering with `render`.
    Callers route it behind a staff check (staff_member_required or the admin's)."""

    @require_POST
    def preview(request):
        if "content" not in request.POST:
            return HttpResponseBadRequest("Missing 'content'.", content_type="text/plain")
        response = HttpResponse(render(request.POST["content"]))
        response["Cache-Control"] = "no-store"
        return response

    return preview


# The admin live preview: the same sanitizing pipeline the public pages use.
markdownify = staff_member_required(
    preview_view(import_string(settings.MARKDOWNX_MARKDOWNIFY_FUNCTION))
)


class ImageUploadForm(forms.Form):
    image = forms.FileField()

    def clean_image(self):
        upload = self.cleaned_data["image"]
        limit = settings.IMAGE_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"The image is {filesizeformat(upload.size)}; the limit is {filesizeformat(limit)}."
            )
        try:
            with Image.open(upload) as probe:
                image_format = probe.format
                width, height = probe.size
                probe.verify()
            if image_format not in IMAGE_FORMATS:
                raise UnidentifiedImageError
            if width * height > MAX_PIXELS:
                raise forms.ValidationError("The image has too many pixels; make it smaller.")
            upload.seek(0)
            image = Image.open(upload)
            image.load()
        except (
            UnidentifiedImageError,
            Image.DecompressionBombError,
            OSError,
            SyntaxError,
            ValueError,
        ):
            raise forms.ValidationError(
                "This file is not a PNG, JPEG or WebP image that can be read."
            ) from None
        return image

    def save(self):
        """Re-encode the decoded pixels (dropping metadata) under a server-chosen name."""
        image = self.cleaned_data["image"]
        image_format = image.format
        extension, options = IMAGE_FORMATS[image_format]
        if image_format == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        buffer = io.BytesIO()
        image.save(buffer, format=image_format, **options)
        name = f"{settings.MARKDOWNX_MEDIA_PATH}{uuid.uuid4().hex}.{extension}"
        return default_storage.url(default_storage.save(name, ContentFile(buffer.getvalue())))


@staff_member_required
@require_POST
def upload_image(request):
    """Image drop/paste in the editor. Always answers JSON, as markdownx's script expects."""
    form = ImageUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return JsonResponse(form.errors, status=400)
    url = form.save()
    return JsonResponse({"image_code": f"![]({url})"})
