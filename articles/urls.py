from django.urls import path

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("articles/", views.ArticleListView.as_view(), name="list"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic"),
    path(
        "topics/<slug:slug>/comparisons/",
        views.TopicComparisonListView.as_view(),
        name="topic_comparisons",
    ),
    path("topics/<slug:slug>/feed/", feeds.TopicArticlesFeed(), name="topic_feed"),
    path("topics/<slug:slug>/feed/atom/", feeds.TopicArticlesAtomFeed(), name="topic_feed_atom"),
]
