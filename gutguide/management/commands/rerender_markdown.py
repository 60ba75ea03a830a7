from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Article, Disclaimer


class Command(BaseCommand):
    help = "Re-render every stored Markdown field after the Markdown pipeline has changed."

    @transaction.atomic
    def handle(self, *args, **options):
        count = 0
        for article in Article.objects.iterator(chunk_size=200):
            article.render_markdown()
            Article.objects.filter(pk=article.pk).update(
                **{name: getattr(article, name) for name in Article.DERIVED_FIELDS}
            )
            count += 1
        for disclaimer in Disclaimer.objects.all():
            disclaimer.save()
        self.stdout.write(self.style.SUCCESS(f"Re-rendered {count} article(s)."))
