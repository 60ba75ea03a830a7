from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from gutguide import search

        from . import checks
        from .models import Article, KeyPoint

        # An article's entry: its title; dek, quick summary and key points; body.
        search.register(
            Article,
            parts={KeyPoint: lambda key_point: key_point.article_id},
            prefetch=["key_points"],
            results=lambda articles: articles.cards(),
        )
        # Editorial checks: the stored problem counts follow every save.
        checks.connect(self)
