"""Staff previews of what readers cannot see yet. Imports no app."""

from django.utils.cache import add_never_cache_headers


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
