"""
Editors' replacements for django-markdownx's views, served at the paths its widget
calls (MARKDOWNX_URLS_PATH, MARKDOWNX_UPLOAD_URLS_PATH): staff who may add or change some
Markdown content only.

markdownx's own views accept anonymous requests, do not sanitize, and trust the client's
file name and content type, so they are never routed.
"""

import functools
import io
import uuid

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html, format_html_join
from django.utils.module_loading import import_string
from django.views.decorators.http import require_POST
from PIL import Image, ImageOps, UnidentifiedImageError

from .markdown import MarkdownLimitError
from .models import RenderedMarkdown

# Pillow format name -> (extension, save options). Anything else is refused.
IMAGE_FORMATS = {
    "PNG": ("png", {"optimize": True}),
    "JPEG": ("jpg", {"quality": 85, "optimize": True}),
    "WEBP": ("webp", {"quality": 85}),
}
MAX_PIXELS = 40_000_000


def can_edit_markdown(user):
    """Whether `user` may add or change some content written in Markdown (any model that
    stores rendered Markdown): who may use the live preview and upload images."""
    return user.is_active and any(
        user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")
        for model in apps.get_models()
        if issubclass(model, RenderedMarkdown)
        for action in ("add", "change")
    )


def markdown_editor_required(view):
    """Staff login (else the admin's login page), then a content permission (else 403)."""

    @functools.wraps(view)
    def check(request, *args, **kwargs):
        if not can_edit_markdown(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return staff_member_required(check)


def preview_view(render):
    """A live-preview endpoint for markdownx's widget, rendering with `render`.
    Callers route it behind a permission check (markdown_editor_required or the admin's).

    Text over the Markdown limits answers 400 with the reasons as the preview's content:
    markdownx's script shows whatever comes back."""

    @require_POST
    def preview(request):
        if "content" not in request.POST:
            return HttpResponseBadRequest("Missing 'content'.", content_type="text/plain")
        try:
            response = HttpResponse(render(request.POST["content"]))
        except MarkdownLimitError as error:
            response = HttpResponseBadRequest(limit_message(error.messages))
        response["Cache-Control"] = "no-store"
        return response

    return preview


def limit_message(messages):
    """The preview's stand-in for text over the limits: what to change, as a list."""
    return format_html(
        '<div class="markdownx-limits" role="alert"><p><strong>{}</strong></p><ul>{}</ul></div>',
        "No preview: this text is over the limits, and saving it will show the same.",
        format_html_join("", "<li>{}</li>", ((message,) for message in messages)),
    )


# The admin live preview: the same sanitizing pipeline the public pages use.
markdownify = markdown_editor_required(
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
        """Re-encode the decoded pixels under a server-chosen name, keeping no metadata."""
        image = self.cleaned_data["image"]
        image_format = image.format
        extension, options = IMAGE_FORMATS[image_format]
        buffer = io.BytesIO()
        pixels_only(image, image_format).save(buffer, format=image_format, **options)
        name = f"{settings.MARKDOWNX_MEDIA_PATH}{uuid.uuid4().hex}.{extension}"
        return default_storage.url(default_storage.save(name, ContentFile(buffer.getvalue())))


def pixels_only(image, image_format):
    """A new image with `image`'s pixels and nothing else: no EXIF, XMP, ICC profile, JPEG
    comment or PNG text (Pillow writes some of these from `info` when saving). A photo's
    EXIF orientation is applied to the pixels first, so it still shows upright."""
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("1", "L", "LA", "RGB", "RGBA"):
        # Palettes and other modes become RGB(A); transparency is kept where it exists.
        has_alpha = image.has_transparency_data
        image = image.convert("RGBA" if has_alpha else "RGB")
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    return Image.frombytes(image.mode, image.size, image.tobytes())


@markdown_editor_required
@require_POST
def upload_image(request):
    """Image drop/paste in the editor. Always answers JSON, as markdownx's script expects."""
    form = ImageUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return JsonResponse(form.errors, status=400)
    url = form.save()
    return JsonResponse({"image_code": f"![]({url})"})
