from django.apps import AppConfig


class ComparisonsConfig(AppConfig):
    name = "comparisons"
    verbose_name = "Comparisons"

    def ready(self):
        from django.db.models.signals import post_save

        from evidence.models import Source
        from gutguide import search

        from .models import (
            Comparison,
            ComparisonRow,
            ComparisonSubject,
            ComparisonValue,
            store_tables_citing,
        )

        # A table lists its sources (stored HTML): a source edited, the tables follow.
        post_save.connect(store_tables_citing, sender=Source, dispatch_uid="store_tables_citing")

        # A comparison's entry: its title; intro, subjects and features; the values.
        search.register(
            Comparison,
            parts={
                ComparisonSubject: lambda subject: subject.comparison_id,
                ComparisonRow: lambda row: row.comparison_id,
                ComparisonValue: ComparisonValue.comparison_id_of,
            },
            prefetch=["subjects", "rows__values"],
            results=lambda comparisons: comparisons.only("title", "slug"),
        )
