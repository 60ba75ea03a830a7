from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from gutguide import portable
from gutguide.content_files import DOCUMENTS


class Command(BaseCommand):
    help = (
        "Write every article, comparison, question, topic, contributor and the disclaimer "
        "to DIR (new or empty) as Markdown files with front matter; import_content loads them."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR")

    def handle(self, directory, **options):
        try:
            # One consistent snapshot, even while editors save.
            with transaction.atomic():
                counts = portable.export(DOCUMENTS, directory)
        except portable.ExportProblem as error:
            raise CommandError(str(error)) from None
        summary = ", ".join(f"{count} {folder}" for folder, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Exported to {directory}: {summary or 'nothing'}."))
