from django.core.management.base import BaseCommand, CommandError

from gutguide import portable
from gutguide.content_files import DOCUMENTS


class Command(BaseCommand):
    help = (
        "Load content written by export_content from DIR into this database: records with "
        "the same slug are updated, the others created. All files load, or none."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR")

    def handle(self, directory, **options):
        try:
            counts = portable.import_(DOCUMENTS, directory)
        except portable.ImportProblems as error:
            for path, message in error.problems:
                self.stderr.write(f"{path}: {message}")
            raise CommandError(
                f"Nothing was imported: {len(error.problems)} problem(s) in {directory}."
            ) from None
        summary = ", ".join(
            f"{folder} {done['created']} new, {done['updated']} updated"
            for folder, done in counts.items()
        )
        self.stdout.write(self.style.SUCCESS(f"Imported from {directory}: {summary}."))
