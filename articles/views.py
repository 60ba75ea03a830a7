from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import get_template
from django.views.generic import DetailView, ListView

from comparisons import placements
from comparisons.models import Comparison
from evidence.models import with_cited_source_ids
from gutguide.preview import StoredPageMixin
from gutguide.structured_data import question_nodes, with_absolute_urls

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


class ArticleDetailView(StoredPageMixin, DetailView):
    """The article page. Everything it shows depends on the content only, except the
    absolute URLs in its head, so it is rendered once per content generation and release and
    kept in the shared cache under the article's slug (gutguide.preview.StoredPageMixin): a
    request for it then takes no query at all, even with the page cache off. An article's
    old slug redirects to its page."""

    model = Article
    template_name = "articles/article_detail.html"
    content_template_name = "articles/includes/article.html"
    context_object_name = "article"
    stored_page_name = "article"

    def get_queryset(self):
        # The site-wide disclaimer comes with the article's row rather than in a query of
        # its own.
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
            moved = self.moved(kwargs["slug"])
            if moved is None:
                raise
            return HttpResponsePermanentRedirect(moved.get_absolute_url())

    def page_context(self, page, is_preview):
        structured_data = with_absolute_urls(page["graph"], self.request.build_absolute_uri)
        return {**super().page_context(page, is_preview), "structured_data": structured_data}

    def moved(self, slug):
        """The article that had this slug before, if the request may see it (or None)."""
        redirect = (
            ArticleRedirect.objects.filter(old_slug=slug, article__in=self.get_queryset())
            .select_related("article")
            .first()
        )
        return redirect.article if redirect else None

    def page(self, article, is_preview):
        """What the page shows, as plain values the shared cache can keep: its head's
        fields, its JSON-LD (with paths for URLs) and its content's HTML."""
        # "questions": the FAQ (faq.Question) declares that relation to articles. The
        # sources of key points and questions come as ids with them (their references with
        # the article's), so a page costs the same queries however much it cites.
        questions = Article._meta.get_field("questions").related_model.objects.all()
        prefetch_related_objects(
            [article],
            Prefetch("key_points", with_cited_source_ids(KeyPoint.objects.all())),
            Prefetch("references", Reference.objects.select_related("source")),
            Prefetch("questions", with_cited_source_ids(questions)),
        )
        # The article view has already decided who may see the article (readers: published;
        # staff: also a preview), so only the questions' own status counts here.
        questions = [question for question in article.questions.all() if question.is_public]
        key_points, references = self.cited(article, questions)
        context = {
            "article": article,
            "is_preview": is_preview,
            "key_points": key_points,
            "questions": questions,
            "disclaimer_html": Disclaimer.html_or_default(article.site_disclaimer_html),
            "body_parts": self.body_parts(article),
            "references": references,
        }
        if article.topic_id:
            context["related"] = (
                Article.objects.published()
                .cards()
                .filter(topic_id=article.topic_id)
                .exclude(pk=article.pk)[:RELATED_ARTICLES]
            )
        return {
            "title": article.title,
            "description": article.meta_description or article.dek,
            "path": article.get_absolute_url(),
            "published_at": article.published_at,
            "updated_at": article.updated_at,
            "graph": article_graph(article, question_nodes(questions)),
            # A SafeString, which stays one in the cache (pickled with its class).
            "html": get_template(self.content_template_name).render(context),
        }

    def cited(self, article, questions):
        """The key points and the questions with their numbered citations (`citation_links`
        on each), and the references with the anchors of every citation of each, in page
        order (key points, body, questions), for the links back."""
        numbers = {
            reference.source_id: (reference.position, f"#ref-{reference.position}")
            for reference in article.references.all()
        }
        backlinks = {}

        def link(claims, anchor_prefix):
            for claim in claims:
                claim.citation_links = claim.citations(numbers, anchor_prefix(claim))
                for number, _, anchor in claim.citation_links:
                    backlinks.setdefault(number, []).append(anchor)

        key_points = list(article.key_points.all())
        link(key_points, lambda point: f"key-point-{point.position}")
        for number, anchors in citations.backlinks(article.body_html).items():
            backlinks.setdefault(number, []).extend(anchors)
        link(questions, lambda question: question.slug)
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
