"""The article feeds: the latest articles (RSS at /feed/, Atom at /feed/atom/) and each
topic's latest articles (/topics/<slug>/feed/ and .../feed/atom/)."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from .models import Article, Topic

FEED_SIZE = 20


class LatestArticlesFeed(Feed):
    title = "GutGuide: latest articles"
    link = reverse_lazy("articles:list")
    description = "New and updated evidence-minded articles on gut health and nutrition."

    def items(self):
        return self.articles()[:FEED_SIZE]

    def articles(self):
        return Article.objects.published().select_related("author")

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


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
    feed_url = reverse_lazy("feed_atom")


class TopicArticlesFeed(LatestArticlesFeed):
    """A topic's latest articles."""

    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, topic):
        return escape(f"GutGuide: {topic.name}")

    def link(self, topic):
        return topic.get_absolute_url()

    def description(self, topic):
        return escape(topic.description or f"The latest GutGuide articles on {topic.name}.")

    def items(self, topic):
        return self.articles().filter(topic=topic)[:FEED_SIZE]


class TopicArticlesAtomFeed(TopicArticlesFeed):
    feed_type = Atom1Feed

    def subtitle(self, topic):
        return self.description(topic)

    def feed_url(self, topic):
        return reverse("articles:topic_feed_atom", kwargs={"slug": topic.slug})
