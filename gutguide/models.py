"""
What every kind of content shares: publishing (Status, Publishable and its queryset), HTML
stored from Markdown (RenderedMarkdown) and the version that guards against lost edits
(EditVersioned), and how ordered rows swap places. This module imports no app.
"""

from django.db import models
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone


def _with_update_fields(kwargs, *names):
    """save() kwargs that also write `names` when the caller limited update_fields."""
    update_fields = kwargs.get("update_fields")
    if update_fields is not None:
        kwargs["update_fields"] = {*update_fields, *names}
    return kwargs


# Rows that change position step aside above every real position while a save reorders them.
PARKING_POSITION = 1000


def park_positions(model, pks, field="position"):
    """Move rows out of the way of a unique position constraint before they take their new
    positions, so that two rows can swap places in one save."""
    for offset, pk in enumerate(pks, start=1):
        model.objects.filter(pk=pk).update(**{field: PARKING_POSITION + offset})


def first_of_each(rows, group, order_by, count):
    """The first `count` of `rows` (a values() queryset: keep it narrow, the window
    functions sort all of it) for each value of `group`, in `order_by` order, each with
    `group_size`: how many rows its group has in all. One query."""
    return list(
        rows.annotate(
            group_rank=Window(RowNumber(), partition_by=F(group), order_by=order_by),
            group_size=Window(Count("*"), partition_by=F(group)),
        )
        .filter(group_rank__lte=count)
        .order_by(group, "group_rank")
    )


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: published, with a publish date that has come."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())


class Publishable(models.Model):
    """What readers see only once it is published and its publish date has come."""

    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Readers see it from this moment. Empty on publishing means now.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | Q(published_at__isnull=False),
                name="%(app_label)s_%(class)s_published_has_date",
                violation_error_message="Published needs a publish date.",
            ),
        ]
        # What published() reads, without the rows' long texts: in date order for lists and
        # feeds, by id for search, which looks up each match (both index-only on PostgreSQL).
        indexes = [
            models.Index(fields=["status", "published_at", "id"], name="%(class)s_published"),
            models.Index(fields=["id", "status", "published_at"], name="%(class)s_visible"),
        ]

    def save(self, *args, **kwargs):
        if self.date_publishing():
            _with_update_fields(kwargs, "published_at")
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.date_publishing()

    def date_publishing(self):
        """Publishing with no date publishes now (as the field's help text says); checked
        before validation too, so a form never refuses an empty date."""
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
            return True
        return False

    @property
    def is_public(self):
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


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
        super().save(*args, **_with_update_fields(kwargs, *self.DERIVED_FIELDS))

    def render_markdown(self):
        raise NotImplementedError


class EditVersioned(models.Model):
    """A record editors change through forms: every save counts up its version, so a form
    can tell when someone else saved in the meantime (gutguide.forms.ConcurrentEditForm)."""

    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.version = (self.version or 0) + 1
        super().save(*args, **_with_update_fields(kwargs, "version"))


class SearchEntry(models.Model):
    """One searchable record (an article, a comparison, a question) as plain text in three
    weighted parts, kept in step with its record by gutguide.search.

    The full-text index itself belongs to the database and is made by this app's migration:
    on PostgreSQL generated tsvector columns (`title_vector`, `summary_vector` and the
    weighted `document`, the last two GIN-indexed), on SQLite an FTS5 table over this one,
    kept in step by triggers. Neither is a Django field: gutguide.search reads them in SQL.
    (A migration that makes Django rebuild this table on SQLite drops the triggers: recreate
    them in it.)
    Whether readers may see the record is never stored here; searches ask its own table.
    """

    kind = models.CharField(max_length=100, help_text='The model\'s label, e.g. "faq.question".')
    object_id = models.PositiveBigIntegerField()
    title = models.TextField()
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)

    class Meta:
        ordering = ["kind", "object_id"]
        verbose_name_plural = "search entries"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="searchentry_unique_record"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}: {self.title}"


class LinkCheckQuerySet(models.QuerySet):
    def failing(self):
        """Links that answered an error (4xx, 5xx) or did not answer when last checked."""
        return self.filter(Q(status_code__isnull=True) | Q(status_code__gte=400))


class LinkCheck(models.Model):
    """What an outside link answered when `manage.py check_links` last tried it (pages
    never fetch links themselves). Editorial checks read these results."""

    url = models.CharField("URL", max_length=2000, unique=True)
    status_code = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The HTTP status it answered; empty when it failed."
    )
    error = models.CharField(max_length=300, blank=True, help_text="Why it did not answer.")
    checked_at = models.DateTimeField()

    objects = LinkCheckQuerySet.as_manager()

    class Meta:
        ordering = ["url"]

    def __str__(self):
        return f"{self.url}: {self.outcome}"

    @property
    def ok(self):
        return self.status_code is not None and self.status_code < 400

    @property
    def outcome(self):
        """What happened, as an editor reads it: "answered 404", "failed (timed out)"."""
        if self.status_code is not None:
            return f"answered {self.status_code}"
        return f"failed ({self.error})" if self.error else "failed"
