from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Prefetch

from faq.admin import QuestionInline
from gutguide.admin import MARKDOWN_WIDGETS

from .forms import (
    VALUE_FIELDS,
    ArticleForm,
    ComparisonForm,
    ComparisonRowForm,
    ComparisonRowFormSet,
    ComparisonSubjectForm,
    ComparisonSubjectFormSet,
    PositionedForm,
    PositionedFormSet,
)
from .models import (
    Article,
    Comparison,
    ComparisonRow,
    ComparisonSubject,
    ComparisonValue,
    Contributor,
    Disclaimer,
    KeyPoint,
    Reference,
    Topic,
)


class PositionedInlinesAdmin(admin.ModelAdmin):
    """Saves ordered inlines so that editors can swap positions in one save."""

    def save_formset(self, request, form, formset, change):
        if isinstance(formset, PositionedFormSet):
            save_positioned(formset)
        else:
            super().save_formset(request, form, formset, change)


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


@admin.register(Article)
class ArticleAdmin(PositionedInlinesAdmin):
    form = ArticleForm
    formfield_overrides = MARKDOWN_WIDGETS
    inlines = [KeyPointInline, ReferenceInline, QuestionInline]
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
                        f"the line [[comparison {slug}]].",
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


class ValidatedCountInline(admin.TabularInline):
    """An inline whose min_num and max_num are enforced, not just used for display."""

    def get_formset(self, request, obj=None, **kwargs):
        return super().get_formset(request, obj, validate_min=True, validate_max=True, **kwargs)


class ComparisonSubjectInline(ValidatedCountInline):
    model = ComparisonSubject
    form = ComparisonSubjectForm
    formset = ComparisonSubjectFormSet
    fields = ["position", "name"]
    min_num = Comparison.MIN_SUBJECTS
    max_num = Comparison.MAX_SUBJECTS
    extra = 0
    verbose_name = "subject (column)"
    verbose_name_plural = "subjects (columns, 2 to 4)"


class ComparisonRowInline(ValidatedCountInline):
    model = ComparisonRow
    form = ComparisonRowForm
    formset = ComparisonRowFormSet
    fields = ["position", "feature", *VALUE_FIELDS]
    extra = 3
    max_num = Comparison.MAX_ROWS
    verbose_name = "row"
    verbose_name_plural = "rows (feature, then one value per subject)"

    def get_queryset(self, request):
        values = ComparisonValue.objects.select_related("subject")
        return super().get_queryset(request).prefetch_related(Prefetch("values", values))

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        names = {subject.position: subject.name for subject in obj.subjects.all()} if obj else {}
        for slot, field in enumerate(VALUE_FIELDS, start=1):
            label = names.get(slot, f"Subject {slot}")
            formset.form.base_fields[field].label = f"{slot}: {label}"
        return formset


@admin.register(Comparison)
class ComparisonAdmin(PositionedInlinesAdmin):
    """A comparison's whole table (subjects, rows and values) on one page."""

    formfield_overrides = MARKDOWN_WIDGETS
    inlines = [ComparisonSubjectInline, ComparisonRowInline]
    list_display = ["title", "slug", "status", "published_at", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "slug", "intro"]
    prepopulated_fields = {"slug": ["title"]}
    form = ComparisonForm
    fields = ["title", "slug", "intro", "status", "published_at", "seen_version"]

    def save_related(self, request, form, formsets, change):
        """Save subjects, then rows, then each row's values by subject column."""
        form.save_m2m()
        subject_formset, row_formset = formsets
        comparison = form.instance
        # Row inputs were labelled by the columns as they were shown: a subject that moved
        # to another position keeps its values.
        shown_at = {
            subject_form.initial["position"]: subject_form.instance.pk
            for subject_form in subject_formset.initial_forms
            if subject_form not in subject_formset.deleted_forms
        }
        self.save_formset(request, form, subject_formset, change)
        subjects = {subject.pk: subject for subject in comparison.subjects.all()}
        by_position = {subject.position: subject for subject in subjects.values()}
        slot_subject = {
            slot: subjects.get(shown_at.get(slot)) or by_position.get(slot)
            for slot in range(1, Comparison.MAX_SUBJECTS + 1)
        }
        self.save_formset(request, form, row_formset, change)
        with transaction.atomic():
            for row_form in row_formset.forms:
                row = row_form.instance
                if row.pk is None or row_form in row_formset.deleted_forms:
                    continue
                if not row_form.has_changed():
                    continue
                save_row_values(row, row_form.values_by_slot(), slot_subject)


def save_positioned(formset):
    """Save an ordered inline; rows that move first step aside, so swaps never collide with
    the unique position constraint."""
    moving = [
        form.instance.pk
        for form in formset.initial_forms
        if "position" in form.changed_data or form in formset.deleted_forms
    ]
    for offset, pk in enumerate(moving, start=1):
        formset.model.objects.filter(pk=pk).update(position=PARKING_POSITION + offset)
    formset.save()


PARKING_POSITION = 1000


def save_row_values(row, values_by_slot, slot_subject):
    existing = {value.subject_id: value for value in row.values.all()}
    for slot, text in values_by_slot.items():
        subject = slot_subject.get(slot)
        if subject is None:
            continue
        value = existing.get(subject.pk)
        if value is None:
            if text:
                ComparisonValue(row=row, subject=subject, text=text).save()
        elif value.text != text:
            value.text = text
            value.save()
