"""The site-wide sitemap: /sitemap.xml is an index of sections (pages, articles, topics,
comparisons), each at /sitemap-<section>.xml, split into pages of SITEMAP_PAGE_SIZE URLs
(?p=2...). Every section and page costs a constant number of queries, however many
articles there are."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from articles.models import Article, Topic
from comparisons.models import Comparison

# Far below the protocol's 50,000: responses stay small and quick to build.
SITEMAP_PAGE_SIZE = 1000


class PublishedSitemap(Sitemap):
    """What readers may see of a publishable model, with its last change."""

    model = None
    limit = SITEMAP_PAGE_SIZE

    def items(self):
        return self.model.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # One aggregate, not every item (Sitemap's default).
        return self.model.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class ArticleSitemap(PublishedSitemap):
    model = Article
    changefreq = "weekly"
    priority = 0.8


class ComparisonSitemap(PublishedSitemap):
    model = Comparison
    changefreq = "monthly"
    priority = 0.5


class TopicSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6
    limit = SITEMAP_PAGE_SIZE

    def items(self):
        return Topic.objects.filter(articles__in=Article.objects.published()).distinct()


class PageSitemap(Sitemap):
    priority = 0.5

    def items(self):
        return [
            "home",
            "articles:list",
            "topics",
            "comparisons:list",
            "faq:index",
            "evidence:grades",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "topics": TopicSitemap,
    "comparisons": ComparisonSitemap,
}
