from django.db.models import Exists, OuterRef, prefetch_related_objects
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import get_template
from django.views.generic import DetailView, ListView

from comparisons import placements
from comparisons.models import Comparison
from gutguide.pagecache import stored_fragment
from gutguide.preview import PreviewMixin
from gutguide.structured_data import question_nodes

from . import citations
from .models import Article, ArticleRedirect, Disclaimer, Placement, Topic
from .structured_data import article_graph

ARTICLES_PER_PAGE = 12
COMPARISONS_PER_PAGE = 50
RELATED_ARTICLES = 3


class ArticleListView(ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = ARTICLES_PER_PAGE

    def get_queryset(self):
        return Article.objects.published().cards()


class ArticleDetailView(PreviewMixin, DetailView):
    """The article page. What it shows between the site's header and footer depends on the
    content only, so it is rendered once per content generation and release and kept in the
    shared cache (gutguide.pagecache.stored_fragment): a reader's request then takes one
    query (the article) and a small template, even with the page cache off. Staff previews
    are rendered afresh every time and never stored."""

    model = Article
    template_name = "articles/article_detail.html"
    content_template_name = "articles/includes/article.html"
    context_object_name = "article"

    def get_queryset(self):
        # The site-wide disclaimer comes with the article's row rather than in a query of
        # its own (read only when the content is rendered).
        return (
            super()
            .get_queryset()
            .select_related("topic", "author", "reviewer")
            .annotate(site_disclaimer_html=Disclaimer.html_subquery())
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
        is_preview = context["is_preview"]
        content = stored_fragment(
            f"article:{article.pk}", lambda: self.content(article, is_preview), store=not is_preview
        )
        context["article_html"] = content["html"]
        context["structured_data"] = article_graph(article, self.request, content["questions"])
        return context

    def content(self, article, is_preview):
        """{"html": the article's content (see content_template_name), "questions": its
        questions' JSON-LD nodes}: plain values the shared cache can keep."""
        # "questions": the FAQ (faq.Question) declares that relation to articles.
        prefetch_related_objects([article], "key_points", "references", "questions")
        # The article view has already decided who may see the article (readers: published;
        # staff: also a preview), so only the questions' own status counts here.
        questions = [question for question in article.questions.all() if question.is_public]
        backlinks = citations.backlinks(article.body_html)
        context = {
            "article": article,
            "is_preview": is_preview,
            "questions": questions,
            "disclaimer_html": Disclaimer.html_or_default(article.site_disclaimer_html),
            "body_parts": self.body_parts(article),
            "references": [
                (reference, backlinks.get(reference.position, []))
                for reference in article.references.all()
            ],
        }
        if article.topic_id:
            context["related"] = (
                Article.objects.published()
                .cards()
                .filter(topic_id=article.topic_id)
                .exclude(pk=article.pk)[:RELATED_ARTICLES]
            )
        # A SafeString: it stays one in the cache (pickled with its class).
        html = get_template(self.content_template_name).render(context)
        return {"html": html, "questions": question_nodes(questions)}

    def body_parts(self, article):
        """The stored body HTML with the comparison tables at their places (their stored
        HTML, one query however many tables). Readers get the published tables; a preview
        also shows the tables that are not published yet (they are marked)."""
        slugs = placements.marked_slugs(article.body_html)
        # Only staff reach an article that is not public (PreviewMixin).
        comparisons = (
            Comparison.objects.published() if article.is_public else Comparison.objects.all()
        )
        return placements.split(article.body_html, comparisons.placed(slugs))


class TopicDetailView(ListView):
    template_name = "articles/topic_detail.html"
    context_object_name = "articles"
    paginate_by = ARTICLES_PER_PAGE

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        return Article.objects.published().cards().filter(topic=self.topic)

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)


class TopicComparisonListView(ListView):
    """A topic's comparison tables: those its published articles place."""

    template_name = "articles/topic_comparisons.html"
    context_object_name = "comparisons"
    paginate_by = COMPARISONS_PER_PAGE

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        placed = Placement.objects.filter(
            article__in=Article.objects.published().filter(topic=self.topic)
        )
        return (
            Comparison.objects.published()
            .filter(Exists(placed.filter(comparison_slug=OuterRef("slug"))))
            .only("title", "slug")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)
