from django import forms

from gutguide.forms import ConcurrentEditForm, PositionedForm, PositionedFormSet
from gutguide.markdown import MarkdownValidator
from gutguide.publishing import PublishingForm

from .models import Comparison, ComparisonValue

VALUE_FIELDS = [f"value_{slot}" for slot in range(1, Comparison.MAX_SUBJECTS + 1)]


class ComparisonForm(PublishingForm, ConcurrentEditForm):
    class Meta:
        model = Comparison
        fields = ["title", "slug", "intro", "status", "published_at"]


class ComparisonSubjectForm(PositionedForm):
    position = forms.IntegerField(
        min_value=1, max_value=Comparison.MAX_SUBJECTS, help_text="Column 1 to 4, left to right."
    )


class ComparisonRowForm(PositionedForm):
    """A table row on one line: the feature and one value per subject column (1–4)."""

    value_1 = forms.CharField(
        required=False, max_length=ComparisonValue.MAX_LENGTH, validators=[MarkdownValidator()]
    )
    value_2 = forms.CharField(
        required=False, max_length=ComparisonValue.MAX_LENGTH, validators=[MarkdownValidator()]
    )
    value_3 = forms.CharField(
        required=False, max_length=ComparisonValue.MAX_LENGTH, validators=[MarkdownValidator()]
    )
    value_4 = forms.CharField(
        required=False, max_length=ComparisonValue.MAX_LENGTH, validators=[MarkdownValidator()]
    )

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
