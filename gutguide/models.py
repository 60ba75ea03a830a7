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
