from django.contrib import admin
from django.db.models import Prefetch

from gutguide.admin import MARKDOWN_WIDGETS, NamedAutocompleteMixin, ValidatedCountInline
from gutguide.publishing import PublishingAdmin, PublishingStateFilter
from gutguide.revision_admin import RevisionAdmin
from gutguide.revisions import Related

from .forms import (
    VALUE_FIELDS,
    ComparisonForm,
    ComparisonRowForm,
    ComparisonRowFormSet,
    ComparisonSubjectForm,
    ComparisonSubjectFormSet,
)
from .models import Column, Comparison, ComparisonRow, ComparisonSubject, ComparisonValue, Line


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


class ComparisonRowInline(NamedAutocompleteMixin, ValidatedCountInline):
    model = ComparisonRow
    form = ComparisonRowForm
    formset = ComparisonRowFormSet
    fields = ["position", "feature", *VALUE_FIELDS, "grade", "sources"]
    autocomplete_fields = ["sources"]
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


def submitted_table(subject_formset, row_formset):
    """The table as the editor left it on the page: (columns, lines) for write_table.

    Row inputs are labelled by the columns as they were shown, so a value belongs to the
    subject that stood in its column when the page was opened (it moves with it), or to the
    new subject now in that column.
    """
    shown_at = {}  # column as shown -> saved subject
    columns = []
    for form in subject_formset.forms:
        pk = form.instance.pk
        if subject_formset._should_delete_form(form) or not (pk or form.has_changed()):
            continue
        if pk:
            shown_at[form.initial["position"]] = pk
        data = form.cleaned_data
        columns.append(Column(name=data["name"], position=data["position"], pk=pk))

    index_of_pk = {column.pk: index for index, column in enumerate(columns) if column.pk}
    index_at = {column.position: index for index, column in enumerate(columns)}
    slot_index = {
        slot: index_of_pk.get(shown_at.get(slot), index_at.get(slot))
        for slot in range(1, Comparison.MAX_SUBJECTS + 1)
    }

    lines = []
    for form in row_formset.forms:
        pk = form.instance.pk
        if row_formset._should_delete_form(form) or not (pk or form.has_changed()):
            continue
        values = [""] * len(columns)
        for slot, text in form.values_by_slot().items():
            if slot_index[slot] is not None:
                values[slot_index[slot]] = text
        data = form.cleaned_data
        lines.append(
            Line(
                feature=data["feature"],
                position=data["position"],
                values=values,
                pk=pk,
                grade=data.get("grade", ""),
                sources=[source.pk for source in data.get("sources", [])],
            )
        )
    return columns, lines


def table_from_revision(comparison, rows):
    """The table of a revision (historical records by kind and pk) as (columns, lines) for
    write_table: saved subjects and rows keep their ids, deleted ones come back as new."""
    live_subjects = set(comparison.subjects.values_list("pk", flat=True))
    live_rows = set(comparison.rows.values_list("pk", flat=True))
    subjects = sorted(rows["subjects"].values(), key=lambda record: record.position)
    columns = [
        Column(
            name=record.name,
            position=record.position,
            pk=record.id if record.id in live_subjects else None,
        )
        for record in subjects
    ]
    texts = {(value.row_id, value.subject_id): value.text for value in rows["values"].values()}
    lines = [
        Line(
            feature=record.feature,
            position=record.position,
            values=[texts.get((record.id, subject.id), "") for subject in subjects],
            pk=record.id if record.id in live_rows else None,
            grade=getattr(record, "grade", ""),
        )
        for record in sorted(rows["rows"].values(), key=lambda record: record.position)
    ]
    return columns, lines


@admin.register(Comparison)
class ComparisonAdmin(PublishingAdmin, RevisionAdmin):
    """A comparison's whole table (subjects, rows and values) on one page."""

    save_on_top = True
    formfield_overrides = MARKDOWN_WIDGETS
    inlines = [ComparisonSubjectInline, ComparisonRowInline]
    related_revisions = [
        Related("subjects", ComparisonSubject, "comparison", "Subject"),
        Related("rows", ComparisonRow, "comparison", "Row"),
        Related("values", ComparisonValue, "row", "Value", within="rows"),
    ]
    list_display = ["title", "slug", "publishing_state", "published_at", "updated_at"]
    list_filter = [PublishingStateFilter]
    search_fields = ["title", "slug", "intro"]
    prepopulated_fields = {"slug": ["title"]}
    form = ComparisonForm
    fields = ["title", "slug", "intro", "status", "published_at", "seen_version"]

    def save_related(self, request, form, formsets, change):
        """Write the whole table (subjects, rows, values) with Comparison.write_table."""
        form.save_m2m()
        subject_formset, row_formset = formsets
        changes = form.instance.write_table(*submitted_table(subject_formset, row_formset))
        # What the admin's history message reads from saved formsets.
        for formset, done in ((subject_formset, changes.subjects), (row_formset, changes.rows)):
            formset.new_objects = done.new
            formset.changed_objects = done.changed
            formset.deleted_objects = done.deleted

    def restore_related(self, obj, rows):
        """A revision's table is written back with Comparison.write_table, like any save."""
        obj.write_table(*table_from_revision(obj, rows))

    def describe_row(self, spec, record, rows):
        if spec.name != "values":
            return super().describe_row(spec, record, rows)
        row = rows["rows"].get(record.row_id)
        subject = rows["subjects"].get(record.subject_id)
        feature = row.feature if row else "?"
        return f"Value “{feature}” / {subject.name if subject else '?'}"
