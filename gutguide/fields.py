"""Model fields every kind of content uses. Imports no app."""

from django.db import models


def normalize_slug(value):
    """The one spelling of a slug: lower case, no hyphen at either end ("Pricing-" is
    "pricing"), so that two spellings can never name two records."""
    return (value or "").strip().lower().strip("-")


class NormalizedField:
    """For a text field stored in one spelling, `normalize(value)`: forms and full_clean()
    normalise before validation and the uniqueness check, and every other save normalises
    too."""

    @staticmethod
    def normalize(value):
        raise NotImplementedError

    def to_python(self, value):
        value = super().to_python(value)
        return self.normalize(value) if value is not None else value

    def pre_save(self, model_instance, add):
        value = self.normalize(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


class NormalizedSlugField(NormalizedField, models.SlugField):
    """A slug stored in its normal spelling (see normalize_slug), so "Pricing" beside
    "pricing" is a clear "already exists" error."""

    normalize = staticmethod(normalize_slug)
