"""Admin pieces every kind of content uses. Imports no app."""

from django.contrib import admin
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
