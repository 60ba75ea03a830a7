"""The site-wide sitemap (/sitemap.xml): fixed pages, articles, topics and comparisons."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.models import Article, Topic
from comparisons.models import Comparison


class PublishedSitemap(Sitemap):
    """What readers may see of a publishable model, with its last change."""

    model = None

    def items(self):
        return self.model.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


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

    def items(self):
        return Topic.objects.filter(articles__in=Article.objects.published()).distinct()


class PageSitemap(Sitemap):
    priority = 0.5

    def items(self):
        return ["home", "articles:list", "comparisons:list", "faq:index"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "topics": TopicSitemap,
    "comparisons": ComparisonSitemap,
}
