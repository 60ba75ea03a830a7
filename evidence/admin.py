from django.contrib import admin

from gutguide.revision_admin import RevisionAdmin

from .forms import SourceForm
from .models import Source


@admin.register(Source)
class SourceAdmin(RevisionAdmin):
    """The sources editors pick from: key points, questions, comparison rows and articles'
    references find them here by key, author, title or DOI (autocomplete)."""

    form = SourceForm
    list_display = ["key", "title", "authors", "journal", "year", "study_type"]
    list_filter = ["study_type", "year"]
    search_fields = ["key", "title", "authors", "doi", "journal"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["key", "seen_version"]}),
        ("The publication", {"fields": ["authors", "title", "journal", "year", "study_type"]}),
        ("Where readers find it", {"fields": ["doi", "url"]}),
        ("Record", {"fields": ["created_at", "updated_at"]}),
    ]
