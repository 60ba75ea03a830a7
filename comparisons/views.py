from django.template.loader import get_template
from django.views.generic import DetailView, ListView

from gutguide.preview import StoredPageMixin

from .models import Comparison


class ComparisonListView(ListView):
    template_name = "comparisons/comparison_list.html"
    context_object_name = "comparisons"
    paginate_by = 50

    def get_queryset(self):
        return Comparison.objects.published().only("title", "slug", "intro_html")


class ComparisonDetailView(StoredPageMixin, DetailView):
    """A comparison's own page, stored like an article's (gutguide.preview.StoredPageMixin).
    Its content lists the articles that place the comparison (the articles app's
    `placing_articles` tag: comparisons know nothing of articles)."""

    model = Comparison
    template_name = "comparisons/comparison_detail.html"
    content_template_name = "comparisons/comparison_detail.html#comparison"
    context_object_name = "comparison"
    stored_page_name = "comparison"

    def page(self, comparison, is_preview):
        """What the page shows, as plain values the shared cache can keep."""
        context = {"comparison": comparison, "is_preview": is_preview}
        return {
            "title": comparison.title,
            "path": comparison.get_absolute_url(),
            # A SafeString, which stays one in the cache (pickled with its class).
            "html": get_template(self.content_template_name).render(context),
        }
