"""Form pieces every kind of content uses in the admin. Imports no app."""

from django import forms
from django.db import transaction
from django.forms.models import BaseInlineFormSet


class ConcurrentEditForm(forms.ModelForm):
    """Refuses to overwrite silently: when someone else saved the record after this form was
    opened, the form comes back with the editor's text and says so.

    For models with a version (gutguide.models.EditVersioned)."""

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


class PositionedForm(forms.ModelForm):
    """A row of an ordered inline. Unique positions are checked across the whole formset
    (see PositionedFormSet), not against the database row by row, so two rows can swap."""

    def _get_validation_exclusions(self):
        return {*super()._get_validation_exclusions(), "position"}


class PositionedFormSet(BaseInlineFormSet):
    """An ordered inline whose rows have a `position` unique within their parent."""

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
