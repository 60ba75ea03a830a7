from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from comparisons import placements
from comparisons.models import Comparison
from evidence.models import with_cited_source_ids
from gutguide.preview import PreviewMixin

from . import citations
from .models import Article, ArticleRedirect, Disclaimer, KeyPoint, Placement, Reference, Topic
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
    model = Article
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        # "questions": the FAQ (faq.Question) declares that relation to articles. The
        # site-wide disclaimer comes with the article's row rather than in a query of its own;
        # the sources of key points and questions come as ids with them (their references
        # with the article's), so a page costs the same queries however much it cites.
        questions = Article._meta.get_field("questions").related_model.objects.all()
        return (
            super()
            .get_queryset()
            .select_related("topic", "author", "reviewer")
            .annotate(site_disclaimer_html=Disclaimer.html_subquery())
            .prefetch_related(
                Prefetch("key_points", with_cited_source_ids(KeyPoint.objects.all())),
                Prefetch("references", Reference.objects.select_related("source")),
                Prefetch("questions", with_cited_source_ids(questions)),
            )
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
        # The article view has already decided who may see the article (readers: published;
        # staff: also a preview), so only the questions' own status counts here.
        questions = [question for question in article.questions.all() if question.is_public]
        context["questions"] = questions
        context["disclaimer_html"] = Disclaimer.html_or_default(article.site_disclaimer_html)
        context["body_parts"] = self.body_parts(article)
        context["key_points"], context["references"] = self.cited(article, questions)
        context["structured_data"] = article_graph(article, self.request, questions)
        if article.topic_id:
            context["related"] = (
                Article.objects.published()
                .cards()
                .filter(topic_id=article.topic_id)
                .exclude(pk=article.pk)[:RELATED_ARTICLES]
            )
        return context

    def cited(self, article, questions):
        """The key points and the questions with their numbered citations (`citation_links`
        on each), and the references with the anchors of every citation of each, in page
        order (key points, body, questions), for the links back."""
        numbers = {
            reference.source_id: (reference.position, f"#ref-{reference.position}")
            for reference in article.references.all()
        }
        backlinks = {}
        key_points = list(article.key_points.all())
        for point in key_points:
            point.citation_links = point.citations(numbers, f"key-point-{point.position}")
            for number, _, anchor in point.citation_links:
                backlinks.setdefault(number, []).append(anchor)
        for number, anchors in citations.backlinks(article.body_html).items():
            backlinks.setdefault(number, []).extend(anchors)
        for question in questions:
            question.citation_links = question.citations(numbers, question.slug)
            for number, _, anchor in question.citation_links:
                backlinks.setdefault(number, []).append(anchor)
        references = [
            (reference, backlinks.get(reference.position, []))
            for reference in article.references.all()
        ]
        return key_points, references

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
