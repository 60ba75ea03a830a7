from django.db import models


class RenderedMarkdown(models.Model):
    """A model that stores HTML (and other values) derived from its Markdown.

    Subclasses name the stored fields in DERIVED_FIELDS and compute them in render_markdown();
    every save keeps them in step, and `manage.py rerender_markdown` recomputes them all.
    """

    DERIVED_FIELDS = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.render_markdown()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *self.DERIVED_FIELDS}
        super().save(*args, **kwargs)

    def render_markdown(self):
        raise NotImplementedError


class EditVersioned(models.Model):
    """A record editors change through forms: every save counts up its version, so a form
    can tell when someone else saved in the meantime (see articles.forms.ConcurrentEditForm)."""

    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.version = (self.version or 0) + 1
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "version"}
        super().save(*args, **kwargs)
