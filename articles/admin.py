from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.urls import path

from comparisons import placements
from comparisons.models import Comparison
from gutguide import markdown
from gutguide.admin import MARKDOWN_WIDGETS, PositionedInlinesAdmin
from gutguide.editor_views import preview_view
from gutguide.forms import PositionedForm, PositionedFormSet

from .forms import ArticleForm
from .models import Article, Contributor, Disclaimer, KeyPoint, Reference, Topic


class KeyPointInline(admin.TabularInline):
    model = KeyPoint
    form = PositionedForm
    formset = PositionedFormSet
    extra = 1
    fields = ["position", "lead", "text"]


class ReferenceInline(admin.TabularInline):
    model = Reference
    form = PositionedForm
    formset = PositionedFormSet
    extra = 1
    fields = ["position", "title", "url", "publisher", "year"]


def body_preview(text):
    """The live preview of an article body: the Markdown pipeline, with placed tables shown
    as readers will see them, and a note where a placed table is missing."""
    html = placements.mark(markdown.render_markdown(placements.isolate(text)))
    slugs = placements.marked_slugs(html)
    if not slugs:
        return html
    parts = placements.split(html, Comparison.objects.published().placed(slugs), keep_missing=True)
    return render_to_string("articles/includes/body.html", {"body_parts": parts})


@admin.register(Article)
class ArticleAdmin(PositionedInlinesAdmin):
    form = ArticleForm
    formfield_overrides = MARKDOWN_WIDGETS
    inlines = [KeyPointInline, ReferenceInline]
    list_display = ["title", "status", "topic", "published_at", "updated_at"]
    list_filter = ["status", "topic"]
    search_fields = ["title", "dek", "summary", "body"]
    list_select_related = ["topic"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["author", "reviewer"]
    readonly_fields = ["reading_time", "old_addresses", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "dek", "topic", "seen_version"]}),
        ("Publishing", {"fields": ["status", "published_at"]}),
        ("People", {"fields": ["author", "reviewer", "reviewed_on"]}),
        ("Text", {"fields": ["summary", "body"]}),
        ("Search and sharing", {"fields": ["meta_description"]}),
        ("Record", {"fields": ["reading_time", "old_addresses", "created_at", "updated_at"]}),
    ]

    def get_urls(self):
        # The body editor's live preview (ArticleBodyWidget): for staff who may add or
        # change articles, like the pages that show the editor.
        opts = self.opts
        return [
            path(
                "body-preview/",
                self.admin_site.admin_view(self.body_preview_view),
                name=f"{opts.app_label}_{opts.model_name}_body_preview",
            ),
            *super().get_urls(),
        ]

    def body_preview_view(self, request):
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        return preview_view(body_preview)(request)

    @admin.display(description="Old addresses (redirect here)")
    def old_addresses(self, article):
        return ", ".join(str(redirect) for redirect in article.redirects.all()) or "–"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            article = self.get_object(request, object_id)
            if article is not None:
                for slug in article.missing_comparison_slugs():
                    messages.warning(
                        request,
                        f"The comparison “{slug}” placed in this article is no longer "
                        "published, so readers do not see it. Publish it again, or remove "
                        f"the line {placements.line(slug)}.",
                    )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Contributor)
class ContributorAdmin(admin.ModelAdmin):
    list_display = ["name", "credentials"]
    search_fields = ["name", "credentials"]


@admin.register(Disclaimer)
class DisclaimerAdmin(admin.ModelAdmin):
    formfield_overrides = MARKDOWN_WIDGETS
    list_display = ["__str__", "updated_at"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Disclaimer.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
