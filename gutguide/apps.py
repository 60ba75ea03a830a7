from django.apps import AppConfig


class GutGuideConfig(AppConfig):
    """Site-wide pieces: the Markdown pipeline, editor endpoints and management commands."""

    name = "gutguide"
    verbose_name = "GutGuide"
