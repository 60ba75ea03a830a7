from django.core.management.base import BaseCommand
from django.db import transaction

from gutguide import search


class Command(BaseCommand):
    help = (
        "Index every article, comparison and question for search from scratch. Saves keep the "
        "index in step; this is for data written around them (loaddata, raw SQL)."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = search.rebuild()
        search.tidy()
        for label, count in counts.items():
            self.stdout.write(f"Indexed {count} {label} records.")
