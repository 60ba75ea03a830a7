"""
Revisions: nothing an editor saves is lost. Imports no app.

Every save and delete of a tracked model writes a historical record (django-simple-history;
models declare `history = revisions.history(...)`). The records written while one request
runs share a revision id, so a revision of an article is the article *together with* the key
points, references and questions saved with it, and a deleted article's rows can be told
apart from rows deleted earlier.

Rows that belong to a record (`Related`) are read back from their own history: what they
were when a revision of their parent ended (`RelatedHistory.rows_at`). The admin builds its
differences, restores and recoveries on that (gutguide/revision_admin.py).
"""

import contextvars
import datetime
import uuid
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import models
from django.dispatch import receiver
from django.utils import formats, timezone
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

_current_revision = contextvars.ContextVar("gutguide_revision", default=None)

# Never shown in differences nor restored: bookkeeping, not what an editor wrote.
BOOKKEEPING_FIELDS = {"id", "version", "created_at", "updated_at"}


class RevisionStamped(models.Model):
    """What every historical record adds to simple-history's: the revision it belongs to."""

    revision = models.UUIDField(null=True, blank=True, editable=False, db_index=True)

    class Meta:
        abstract = True


def history(exclude=(), long_reasons=False):
    """The history of a model: one record per save and delete, stamped with its revision.

    `exclude`: fields derived from others (stored HTML): recomputed on restore, not kept.
    `long_reasons`: a revision's reason (shown in the history) may be longer than 100
    characters, e.g. the problems a medical reviewer confirmed when publishing."""
    options = {"history_change_reason_field": models.TextField(null=True)} if long_reasons else {}
    return HistoricalRecords(bases=[RevisionStamped], excluded_fields=list(exclude), **options)


@contextmanager
def revision():
    """Group every record written inside into one revision (nested calls join the outer)."""
    if _current_revision.get() is not None:
        yield _current_revision.get()
        return
    token = _current_revision.set(uuid.uuid4())
    try:
        yield _current_revision.get()
    finally:
        _current_revision.reset(token)


class RevisionMiddleware:
    """One revision per request: what one admin save writes belongs together."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with revision():
            return self.get_response(request)


@receiver(pre_create_historical_record)
def stamp_revision(sender, history_instance, **kwargs):
    if hasattr(history_instance, "revision"):
        history_instance.revision = _current_revision.get()


def user_name(user):
    if user is None:
        return "Someone"
    return user.get_full_name() or user.get_username()


def last_change(instance):
    """(who, when) of the latest saved revision of `instance`, as an editor reads it, or None
    when the model keeps no history."""
    manager = getattr(type(instance), "history", None)
    if manager is None:
        return None
    record = (
        manager.filter(id=instance.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
        .first()
    )
    if record is None:
        return None
    when = formats.date_format(timezone.localtime(record.history_date), "j F Y, H:i")
    return user_name(record.history_user), when


def editable_fields(model):
    """The fields an editor writes, in model order: what revisions compare and restore."""
    tracked = {field.name for field in model.history.model.tracked_fields}
    return [
        field
        for field in model._meta.concrete_fields
        if field.name in tracked and field.editable and field.name not in BOOKKEEPING_FIELDS
    ]


def record_values(record, fields):
    """{attribute name: raw value} of a historical record (foreign keys as ids)."""
    return {field.attname: getattr(record, field.attname) for field in fields}


@dataclass(frozen=True)
class Related:
    """Rows kept, compared and restored with their parent record: `model` rows whose `fk`
    points to the parent, or (with `within`) to the rows of another Related of the parent."""

    name: str
    model: type
    fk: str
    label: str
    within: str = ""

    @property
    def fk_attname(self):
        return self.model._meta.get_field(self.fk).attname

    def fields(self, without_fk=True):
        return [
            field
            for field in editable_fields(self.model)
            if not (without_fk and field.name == self.fk)
        ]


class RelatedHistory:
    """Every historical record of the rows that ever belonged to one parent, loaded once
    (one query per kind of row), so that the rows of any moment are computed without more
    queries."""

    def __init__(self, related, parent_pk):
        self.related = {spec.name: spec for spec in related}
        self.records = {}
        owner_ids = {}
        for spec in related:
            history = spec.model.history
            owners = owner_ids[spec.within] if spec.within else [parent_pk]
            ever = history.filter(**{f"{spec.fk_attname}__in": owners}).values("id")
            records = list(history.filter(id__in=ever).order_by("history_date", "history_id"))
            self.records[spec.name] = records
            owner_ids[spec.name] = sorted({record.id for record in records})
        self.parent_pk = parent_pk

    def end_of(self, parent_record):
        """When the save that wrote `parent_record` ended: its last record of a row. A record
        written outside any revision (a script, the shell) stands for everything up to the
        parent's next record."""
        moment = parent_record.history_date
        if parent_record.revision is None:
            later = (
                type(parent_record)
                .objects.filter(id=parent_record.id, history_date__gt=moment)
                .order_by("history_date", "history_id")
                .values_list("history_date", flat=True)
                .first()
            )
            return later - datetime.timedelta(microseconds=1) if later else timezone.now()
        for records in self.records.values():
            for record in records:
                if record.revision == parent_record.revision and record.history_date > moment:
                    moment = record.history_date
        return moment

    def rows_at(self, moment, deleted_in=None):
        """{name: {pk: historical record}}: the rows as they were at `moment`.

        With `deleted_in` (a revision id): the rows deleted by that revision instead, as they
        were when deleted (what deleting the parent took with it)."""
        rows = {}
        for name, spec in self.related.items():
            owners = rows[spec.within].keys() if spec.within else {self.parent_pk}
            latest = {}
            for record in self.records[name]:
                if deleted_in is not None:
                    if record.revision == deleted_in and record.history_type == "-":
                        latest[record.id] = record
                elif record.history_date <= moment:
                    latest[record.id] = record
            rows[name] = {
                pk: record
                for pk, record in latest.items()
                if (deleted_in is not None or record.history_type != "-")
                and getattr(record, spec.fk_attname) in owners
            }
        return rows
