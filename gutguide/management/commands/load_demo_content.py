from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles import demo_content as demo
from articles.models import Article, Contributor, Disclaimer, KeyPoint, Reference, Topic
from comparisons import demo_content as comparison_demo
from comparisons.models import Column, Comparison, Line
from evidence import demo_content as evidence_demo
from evidence.models import Source
from faq import demo_content as faq_demo
from faq.models import Question
from gutguide.models import Status


def sync(model, lookup, values):
    """Create or update one row, saving only when something differs (so reruns change nothing)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**{**values, **lookup}), True
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
    return obj, bool(changed)


def sync_sources(claim, keys, sources):
    """Make a claim's (Graded) sources the ones with these keys."""
    wanted = {sources[key].pk for key in keys}
    if wanted == set(claim.sources.values_list("pk", flat=True)):
        return False
    claim.sources.set(wanted)
    return True


def sync_children(model, article, rows):
    """Make an article's ordered children (key points) exactly `rows`. Returns whether
    anything changed, and the rows in order."""
    changed, saved = False, []
    for position, values in enumerate(rows, start=1):
        row, row_changed = sync(model, {"article": article, "position": position}, values)
        changed |= row_changed
        saved.append(row)
    deleted, _ = model.objects.filter(article=article, position__gt=len(rows)).delete()
    return changed or bool(deleted), saved


def sync_references(article, sources):
    """Make the article's References exactly these sources, in this order (replaced as a
    whole when they differ: a source appears once in an article's list)."""
    wanted = [(position, source.pk) for position, source in enumerate(sources, start=1)]
    if list(article.references.values_list("position", "source_id")) == wanted:
        return False
    article.references.all().delete()
    for position, source in enumerate(sources, start=1):
        Reference.objects.create(article=article, position=position, source=source)
    return True


def sync_questions(article, topic, sources):
    """The demo article's FAQs in their order (questions editors added to it stay)."""
    changed = False
    for order, values in enumerate(faq_demo.QUESTIONS, start=1):
        keys = values["sources"]
        values = {name: value for name, value in values.items() if name != "sources"}
        question, question_changed = sync(
            Question,
            {"article": article, "slug": values["slug"]},
            {
                **values,
                "topic": topic,
                "order": order,
                "status": Status.PUBLISHED,
            },
        )
        changed |= question_changed
        changed |= sync_sources(question, keys, sources)
    return changed


class Command(BaseCommand):
    help = (
        "Load or refresh the demo article, its comparison table and questions, its topic, "
        "people and the medical disclaimer."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        changes = []
        topic, changed = sync(Topic, {"slug": demo.TOPIC["slug"]}, demo.TOPIC)
        changes.append(changed)
        author, changed = sync(Contributor, {"name": demo.AUTHOR["name"]}, demo.AUTHOR)
        changes.append(changed)
        # No reviewer is assigned: a medical review is recorded only when a medical reviewer
        # publishes the article (readers never see a placeholder).
        _, changed = sync(Disclaimer, {"pk": 1}, {"text": demo.DISCLAIMER})
        changes.append(changed)

        sources = {}
        for values in evidence_demo.SOURCES:
            sources[values["key"]], changed = sync(Source, {"key": values["key"]}, values)
            changes.append(changed)

        changes.append(self.load_comparison(sources))

        existing = Article.objects.filter(slug=demo.ARTICLE["slug"]).first()
        published_at = (existing and existing.published_at) or timezone.now()
        article, changed = sync(
            Article,
            {"slug": demo.ARTICLE["slug"]},
            {
                **demo.ARTICLE,
                "topic": topic,
                "author": author,
                "status": Status.PUBLISHED,
                "published_at": published_at,
            },
        )
        changes.append(changed)
        key_points = [
            {"lead": lead, "text": text, "grade": grade} for lead, text, grade, _ in demo.KEY_POINTS
        ]
        changed, saved_points = sync_children(KeyPoint, article, key_points)
        changes.append(changed)
        for point, (*_, keys) in zip(saved_points, demo.KEY_POINTS, strict=True):
            changes.append(sync_sources(point, keys, sources))
        changes.append(sync_references(article, [sources[key] for key in demo.REFERENCES]))
        changes.append(sync_questions(article, topic, sources))
        changes.append(bool(article.add_cited_references()))
        changes.append(self.remove_placeholder_reviewer())

        if any(changes):
            self.stdout.write(
                self.style.SUCCESS(f"Demo content loaded: {article.get_absolute_url()}")
            )
        else:
            self.stdout.write("Demo content already up to date.")

    def remove_placeholder_reviewer(self):
        """Earlier demo versions made up a reviewer; remove it where nothing points to it."""
        deleted, _ = Contributor.objects.filter(
            name=demo.PLACEHOLDER_REVIEWER_NAME,
            reviewed_articles__isnull=True,
            authored_articles__isnull=True,
        ).delete()
        return bool(deleted)

    def load_comparison(self, sources):
        existing = Comparison.objects.filter(slug=comparison_demo.COMPARISON["slug"]).first()
        comparison, changed = sync(
            Comparison,
            {"slug": comparison_demo.COMPARISON["slug"]},
            {
                **comparison_demo.COMPARISON,
                "status": Status.PUBLISHED,
                "published_at": (existing and existing.published_at) or timezone.now(),
            },
        )
        # The table as the demo has it, column by column and row by row in position order.
        subjects = dict(comparison.subjects.values_list("position", "pk"))
        rows = dict(comparison.rows.values_list("position", "pk"))
        columns = [
            Column(name=name, position=position, pk=subjects.get(position))
            for position, name in enumerate(comparison_demo.SUBJECTS, start=1)
        ]
        lines = [
            Line(
                feature=feature,
                position=position,
                values=values,
                pk=rows.get(position),
                grade=grade,
                sources=[sources[key].pk for key in keys],
            )
            for position, ((feature, *values), (grade, keys)) in enumerate(
                zip(comparison_demo.ROWS, comparison_demo.EVIDENCE, strict=True), start=1
            )
        ]
        return bool(comparison.write_table(columns, lines)) or changed
