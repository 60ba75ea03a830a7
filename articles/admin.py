from django.contrib import admin, messages
from django.template.loader import render_to_string
from django.urls import path, reverse_lazy
from django.utils.text import format_lazy

from comparisons import placements
from comparisons.models import Comparison
from gutguide import markdown
from gutguide.admin import MARKDOWN_WIDGETS, NamedAutocompleteMixin, PositionedInlinesAdmin
from gutguide.editor_views import preview_view
from gutguide.forms import PositionedForm, PositionedFormSet

from . import citations
from .forms import ArticleForm, ReferenceFormSet
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
    formset = ReferenceFormSet
    extra = 1
    fields = ["position", "authors", "title", "publisher", "year", "doi", "url"]


def body_preview(text):
    """The live preview of an article body: the Markdown pipeline, with citations linked and
    placed tables shown as readers will see them (marked while not published yet), and a
    note where a placed table does not exist."""
    html = citations.link(placements.mark(markdown.render_markdown(placements.isolate(text))))
    slugs = placements.marked_slugs(html)
    if not slugs:
        return html
    parts = placements.split(html, Comparison.objects.placed(slugs), keep_missing=True)
    return render_to_string("articles/includes/body.html", {"body_parts": parts})


# Shown at the top of the "Text" section, where the body is written.
TEXT_HELP = format_lazy(
    "<p>Write in Markdown; the preview beside (or below) each text shows it as readers "
    "will see it.</p><ul>"
    "<li><code>## Section</code> and <code>### Sub-section</code> start the body's sections: "
    "they make the “In This Article” table of contents. Never a single <code>#</code>: "
    "the title is the page's heading.</li>"
    "<li>A line <code>[[comparison its-slug]]</code>, alone on its line, shows that "
    'comparison table there (<a href="{comparisons}">comparison tables and their slugs</a>). '
    "A draft may place a table that is not published yet; the article can be published "
    "once the table is.</li>"
    "<li><code>[[ref 2]]</code> (or <code>[[ref 2, 5]]</code>) right after a claim cites "
    "reference 2 (and 5) of the References further down.</li></ul>",
    comparisons=reverse_lazy("admin:comparisons_comparison_changelist"),
)


@admin.register(Article)
class ArticleAdmin(NamedAutocompleteMixin, PositionedInlinesAdmin):
    form = ArticleForm
    save_on_top = True
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
        ("Text", {"fields": ["summary", "body"], "description": TEXT_HELP}),
        ("Search and sharing", {"fields": ["meta_description"]}),
        ("Record", {"fields": ["reading_time", "old_addresses", "created_at", "updated_at"]}),
    ]

    def get_urls(self):
        # The body editor's live preview (ArticleBodyWidget): staff only, like the admin.
        preview = self.admin_site.admin_view(preview_view(body_preview))
        opts = self.opts
        return [
            path(
                "body-preview/",
                preview,
                name=f"{opts.app_label}_{opts.model_name}_body_preview",
            ),
            *super().get_urls(),
        ]

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
                        f"The comparison “{slug}” placed in this article is not published, "
                        "so readers do not see it (and the article cannot be published "
                        f"until it is). Publish it, or remove the line {placements.line(slug)}.",
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
