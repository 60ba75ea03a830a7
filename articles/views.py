from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView

from faq.models import article_questions

from .models import Article, Topic
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


class ArticleDetailView(DetailView):
    """A published article; staff who may change articles also see drafts, as a preview."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def can_preview(self):
        return self.request.user.has_perm("articles.change_article")

    def get_queryset(self):
        articles = Article.objects.all() if self.can_preview() else Article.objects.published()
        return articles.select_related("topic", "author", "reviewer").prefetch_related(
            "key_points", "references", article_questions()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        context["is_preview"] = not article.is_public
        context["structured_data"] = article_graph(article, self.request, article.faq_questions)
        if article.topic_id:
            context["related"] = (
                article_cards().filter(topic_id=article.topic_id).exclude(pk=article.pk)[:3]
            )
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["is_preview"]:
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex"
        return response


class TopicDetailView(ListView):
    template_name = "articles/topic_detail.html"
    context_object_name = "articles"
    paginate_by = ARTICLES_PER_PAGE

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        return article_cards().filter(topic=self.topic)

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)
