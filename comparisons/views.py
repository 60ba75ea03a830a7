from django.views.generic import DetailView, ListView

from gutguide.preview import PreviewMixin

from .models import Comparison


class ComparisonListView(ListView):
    template_name = "comparisons/comparison_list.html"
    context_object_name = "comparisons"
    paginate_by = 50

    def get_queryset(self):
        return Comparison.objects.published().only("title", "slug", "intro_html")


class ComparisonDetailView(PreviewMixin, DetailView):
    """A comparison's own page. The template lists the articles that place it (the
    articles app's `placing_articles` tag: comparisons know nothing of articles)."""

    model = Comparison
    template_name = "comparisons/comparison_detail.html"
    context_object_name = "comparison"
