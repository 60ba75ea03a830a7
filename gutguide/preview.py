"""Staff previews of what readers cannot see yet, and the stored pages of what they can.
Imports no app."""

from django.utils.cache import add_never_cache_headers

from .pagecache import Fragment


class PreviewMixin:
    """For a DetailView of a Publishable model: readers see published records; staff who may
    change them also see the rest, marked as a preview, never cached and never indexed."""

    model = None

    def can_preview(self):
        opts = self.model._meta
        return self.request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")

    def get_queryset(self):
        if self.can_preview():
            return self.model.objects.all()
        return self.model.objects.published()

    def get_context_data(self, **kwargs):
        return super().get_context_data(is_preview=not self.object.is_public, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["is_preview"]:
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex"
        return response


class StoredPageMixin(PreviewMixin):
    """For a DetailView of a Publishable model found by slug: what a public record's page
    shows (page(), plain values the shared cache can keep) is rendered once per content
    generation and release and kept as a Fragment named `stored_page_name:slug`, so a
    request the page cache does not answer takes no query at all. Only public records are
    stored, and nothing makes one less visible without a write that starts a new
    generation, so a stored page stands for "this slug is public" too. Staff previews are
    rendered afresh every time and never stored."""

    stored_page_name = None

    def get(self, request, *args, **kwargs):
        stored = Fragment(f"{self.stored_page_name}:{kwargs[self.slug_url_kwarg]}")
        page = stored.read()
        is_preview = False
        if page is None:
            self.object = self.get_object()
            is_preview = not self.object.is_public
            page = self.page(self.object, is_preview)
            if not is_preview:
                stored.store(page)
        return self.render_to_response(self.page_context(page, is_preview))

    def page(self, obj, is_preview):
        """What the page shows: a dict of plain values, SafeStrings included."""
        raise NotImplementedError

    def page_context(self, page, is_preview):
        """The template's context for a page, stored or just rendered."""
        return {"page": page, "is_preview": is_preview}
