from django.template.loader import get_template
from django.views.generic import DetailView, ListView

from gutguide.pagecache import Fragment
from gutguide.preview import PreviewMixin

from .models import Comparison


class ComparisonListView(ListView):
    template_name = "comparisons/comparison_list.html"
    context_object_name = "comparisons"
    paginate_by = 50

    def get_queryset(self):
        return Comparison.objects.published().only("title", "slug", "intro_html")


class ComparisonDetailView(PreviewMixin, DetailView):
    """A comparison's own page. Like an article's, what it shows is rendered once per
    content generation and release and kept in the shared cache under its slug
    (gutguide.pagecache.Fragment), so a request the page cache does not answer takes no
    query; staff previews are rendered every time and never stored. The content lists the
    articles that place the comparison (the articles app's `placing_articles` tag:
    comparisons know nothing of articles)."""

    model = Comparison
    template_name = "comparisons/comparison_detail.html"
    content_template_name = "comparisons/comparison_detail.html#comparison"
    context_object_name = "comparison"

    def get(self, request, *args, **kwargs):
        stored = Fragment(f"comparison:{kwargs['slug']}")
        page = stored.read()
        is_preview = False
        if page is None:
            self.object = self.get_object()
            is_preview = not self.object.is_public
            page = self.page(self.object, is_preview)
            if not is_preview:
                stored.store(page)
        return self.render_to_response({"page": page, "is_preview": is_preview})

    def page(self, comparison, is_preview):
        """What the page shows, as plain values the shared cache can keep."""
        context = {"comparison": comparison, "is_preview": is_preview}
        return {
            "title": comparison.title,
            "path": comparison.get_absolute_url(),
            # A SafeString, which stays one in the cache (pickled with its class).
            "html": get_template(self.content_template_name).render(context),
        }
