from django.contrib import admin
from django.forms.models import BaseInlineFormSet

from articles.admin import ArticleAdmin
from articles.models import Article
from gutguide.admin import MARKDOWN_WIDGETS, NamedAutocompleteMixin

from .models import Question


class QuestionInlineFormSet(BaseInlineFormSet):
    """An article's questions: new rows go to the end, and a question is asked only once."""

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if index is None or index >= self.initial_form_count():
            # New rows (also the "Add another" template) come after the existing questions;
            # several new rows share the number and keep their order (ties go by creation).
            orders = [question.order for question in self.get_queryset()]
            kwargs["initial"] = {"order": max(orders, default=0) + 1}
        return kwargs

    def clean(self):
        """Duplicates among the submitted rows, ignoring case, as the database constraint does
        (the per-row checks only see rows already saved)."""
        super().clean()
        seen = set()
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            question = getattr(form, "cleaned_data", {}).get("question")
            if not question:
                continue
            if question.lower() in seen:
                form.add_error("question", "This article already has this question.")
            seen.add(question.lower())


class QuestionInline(admin.StackedInline):
    """The questions on the article's own page, in reading order."""

    model = Question
    formset = QuestionInlineFormSet
    formfield_overrides = MARKDOWN_WIDGETS
    fields = ["question", "slug", "answer", "topic", ("status", "order")]
    prepopulated_fields = {"slug": ["question"]}
    extra = 0
    verbose_name = "question"
    verbose_name_plural = "frequently asked questions"

    class Media:
        # markdownx only starts on editors present at page load (see the script).
        js = ["js/markdownx-inlines.js"]


@admin.register(Question)
class QuestionAdmin(NamedAutocompleteMixin, admin.ModelAdmin):
    formfield_overrides = MARKDOWN_WIDGETS
    list_display = ["question", "article", "topic", "status", "order", "updated_at"]
    list_filter = ["status", "topic", ("article", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["article", "topic"]
    search_fields = ["question", "answer", "slug"]
    ordering = ["article__title", "order", "pk"]
    prepopulated_fields = {"slug": ["question"]}
    autocomplete_fields = ["article"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["question", "slug", "answer"]}),
        ("Where it appears", {"fields": ["article", "topic", "order"]}),
        ("Publishing", {"fields": ["status"]}),
        ("Record", {"fields": ["created_at", "updated_at"]}),
    ]


# The article's page also edits its questions: the FAQ adds its inline to the articles app's
# admin (articles know nothing of the FAQ).
admin.site.unregister(Article)


@admin.register(Article)
class ArticleWithQuestionsAdmin(ArticleAdmin):
    inlines = [*ArticleAdmin.inlines, QuestionInline]
