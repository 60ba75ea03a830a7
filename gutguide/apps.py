from django.apps import AppConfig
from django.db.models.signals import post_migrate


class GutGuideConfig(AppConfig):
    """Site-wide pieces: the Markdown pipeline, editor endpoints and management commands."""

    name = "gutguide"
    verbose_name = "GutGuide"

    def ready(self):
        from . import pagecache
        from .editors import ensure_editors_group
        from .search import fill_empty_index

        post_migrate.connect(ensure_editors_group, dispatch_uid="gutguide.editors_group")
        pagecache.connect_signals()
        # Once per migrate (sent for this app only), after every app's migrations.
        post_migrate.connect(
            fill_empty_index, sender=self, dispatch_uid="gutguide.fill_empty_search_index"
        )
