from urllib.parse import urlencode

from django.core.paginator import InvalidPage
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from articles.models import Article, Topic

from . import search as site_search

HOME_ARTICLE_COUNT = 10
SEARCH_RESULTS_PER_PAGE = 10


def home(request):
    articles = Article.objects.published().cards()[:HOME_ARTICLE_COUNT]
    topics = Topic.objects.filter(articles__in=Article.objects.published()).distinct()
    return render(request, "home.html", {"articles": articles, "topics": topics})


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
    sitemap_url = request.build_absolute_uri(reverse("django.contrib.sitemaps.views.sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /markdownx/",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
