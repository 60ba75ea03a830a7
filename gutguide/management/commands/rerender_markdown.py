from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from gutguide import pagecache, search
from gutguide.markdown import MarkdownLimitError
from gutguide.models import RenderedMarkdown

BATCH = 200


def rendered_models():
    """Every model that stores HTML rendered from Markdown."""
    return [model for model in apps.get_models() if issubclass(model, RenderedMarkdown)]


class Command(BaseCommand):
    help = "Re-render every stored Markdown field after the Markdown pipeline has changed."

    @transaction.atomic
    def handle(self, *args, **options):
        for model in rendered_models():
            count = 0
            batch = []
            for obj in model._default_manager.order_by("pk").iterator(chunk_size=BATCH):
                try:
                    obj.render_markdown()
                except MarkdownLimitError as error:
                    # Saved before the limits: its stored HTML stays until an editor fixes it.
                    self.stderr.write(
                        f"Kept the stored HTML of {model._meta.verbose_name} {obj.pk} "
                        f"(“{obj}”), over the Markdown limits: {error}"
                    )
                    continue
                batch.append(obj)
                if len(batch) == BATCH:
                    count += model._default_manager.bulk_update(batch, model.DERIVED_FIELDS)
                    batch = []
            if batch:
                count += model._default_manager.bulk_update(batch, model.DERIVED_FIELDS)
            self.stdout.write(f"Re-rendered {count} {model._meta.verbose_name_plural}.")
        # bulk_update() sends no signals: readers' stored pages still hold the old HTML.
        pagecache.content_changed()
        # Search quotes the stored HTML's text, which bulk_update changed without a save.
        search.rebuild()
        self.stdout.write("Rebuilt the search index.")
