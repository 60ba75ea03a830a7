from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.core.paginator import InvalidPage, Paginator
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from articles.models import Article, Topic

from . import search as site_search
from .markdown import LIMITS

HOME_ARTICLE_COUNT = 10
SEARCH_RESULTS_PER_PAGE = 10


def home(request):
    articles = Article.objects.published().cards()[:HOME_ARTICLE_COUNT]
    topics = Topic.objects.filter(articles__in=Article.objects.published()).distinct()
    return render(request, "home.html", {"articles": articles, "topics": topics})


@require_safe
def search(request):
    """/search/?q=: published articles containing every word of the query."""
    query = request.GET.get("q", "")
    if "\x00" in query:
        return HttpResponseBadRequest("Search text cannot contain NUL characters.")
    query = query.strip()[: site_search.MAX_QUERY_LENGTH]
    words = site_search.terms(query)
    page = None
    if words:
        articles = Article.objects.published().select_related("topic", "author")
        paginator = Paginator(site_search.search(articles, words), SEARCH_RESULTS_PER_PAGE)
        try:
            page = paginator.page(request.GET.get("page") or 1)
        except InvalidPage as error:
            raise Http404("No such page of results.") from error
        for article in page.object_list:
            article.excerpt = site_search.excerpt(article, words)
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
    sitemap_url = request.build_absolute_uri(reverse("django.contrib.sitemaps.views.sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /markdownx/",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
