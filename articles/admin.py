from django.contrib import admin
from django.db import models
from markdownx.widgets import AdminMarkdownxWidget

from faq.admin import QuestionInline

from .models import Article, Contributor, Disclaimer, KeyPoint, Reference, Topic

MARKDOWN_WIDGETS = {models.TextField: {"widget": AdminMarkdownxWidget}}


class KeyPointInline(admin.TabularInline):
    model = KeyPoint
    extra = 1
    fields = ["position", "lead", "text"]


class ReferenceInline(admin.TabularInline):
    model = Reference
    extra = 1
    fields = ["position", "title", "url", "publisher", "year"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    formfield_overrides = MARKDOWN_WIDGETS
    inlines = [KeyPointInline, ReferenceInline, QuestionInline]
    list_display = ["title", "status", "topic", "published_at", "updated_at"]
    list_filter = ["status", "topic"]
    search_fields = ["title", "dek", "summary", "body"]
    list_select_related = ["topic"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["author", "reviewer"]
    readonly_fields = ["reading_time", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "dek", "topic"]}),
        ("Publishing", {"fields": ["status", "published_at"]}),
        ("People", {"fields": ["author", "reviewer", "reviewed_on"]}),
        ("Text", {"fields": ["summary", "body"]}),
        ("Search and sharing", {"fields": ["meta_description"]}),
        ("Record", {"fields": ["reading_time", "created_at", "updated_at"]}),
    ]


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
