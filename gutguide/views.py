from urllib.parse import urlencode

from django.core.paginator import InvalidPage
from django.db import connection
from django.db.models import F
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from articles.models import Article, Placement, Topic
from comparisons.models import Comparison
from faq.models import Question

from . import search as site_search
from .models import first_of_each

# What /topics/ never shows of the questions' articles.
ARTICLE_TEXT_FIELDS = ["summary", "summary_html", "body", "body_html", "toc"]
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
    comparison belongs to the topics of the published articles that place it. Six queries
    however much content there is."""
    articles = first_of_each(
        Article.objects.published().cards(), "topic", [F("published_at").desc()], TOPIC_SAMPLE
    )
    questions = first_of_each(
        Question.objects.published().with_listed_topic().select_related("article"),
        "listed_topic_id",
        [F("published_at").desc(), F("order"), F("pk")],
        TOPIC_SAMPLE,
    ).defer("answer", "answer_html", *(f"article__{name}" for name in ARTICLE_TEXT_FIELDS))
    placed = list(
        first_of_each(
            Placement.objects.shown().per_topic(),
            "topic",
            [F("uses").desc(), F("comparison_slug")],
            TOPIC_SAMPLE,
        )
    )
    comparisons = Comparison.objects.published().only("title", "slug")
    comparisons = comparisons.in_bulk({row["comparison_slug"] for row in placed}, field_name="slug")

    listing = {topic.pk: {"topic": topic} for topic in Topic.objects.all()}
    for kind, records, topic_of in [
        ("articles", articles, lambda article: article.topic_id),
        ("questions", questions, lambda question: question.listed_topic_id),
    ]:
        for record in records:
            entry = listing.get(topic_of(record))
            if entry is not None:
                entry.setdefault(kind, []).append(record)
                entry[f"{kind}_count"] = record.group_size
    for row in placed:
        entry = listing.get(row["topic"])
        if entry is not None:
            entry.setdefault("comparisons", []).append(comparisons[row["comparison_slug"]])
            entry["comparisons_count"] = row["group_size"]
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


@never_cache
def healthz(request):
    """Liveness and database check for load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_GET
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /markdownx/",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
