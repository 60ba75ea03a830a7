from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.html import escape

from .models import Article

FEED_SIZE = 20


class LatestArticlesFeed(Feed):
    title = "GutGuide: latest articles"
    link = reverse_lazy("articles:list")
    description = "New and updated evidence-minded articles on gut health and nutrition."

    def items(self):
        return Article.objects.published().select_related("author")[:FEED_SIZE]

    # Feed readers treat titles and descriptions as HTML: everything but the stored,
    # sanitized HTML is escaped, as Django's own default title is.
    def item_title(self, item):
        return escape(item.title)

    def item_description(self, item):
        # The stored, sanitized summary (the HTML the article page shows), else the dek as
        # plain text.
        return item.summary_html or escape(item.dek)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author.name if item.author else None
