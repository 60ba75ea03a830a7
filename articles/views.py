from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView

from faq.models import article_questions

from . import placements
from .models import Article, ArticleRedirect, Comparison, Topic
from .structured_data import article_graph

ARTICLES_PER_PAGE = 12


def article_cards():
    """Published articles with what a list card shows, and nothing heavier."""
    return (
        Article.objects.published()
        .select_related("topic", "author")
        .defer("summary", "body", "body_html", "toc")
    )


class ArticleListView(ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = ARTICLES_PER_PAGE

    def get_queryset(self):
        return article_cards()


class PreviewMixin:
    """Readers see published records; staff who may change them also see the rest, marked
    as a preview and never cached."""

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


class ArticleDetailView(PreviewMixin, DetailView):
    model = Article
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("topic", "author", "reviewer")
            .prefetch_related("key_points", "references", article_questions())
        )

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = (
                ArticleRedirect.objects.filter(
                    old_slug=kwargs["slug"], article__in=self.get_queryset()
                )
                .select_related("article")
                .first()
            )
            if moved is None:
                raise
            return HttpResponsePermanentRedirect(moved.article.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        context["body_parts"] = self.body_parts(article)
        context["structured_data"] = article_graph(article, self.request, article.faq_questions)
        if article.topic_id:
            context["related"] = (
                article_cards().filter(topic_id=article.topic_id).exclude(pk=article.pk)[:3]
            )
        return context

    def body_parts(self, article):
        """The stored body HTML with the published comparison tables at their places."""
        tables = placements.published_tables(placements.marked_slugs(article.body_html))
        return placements.split(article.body_html, tables)


class TopicDetailView(ListView):
    template_name = "articles/topic_detail.html"
    context_object_name = "articles"
    paginate_by = ARTICLES_PER_PAGE

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        return article_cards().filter(topic=self.topic)

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)


class ComparisonListView(ListView):
    template_name = "articles/comparison_list.html"
    context_object_name = "comparisons"
    paginate_by = 50

    def get_queryset(self):
        return Comparison.objects.published().only("title", "slug", "intro_html")


class ComparisonDetailView(PreviewMixin, DetailView):
    model = Comparison
    template_name = "articles/comparison_detail.html"
    context_object_name = "comparison"

    def get_queryset(self):
        return super().get_queryset().with_tables()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            appears_in=article_cards().filter(placements.placed_in_body(self.object.slug)),
            **kwargs,
        )
