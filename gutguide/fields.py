"""Model fields every kind of content uses. Imports no app."""

from django.db import models


def normalize_slug(value):
    """The one spelling of a slug: lower case, no hyphen at either end ("Pricing-" is
    "pricing"), so that two spellings can never name two records."""
    return (value or "").strip().lower().strip("-")


class NormalizedSlugField(models.SlugField):
    """A slug stored in its normal spelling (see normalize_slug).

    Forms and full_clean() normalise before the uniqueness check, so "Pricing" beside
    "pricing" is a clear "already exists" error; every other save normalises too."""

    def to_python(self, value):
        value = super().to_python(value)
        return normalize_slug(value) if value is not None else value

    def pre_save(self, model_instance, add):
        value = normalize_slug(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
