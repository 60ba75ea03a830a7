"""Form pieces every kind of content uses in the admin. Imports no app."""

from django import forms
from django.db import models, transaction
from django.forms.models import BaseInlineFormSet

from .revisions import last_change


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
        seen = cleaned_data.get("seen_version")
        if current is not None and seen != current:
            theirs = self.refreshed_data(seen) if self.prefix else None
            # Saving the form again, on purpose, replaces their version with this one.
            self.data = (theirs or self.data).copy()
            self.data[self.add_prefix("seen_version")] = current
            raise forms.ValidationError(
                self.conflict_message(kept_theirs=theirs is not None), code="edit_conflict"
            )
        return cleaned_data

    def refreshed_data(self, seen):
        """For a row of an inline the editor left as they saw it: the form's data showing
        the current version instead, so that saving again keeps the other editor's change.
        None when the editor changed the row (or it cannot be told)."""
        model = type(self.instance)
        history = getattr(model, "history", None)
        record = history and history.filter(id=self.instance.pk, version=seen).first()
        if record is None:
            return None
        model_fields = {field.name for field in model._meta.concrete_fields}
        names = [name for name in self.fields if name in model_fields]
        for name in names:
            field = model._meta.get_field(name)
            submitted = self.cleaned_data.get(name)
            if isinstance(submitted, models.Model):
                submitted = submitted.pk
            if _plain(submitted) != _plain(getattr(record, field.attname)):
                return None
            if isinstance(self.fields[name].widget, forms.MultiWidget | forms.CheckboxInput):
                return None
        current = type(self)(instance=model.objects.get(pk=self.instance.pk), prefix=self.prefix)
        data = self.data.copy()
        for name in names:
            if name not in current.fields:
                continue  # the row's id and parent, added by its formset: unchanged
            value = current[name].value()
            data[self.add_prefix(name)] = _plain(value)
        return data

    def conflict_message(self, kept_theirs=False):
        name = self.instance._meta.verbose_name
        change = last_change(self.instance)
        who = (
            f"{change[0]} saved this {name} on {change[1]}"
            if change
            else (f"Someone else saved this {name}")
        )
        if kept_theirs:
            return (
                f"{who}, after you opened this page. You had not changed it, so it now shows "
                "their version. Nothing is saved yet: save again to keep their version with "
                "your other changes."
            )
        label = f"“{self.instance}”" if self.prefix else "below"
        return (
            f"{who}, after you opened it. Your changes {label} are not saved yet: open the "
            "page in a new tab to see theirs, then save again to replace their version with "
            "yours."
        )


def _plain(value):
    return "" if value is None else str(value)


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


class NumberedForm(PositionedForm):
    """A row of an inline that numbers itself (NumberedFormSet): its number may be left
    empty (the row goes to the end) or typed to move the row to that place."""

    position_field = "position"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields[self.position_field]
        field.required = False
        field.help_text = (
            "Numbered in the order shown. Empty: at the end; a number: moves it there."
        )

    def _get_validation_exclusions(self):
        return {*super()._get_validation_exclusions(), self.position_field}


class NumberedFormSet(PositionedFormSet):
    """An ordered inline whose rows number themselves 1, 2, 3… in the order shown: rows keep
    their order, a row given a number moves to that place (before a row that had it), and
    rows without one go to the end, in the order they were added."""

    def clean(self):
        BaseInlineFormSet.clean(self)
        if any(self.errors):
            return
        field = self.form.position_field
        kept = [
            (index, form)
            for index, form in enumerate(self.forms)
            if (form.instance.pk is not None or form.has_changed())
            and not self._should_delete_form(form)
        ]

        def place(item):
            index, form = item
            number = form.cleaned_data.get(field)
            moved = field in form.changed_data
            return (number is None, number or 0, not moved, index)

        for number, (_, form) in enumerate(sorted(kept, key=place), start=1):
            if form.initial.get(field) != number and field not in form.changed_data:
                form.changed_data.append(field)  # renumbered: saved even if not edited
            form.cleaned_data[field] = number
            setattr(form.instance, field, number)
