"""Admin pieces every kind of content uses. Imports no app."""

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.db import models
from markdownx.widgets import AdminMarkdownxWidget

from .forms import PositionedFormSet
from .models import park_positions

# Every Markdown field in the admin gets markdownx's editor with its live preview.
MARKDOWN_WIDGETS = {models.TextField: {"widget": AdminMarkdownxWidget}}


def save_positioned(formset):
    """Save an ordered inline; rows that move or go first step aside."""
    field = getattr(formset.form, "position_field", "position")
    park_positions(
        formset.model,
        [
            form.instance.pk
            for form in formset.initial_forms
            if field in form.changed_data or form in formset.deleted_forms
        ],
        field,
    )
    formset.save()


class PositionedInlinesAdmin(admin.ModelAdmin):
    """Saves ordered inlines (PositionedFormSet) so that editors can swap positions in one
    save."""

    def save_formset(self, request, form, formset, change):
        if isinstance(formset, PositionedFormSet):
            save_positioned(formset)
        else:
            super().save_formset(request, form, formset, change)


class ValidatedCountInline(admin.TabularInline):
    """An inline whose min_num and max_num are enforced, not just used for display."""

    def get_formset(self, request, obj=None, **kwargs):
        return super().get_formset(request, obj, validate_min=True, validate_max=True, **kwargs)


class NamedAutocompleteSelect(AutocompleteSelect):
    """The admin's autocomplete box with a placeholder while nothing is chosen.

    select2 names its box by the text shown in it; Django gives it an empty placeholder, so
    an empty box (no medical reviewer yet) has no name for screen readers (axe-core:
    aria-input-field-name)."""

    class Media:
        js = ["js/autocomplete-names.js"]

    def __init__(self, *args, placeholder="", **kwargs):
        super().__init__(*args, **kwargs)
        self.placeholder = placeholder

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        attrs["data-placeholder"] = self.placeholder
        return attrs


class NamedAutocompleteSelectMultiple(AutocompleteSelectMultiple):
    """The admin's autocomplete box for several choices (sources), named for screen readers
    by its placeholder (see the script) and without the "clear all" cross: select2 puts it
    inside its list of choices, which then is no list (axe-core: list). Each choice keeps its
    own cross."""

    class Media:
        js = ["js/autocomplete-names.js"]

    def __init__(self, *args, placeholder="", **kwargs):
        super().__init__(*args, **kwargs)
        self.placeholder = placeholder

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        attrs["data-placeholder"] = self.placeholder
        attrs["data-allow-clear"] = "false"
        return attrs


class NamedAutocompleteMixin:
    """For a ModelAdmin or an inline: its autocomplete fields say what to choose while empty
    (and name their boxes by it)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = NamedAutocompleteSelect(
                db_field,
                self.admin_site,
                using=kwargs.get("using"),
                placeholder=f"Choose the {db_field.verbose_name}",
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = NamedAutocompleteSelectMultiple(
                db_field,
                self.admin_site,
                using=kwargs.get("using"),
                placeholder=f"Choose {db_field.verbose_name}",
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
