from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy

from .models import Article

FEED_SIZE = 20


class LatestArticlesFeed(Feed):
    title = "GutGuide: latest articles"
    link = reverse_lazy("articles:list")
    description = "New and updated evidence-minded articles on gut health and nutrition."

    def items(self):
        return Article.objects.published().select_related("author")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # The stored, sanitized summary: the same HTML the article page shows.
        return item.summary_html or item.dek

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author.name if item.author else None
