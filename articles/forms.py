from django import forms
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from markdownx.widgets import AdminMarkdownxWidget

from . import placements
from .models import Article, Comparison, ComparisonValue


class ArticleBodyWidget(AdminMarkdownxWidget):
    """The body editor: its live preview also shows the placed comparison tables."""

    @staticmethod
    def add_markdownx_attrs(attrs):
        attrs = AdminMarkdownxWidget.add_markdownx_attrs(attrs)
        attrs["data-markdownx-urls-path"] = reverse("article_body_preview")
        return attrs


class ConcurrentEditForm(forms.ModelForm):
    """Refuses to overwrite silently: when someone else saved the record after this form was
    opened, the form comes back with the editor's text and says so."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_version"].initial = self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None:
            return cleaned_data
        model = type(self.instance)
        with transaction.atomic():
            # Locked until the admin's transaction ends, so two saves cannot both pass.
            current = (
                model.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
        if current is not None and cleaned_data.get("seen_version") != current:
            # Saving the form again, on purpose, replaces their version with this one.
            self.data = self.data.copy()
            self.data[self.add_prefix("seen_version")] = current
            raise forms.ValidationError(
                f"Someone else saved this {model._meta.verbose_name} after you opened it. "
                "Your changes below are not saved yet: open the page in a new tab to see "
                "theirs, then save again to replace their version with yours.",
                code="edit_conflict",
            )
        return cleaned_data


class ArticleForm(ConcurrentEditForm):
    class Meta:
        model = Article
        widgets = {"body": ArticleBodyWidget}
        fields = [
            "title", "slug", "dek", "topic", "status", "published_at", "author", "reviewer",
            "reviewed_on", "summary", "body", "meta_description",
        ]  # fmt: skip

    def clean_body(self):
        body = self.cleaned_data["body"]
        errors = [
            f"“{line}” is not a comparison placement: write [[comparison <slug>]] "
            "alone on its line."
            for line in placements.malformed_lines(body)
        ]
        placed = placements.slugs(body)
        errors += [
            f"No published comparison has the slug “{slug}”: publish it or fix the line "
            f"[[comparison {slug}]]."
            for slug in placements.missing(placed)
        ]
        if errors:
            raise forms.ValidationError(errors)
        return body


VALUE_FIELDS = [f"value_{slot}" for slot in range(1, Comparison.MAX_SUBJECTS + 1)]


class PositionedForm(forms.ModelForm):
    """A row of an ordered inline. Unique positions are checked across the whole formset
    (see PositionedFormSet), not against the database row by row, so two rows can swap."""

    def _get_validation_exclusions(self):
        return {*super()._get_validation_exclusions(), "position"}


class PositionedFormSet(BaseInlineFormSet):
    item_name = None  # defaults to the model's verbose name

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        taken = {}
        for form in self.forms:
            if not form.has_changed() and form.instance.pk is None:
                continue
            if self._should_delete_form(form) or "position" not in form.cleaned_data:
                continue
            position = form.cleaned_data["position"]
            if position in taken:
                item = self.item_name or self.model._meta.verbose_name
                form.add_error("position", f"Another {item} already has position {position}.")
            taken[position] = form


class ComparisonForm(ConcurrentEditForm):
    class Meta:
        model = Comparison
        fields = ["title", "slug", "intro", "status", "published_at"]


class ComparisonSubjectForm(PositionedForm):
    position = forms.IntegerField(
        min_value=1, max_value=Comparison.MAX_SUBJECTS, help_text="Column 1 to 4, left to right."
    )


class ComparisonRowForm(PositionedForm):
    """A table row on one line: the feature and one value per subject column (1–4)."""

    value_1 = forms.CharField(required=False, max_length=ComparisonValue.MAX_LENGTH)
    value_2 = forms.CharField(required=False, max_length=ComparisonValue.MAX_LENGTH)
    value_3 = forms.CharField(required=False, max_length=ComparisonValue.MAX_LENGTH)
    value_4 = forms.CharField(required=False, max_length=ComparisonValue.MAX_LENGTH)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for value in self.instance.values.all():
                self.initial[f"value_{value.subject.position}"] = value.text

    def values_by_slot(self):
        return {
            slot: self.cleaned_data.get(f"value_{slot}", "")
            for slot in range(1, Comparison.MAX_SUBJECTS + 1)
        }


def submitted_subject_slots(data, prefix):
    """Column positions that will have a subject once the submitted subjects are saved."""
    try:
        total = min(int(data.get(f"{prefix}-TOTAL_FORMS", 0)), 50)
    except ValueError:
        return set()
    slots = set()
    for index in range(total):
        if data.get(f"{prefix}-{index}-DELETE"):
            continue
        name = (data.get(f"{prefix}-{index}-name") or "").strip()
        position = (data.get(f"{prefix}-{index}-position") or "").strip()
        if name and position.isdigit():
            slots.add(int(position))
    return slots


class ComparisonRowFormSet(PositionedFormSet):
    item_name = "row"
    subject_prefix = "subjects"
    default_error_messages = {
        "too_many_forms": f"A comparison has at most {Comparison.MAX_ROWS} rows.",
    }

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        slots = submitted_subject_slots(self.data, self.subject_prefix)
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form):
                continue
            for slot, text in form.values_by_slot().items():
                if text and slot not in slots:
                    form.add_error(
                        f"value_{slot}",
                        f"There is no subject {slot}: add it above, or clear this value.",
                    )


class ComparisonSubjectFormSet(PositionedFormSet):
    item_name = "subject"
    default_error_messages = {
        "too_few_forms": f"A comparison needs at least {Comparison.MIN_SUBJECTS} subjects.",
        "too_many_forms": f"A comparison has at most {Comparison.MAX_SUBJECTS} subjects.",
    }

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        seen = {}
        for form in self.forms:
            if not form.cleaned_data or self._should_delete_form(form):
                continue
            name = form.cleaned_data["name"].strip().casefold()
            if name in seen:
                raise forms.ValidationError(
                    f"Two subjects are called “{form.cleaned_data['name']}”: "
                    "each column needs its own name."
                )
            seen[name] = form
