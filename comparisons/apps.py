from django.apps import AppConfig


class ComparisonsConfig(AppConfig):
    name = "comparisons"
    verbose_name = "Comparisons"

    def ready(self):
        from gutguide import search

        from .models import Comparison, ComparisonRow, ComparisonSubject, ComparisonValue

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
