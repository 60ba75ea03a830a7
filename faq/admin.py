from django.contrib import admin

from articles.admin import ArticleAdmin
from articles.models import Article
from gutguide.admin import MARKDOWN_WIDGETS, NamedAutocompleteMixin
from gutguide.forms import ConcurrentEditForm, NumberedForm, NumberedFormSet
from gutguide.models import Status
from gutguide.publishing import (
    PublishingAdmin,
    PublishingForm,
    PublishingStateFilter,
    can_publish,
    publishing_state,
)
from gutguide.revision_admin import RevisionAdmin
from gutguide.revisions import Related

from .models import FOLLOWS_ARTICLE, Question


class QuestionForm(PublishingForm, ConcurrentEditForm):
    class Meta:
        model = Question
        fields = [
            "question", "slug", "answer", "grade", "sources", "article", "topic", "order",
            "status",
        ]  # fmt: skip


class QuestionInlineForm(PublishingForm, ConcurrentEditForm, NumberedForm):
    """A question on its article's page: numbered in the order shown, refused when someone
    saved it on its own page after this page was opened."""

    position_field = "order"

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        if self.instance.article_id is None:
            # On a new article's page the article is saved only after this check: its
            # questions have an article then (the constraints on it hold).
            exclude.add("article")
        return exclude


class QuestionInlineFormSet(NumberedFormSet):
    """An article's questions: numbered in the order shown (new rows go to the end), and a
    question is asked only once per article."""

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


class QuestionInline(NamedAutocompleteMixin, admin.StackedInline):
    """The questions on the article's own page, in reading order."""

    model = Question
    form = QuestionInlineForm
    formset = QuestionInlineFormSet
    formfield_overrides = MARKDOWN_WIDGETS
    fields = [
        "question", "slug", "answer", ("grade", "sources"), "topic", ("status", "order"),
        "seen_version",
    ]  # fmt: skip
    autocomplete_fields = ["sources"]
    prepopulated_fields = {"slug": ["question"]}
    extra = 0
    verbose_name = "question"
    verbose_name_plural = "frequently asked questions"

    class Media:
        # markdownx only starts on editors present at page load (see the script).
        js = ["js/markdownx-inlines.js"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.can_publish = can_publish(request.user, Question)
        return formset


class QuestionStateFilter(PublishingStateFilter):
    states = [("follows", "Same as its article"), *PublishingStateFilter.states]

    def queryset(self, request, queryset):
        if self.value() == "follows":
            return queryset.filter(status=FOLLOWS_ARTICLE)
        return super().queryset(request, queryset)


@admin.register(Question)
class QuestionAdmin(NamedAutocompleteMixin, PublishingAdmin, RevisionAdmin):
    form = QuestionForm
    formfield_overrides = MARKDOWN_WIDGETS
    list_display = ["question", "article", "topic", "publishing_state", "order", "updated_at"]
    list_filter = [QuestionStateFilter, "topic", ("article", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["article", "topic"]
    search_fields = ["question", "answer", "slug"]
    ordering = ["article__title", "order", "pk"]
    prepopulated_fields = {"slug": ["question"]}
    autocomplete_fields = ["article", "sources"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["question", "slug", "answer", "seen_version"]}),
        ("Evidence", {"fields": ["grade", "sources"]}),
        ("Where it appears", {"fields": ["article", "topic", "order"]}),
        ("Publishing", {"fields": ["status"]}),
        ("Record", {"fields": ["created_at", "updated_at"]}),
    ]

    @admin.display(description="state", ordering="status")
    def publishing_state(self, question):
        """Its own state, or its article's when it follows it."""
        if question.follows_article:
            if question.article_id is None:
                return "–"
            return f"Same as its article ({publishing_state(question.article)})"
        return publishing_state(question)

    def prepare_recovered(self, request, question):
        notes = super().prepare_recovered(request, question)
        if question.article_id is None and question.follows_article:
            question.status = Status.DRAFT
            notes.append("Its article is gone, so it comes back as a draft of its own.")
        return notes


# The article's page also edits its questions: the FAQ adds its inline to the articles app's
# admin (articles know nothing of the FAQ).
admin.site.unregister(Article)


@admin.register(Article)
class ArticleWithQuestionsAdmin(ArticleAdmin):
    inlines = [*ArticleAdmin.inlines, QuestionInline]
    related_revisions = [
        *ArticleAdmin.related_revisions,
        Related("questions", Question, "article", "Question"),
    ]
