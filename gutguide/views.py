from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.core.paginator import InvalidPage
from django.db import connection
from django.db.models import F
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from articles.models import Article, Placement, Topic
from comparisons.models import Comparison
from faq.models import Question

from . import search as site_search
from .markdown import LIMITS
from .models import first_of_each

HOME_ARTICLE_COUNT = 10
SEARCH_RESULTS_PER_PAGE = 10
TOPIC_SAMPLE = 5


def home(request):
    articles = Article.objects.published().cards()[:HOME_ARTICLE_COUNT]
    topics = Topic.objects.filter(articles__in=Article.objects.published()).distinct()
    return render(request, "home.html", {"articles": articles, "topics": topics})


@require_safe
def topics(request):
    """/topics/: every topic with published content: its newest articles, the comparisons
    its articles place most, its newest questions, and how many of each there are. A
    comparison belongs to the topics of the published articles that place it. Eight queries
    however much content there is."""
    listing = {topic.pk: {"topic": topic} for topic in Topic.objects.all()}

    def sample(kind, rows, group, order_by, records):
        ranked = first_of_each(rows, group, order_by, TOPIC_SAMPLE)
        found = records([row["key"] for row in ranked])
        for row in ranked:
            entry = listing.get(row[group])
            if entry is not None and row["key"] in found:
                entry.setdefault(kind, []).append(found[row["key"]])
                entry[f"{kind}_count"] = row["group_size"]

    sample(
        "articles",
        Article.objects.published().order_by().values("topic", key=F("pk")),
        "topic",
        [F("published_at").desc(), F("pk").desc()],
        Article.objects.cards().in_bulk,
    )
    sample(
        "comparisons",
        Placement.objects.shown().per_topic().annotate(key=F("comparison_slug")),
        "topic",
        [F("uses").desc(), F("comparison_slug")],
        lambda slugs: Comparison.objects.only("title", "slug").in_bulk(slugs, field_name="slug"),
    )
    sample(
        "questions",
        Question.objects.published()
        .with_listed_topic()
        .order_by()
        .values("listed_topic_id", key=F("pk")),
        "listed_topic_id",
        [F("published_at").desc(), F("order"), F("pk")],
        Question.objects.with_articles().defer("answer", "answer_html").in_bulk,
    )
    shown = [entry for entry in listing.values() if len(entry) > 1]
    return render(request, "topics.html", {"listing": shown})


@require_safe
def search(request):
    """/search/?q=: published articles, comparisons and questions matching every word."""
    query = request.GET.get("q", "")
    if "\x00" in query:
        return HttpResponseBadRequest("Search text cannot contain NUL characters.")
    # Lone surrogates cannot be sent back in a UTF-8 page; they match nothing anyway.
    query = query.encode("utf-8", "replace").decode("utf-8").strip()
    query = query[: site_search.MAX_QUERY_LENGTH]
    words = site_search.terms(query)
    page = None
    if words:
        try:
            page = site_search.results_page(
                words, request.GET.get("page") or 1, SEARCH_RESULTS_PER_PAGE
            )
        except InvalidPage as error:
            raise Http404("No such page of results.") from error
    return render(
        request,
        "search.html",
        {"query": query, "page_obj": page, "page_query": urlencode({"q": query})},
    )


def bad_request(request, exception, template_name="400.html"):
    """The 400 page. When a form was too large to be read (an 11 MB article body), it
    says so and that the text is still in the browser: nothing reached the server to show
    it again. The live preview gets the sentence alone."""
    too_large = isinstance(exception, (RequestDataTooBig, TooManyFieldsSent))
    if too_large and request.headers.get("x-requested-with") == "XMLHttpRequest":
        return HttpResponseBadRequest(
            "No preview: this text is far over the limits.", content_type="text/plain"
        )
    context = {
        "too_large": too_large,
        "limit_mb": settings.DATA_UPLOAD_MAX_MEMORY_SIZE >> 20,
        "longest_text": f"{LIMITS.length:,}",
    }
    return render(request, template_name, context, status=400)


@never_cache
def healthz(request):
    """Liveness and database check for load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /markdownx/",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
