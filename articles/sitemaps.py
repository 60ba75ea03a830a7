from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article, Comparison, Topic


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Article.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class ComparisonSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Comparison.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class TopicSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Topic.objects.filter(articles__in=Article.objects.published()).distinct()


class PageSitemap(Sitemap):
    priority = 0.5

    def items(self):
        return ["home", "articles:list", "articles:comparisons", "faq:index"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "topics": TopicSitemap,
    "comparisons": ComparisonSitemap,
}
