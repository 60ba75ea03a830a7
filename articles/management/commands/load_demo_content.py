import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles import demo_content as demo
from articles.models import (
    Article,
    Comparison,
    ComparisonRow,
    ComparisonSubject,
    ComparisonValue,
    Contributor,
    Disclaimer,
    KeyPoint,
    Reference,
    Status,
    Topic,
)
from faq import demo_content as faq_demo
from faq.models import Question


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


def sync_children(model, article, rows):
    """Make an article's ordered children (key points, references) exactly `rows`."""
    changed = False
    for position, values in enumerate(rows, start=1):
        _, row_changed = sync(model, {"article": article, "position": position}, values)
        changed |= row_changed
    deleted, _ = model.objects.filter(article=article, position__gt=len(rows)).delete()
    return changed or bool(deleted)


def sync_questions(article, topic):
    """The demo article's FAQs in their order (questions editors added to it stay)."""
    changed = False
    for order, values in enumerate(faq_demo.QUESTIONS, start=1):
        _, question_changed = sync(
            Question,
            {"slug": values["slug"]},
            {
                **values,
                "article": article,
                "topic": topic,
                "order": order,
                "status": Status.PUBLISHED,
            },
        )
        changed |= question_changed
    return changed


class Command(BaseCommand):
    help = "Load or refresh the demo article, its topic, people and the medical disclaimer."

    @transaction.atomic
    def handle(self, *args, **options):
        changes = []
        topic, changed = sync(Topic, {"slug": demo.TOPIC["slug"]}, demo.TOPIC)
        changes.append(changed)
        author, changed = sync(Contributor, {"name": demo.AUTHOR["name"]}, demo.AUTHOR)
        changes.append(changed)
        reviewer, changed = sync(Contributor, {"name": demo.REVIEWER["name"]}, demo.REVIEWER)
        changes.append(changed)
        _, changed = sync(Disclaimer, {"pk": 1}, {"text": demo.DISCLAIMER})
        changes.append(changed)

        changes.append(self.load_comparison())

        existing = Article.objects.filter(slug=demo.ARTICLE["slug"]).first()
        published_at = (existing and existing.published_at) or timezone.now()
        article, changed = sync(
            Article,
            {"slug": demo.ARTICLE["slug"]},
            {
                **demo.ARTICLE,
                "topic": topic,
                "author": author,
                "reviewer": reviewer,
                "reviewed_on": (existing and existing.reviewed_on) or datetime.date.today(),
                "status": Status.PUBLISHED,
                "published_at": published_at,
            },
        )
        changes.append(changed)
        key_points = [{"lead": lead, "text": text} for lead, text in demo.KEY_POINTS]
        changes.append(sync_children(KeyPoint, article, key_points))
        changes.append(sync_children(Reference, article, demo.REFERENCES))
        changes.append(sync_questions(article, topic))

        if any(changes):
            self.stdout.write(
                self.style.SUCCESS(f"Demo content loaded: {article.get_absolute_url()}")
            )
        else:
            self.stdout.write("Demo content already up to date.")

    def load_comparison(self):
        existing = Comparison.objects.filter(slug=demo.COMPARISON["slug"]).first()
        comparison, changed = sync(
            Comparison,
            {"slug": demo.COMPARISON["slug"]},
            {
                **demo.COMPARISON,
                "status": Status.PUBLISHED,
                "published_at": (existing and existing.published_at) or timezone.now(),
            },
        )
        subjects = []
        for position, name in enumerate(demo.COMPARISON_SUBJECTS, start=1):
            subject, subject_changed = sync(
                ComparisonSubject, {"comparison": comparison, "position": position}, {"name": name}
            )
            subjects.append(subject)
            changed |= subject_changed
        deleted, _ = comparison.subjects.filter(position__gt=len(subjects)).delete()
        changed |= bool(deleted)
        for position, (feature, *values) in enumerate(demo.COMPARISON_ROWS, start=1):
            row, row_changed = sync(
                ComparisonRow,
                {"comparison": comparison, "position": position},
                {"feature": feature},
            )
            changed |= row_changed
            for subject, text in zip(subjects, values, strict=True):
                _, value_changed = sync(
                    ComparisonValue, {"row": row, "subject": subject}, {"text": text}
                )
                changed |= value_changed
        deleted, _ = comparison.rows.filter(position__gt=len(demo.COMPARISON_ROWS)).delete()
        return changed or bool(deleted)
