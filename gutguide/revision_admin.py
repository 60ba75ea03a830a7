"""
Revisions in the admin, on top of django-simple-history's records (gutguide/revisions.py).
Imports no app.

- History: every revision with who, when and field-by-field differences, including the rows
  saved with the record (an article's key points, a comparison's table).
- Restore: any revision, rows included; the restore is itself a new revision. simple-history's
  own revert form saves only the record's fields, so it is replaced here.
- Recover: deleted records, with the rows their deletion took with them.
"""

import difflib

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from simple_history.admin import SimpleHistoryAdmin

from .models import Status, park_positions
from .publishing import can_publish
from .revisions import RelatedHistory, editable_fields, record_values, revision, user_name

SHORT_TEXT = 120
MISSING = "–"


def shown(field, value, labels):
    """A stored value as an editor reads it."""
    if value is None or value == "":
        return MISSING
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(field, models.ForeignKey):
        return labels.get((field.related_model, value), f"#{value} (deleted)")
    if isinstance(field, models.BooleanField):
        return "yes" if value else "no"
    if isinstance(field, models.DateTimeField):
        return formats.date_format(timezone.localtime(value), "j F Y, H:i")
    if isinstance(field, models.DateField):
        return formats.date_format(value, "j F Y")
    # Browsers send line breaks as CRLF: a text saved again unchanged is no change.
    return str(value).replace("\r\n", "\n")


def text_change(label, old, new):
    """One difference: short values as old → new, long texts as the lines that changed
    (`old` empty: there was nothing before)."""
    if "\n" in old + new or len(old) > SHORT_TEXT or len(new) > SHORT_TEXT:
        old = "" if old == MISSING else old
        new = "" if new == MISSING else new
        lines = [
            line for line in difflib.ndiff(old.splitlines(), new.splitlines()) if line[:1] in "+-"
        ]
        return {"field": label, "lines": lines}
    return {"field": label, "old": old or MISSING, "new": new}


class Snapshot:
    """A record and its rows as they were at the end of one revision."""

    def __init__(self, record, rows):
        self.record = record
        self.rows = rows


class RevisionAdmin(SimpleHistoryAdmin):
    """An admin whose records keep every revision, with the rows in `related_revisions`
    (gutguide.revisions.Related) kept, compared and restored with them."""

    related_revisions = ()
    object_history_template = "admin/gutguide/object_history.html"
    object_history_list_template = "admin/gutguide/object_history_list.html"
    change_list_template = "admin/gutguide/change_list_with_recover.html"
    history_list_per_page = 25

    # --- URLs ---------------------------------------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path("recover/", view(self.recover_list_view), name="{}_{}_recover_list".format(*info)),
            path(
                "recover/<int:history_id>/",
                view(self.recover_view),
                name="{}_{}_recover".format(*info),
            ),
            *super().get_urls(),
        ]

    # --- Reading revisions --------------------------------------------------------------

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        # simple-history would call select_related() with no names on models without foreign
        # keys (deprecated in Django 6.1); the differences below need no related objects.
        return history_manager.filter(**{pk_name: object_id}).select_related("history_user")

    def related_history(self, object_id):
        return RelatedHistory(self.related_revisions, object_id)

    def snapshots(self, records, related_history):
        return [
            Snapshot(record, related_history.rows_at(related_history.end_of(record)))
            for record in records
        ]

    def labels(self, snapshots):
        """{(model, pk): str} of every object a foreign key in these snapshots names."""
        wanted = {}
        groups = [(self.model, [s.record for s in snapshots])]
        for spec in self.related_revisions:
            groups.append(
                (spec.model, [r for s in snapshots for r in s.rows.get(spec.name, {}).values()])
            )
        for model, records in groups:
            for field in editable_fields(model):
                if isinstance(field, models.ForeignKey):
                    ids = {getattr(record, field.attname) for record in records} - {None}
                    wanted.setdefault(field.related_model, set()).update(ids)
        labels = {}
        for model, ids in wanted.items():
            for pk, obj in model._default_manager.in_bulk(ids).items():
                labels[(model, pk)] = str(obj)
        return labels

    def describe_row(self, spec, record, rows):
        """How a row is named in differences, e.g. “Key point 2: Glutamine acts directly”."""
        values = record_values(record, spec.fields(without_fk=False))
        text = str(spec.model(**values))
        number = values.get("position") or values.get("order")
        return f"{spec.label} {number}: “{text}”" if number else f"{spec.label}: “{text}”"

    def differences(self, before, after, labels):
        """What changed from snapshot `before` (None: nothing yet) to `after`."""
        changes = []
        for field in editable_fields(self.model):
            old = shown(field, getattr(before.record, field.attname), labels) if before else ""
            new = shown(field, getattr(after.record, field.attname), labels)
            if before is None and new == MISSING or old == new:
                continue
            label = str(field.verbose_name).capitalize()
            changes.append(text_change(label, old, new))
        for spec in self.related_revisions:
            old_rows = before.rows.get(spec.name, {}) if before else {}
            new_rows = after.rows.get(spec.name, {})
            for pk, record in new_rows.items():
                name = self.describe_row(spec, record, after.rows)
                if pk not in old_rows:
                    changes.append({"field": name, "old": MISSING, "new": "added"})
                    continue
                for field in spec.fields():
                    old = shown(field, getattr(old_rows[pk], field.attname), labels)
                    new = shown(field, getattr(record, field.attname), labels)
                    if old != new:
                        label = f"{name} · {str(field.verbose_name).capitalize()}"
                        changes.append(text_change(label, old, new))
            for pk in old_rows.keys() - new_rows.keys():
                name = self.describe_row(spec, old_rows[pk], before.rows)
                changes.append({"field": name, "old": "present", "new": "removed"})
        return changes

    def set_history_delta_changes(self, request, historical_records, **kwargs):
        records = list(historical_records)
        if not records:
            return
        oldest = records[-1]
        earlier = (
            type(oldest)
            .objects.filter(id=oldest.id, history_date__lt=oldest.history_date)
            .order_by("-history_date", "-history_id")
            .first()
        )
        newest = (
            (type(oldest).objects.filter(id=oldest.id).order_by("-history_date", "-history_id"))
            .values_list("history_id", flat=True)
            .first()
        )
        related_history = self.related_history(oldest.id)
        snapshots = self.snapshots([*records, *([earlier] if earlier else [])], related_history)
        labels = self.labels(snapshots)
        for index, record in enumerate(records):
            record.is_current = record.history_id == newest and record.history_type != "-"
            before = snapshots[index + 1] if index + 1 < len(snapshots) else None
            if record.history_type == "-":
                record.history_delta_changes = [{"field": "Deleted", "old": "", "new": ""}]
                continue
            record.history_delta_changes = self.differences(before, snapshots[index], labels)

    def history_view(self, request, object_id, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_restore": self.has_change_permission(request),
        }
        return super().history_view(request, object_id, extra_context)

    # --- Restoring a revision -------------------------------------------------------------

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Restore one revision: the differences between now and then, then a button."""
        object_id = unquote(object_id)
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404("Deleted: recover it from the list of deleted records first.")
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        history = self.model.history
        record = get_object_or_404(history.model, id=obj.pk, history_id=version_id)
        if record.history_type == "-":
            raise Http404
        current = history.filter(id=obj.pk).order_by("-history_date", "-history_id").first()
        related_history = self.related_history(obj.pk)
        then, now = self.snapshots([record, current], related_history)
        opts = self.opts

        if request.method == "POST":
            seen = request.POST.get("seen_version")
            if getattr(obj, "version", None) is not None and seen != str(obj.version):
                self.message_user(
                    request,
                    "Someone saved this after you opened the restore page: check the "
                    "differences again before restoring.",
                    messages.WARNING,
                )
                return HttpResponseRedirect(request.path)
            refused = self.restore_refused(request, obj, record)
            if refused:
                self.message_user(request, refused, messages.ERROR)
                return HttpResponseRedirect(request.path)
            try:
                with transaction.atomic(), revision():
                    self.restore(request, obj, then)
            except IntegrityError as error:
                self.message_user(
                    request,
                    "Could not restore this revision: it conflicts with the content as it is "
                    f"now (for example, its slug is used by another record). ({error})",
                    messages.ERROR,
                )
                return HttpResponseRedirect(request.path)
            when = timezone.localtime(record.history_date).strftime("%d %B %Y, %H:%M")
            self.log_change(request, obj, f"Restored the revision of {when}.")
            self.message_user(
                request,
                f"Restored the revision of {when}. The version before is kept in the history.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            )

        labels = self.labels([then, now])
        context = {
            **self.admin_site.each_context(request),
            "title": f"Restore {obj}",
            "subtitle": None,
            "opts": opts,
            "object": obj,
            "record": record,
            "who": user_name(record.history_user),
            "changes": self.differences(now, then, labels),
            "seen_version": getattr(obj, "version", ""),
            "history_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk]
            ),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/gutguide/restore.html", context)

    def restore_refused(self, request, obj, record):
        """Why `request.user` may not restore `record` over `obj`, or None."""
        publishes = (
            getattr(record, "status", None) == Status.PUBLISHED
            and getattr(obj, "status", None) != Status.PUBLISHED
        )
        if publishes and not can_publish(request.user, self.model):
            return (
                "This revision is published and the current version is not: restoring it "
                "would publish it, which only medical reviewers can do."
            )
        return None

    def restore(self, request, obj, snapshot):
        """Give `obj` and its rows the values of `snapshot`; saved as a new revision."""
        for field in editable_fields(self.model):
            setattr(obj, field.attname, getattr(snapshot.record, field.attname))
        self.restore_related(obj, snapshot.rows)
        obj._history_user = request.user
        obj.save()

    def restore_related(self, obj, rows):
        """Make the rows of `obj` exactly `rows` (historical records by pk), saving and
        deleting one by one so that each change has its own record."""
        for spec in self.related_revisions:
            restore_rows(spec, obj, rows.get(spec.name, {}))

    # --- Recovering deleted records ---------------------------------------------------------

    def deleted_records(self):
        """The last record of each deleted object, newest first."""
        history = self.model.history
        live = self.model._default_manager.values("pk")
        latest = {}
        for record in (
            history.filter(history_type="-")
            .exclude(id__in=live)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")
        ):
            latest.setdefault(record.id, record)
        return list(latest.values())

    def recover_list_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": f"Recover deleted {self.opts.verbose_name_plural}",
            "subtitle": None,
            "opts": self.opts,
            "records": [
                (record, record.history_object, user_name(record.history_user))
                for record in self.deleted_records()
            ],
        }
        return TemplateResponse(request, "admin/gutguide/recover_list.html", context)

    def recover_view(self, request, history_id):
        if not self.has_add_permission(request):
            raise PermissionDenied
        record = get_object_or_404(self.model.history.model, history_id=history_id)
        if record.history_type != "-" or self.model._default_manager.filter(pk=record.id).exists():
            raise Http404("Nothing to recover: the record is not deleted.")
        related_history = self.related_history(record.id)
        if record.revision is not None:
            rows = related_history.rows_at(None, deleted_in=record.revision)
        else:
            rows = related_history.rows_at(record.history_date)
        opts = self.opts
        if request.method == "POST":
            try:
                with transaction.atomic(), revision():
                    obj, notes = self.recover(request, record, rows)
            except IntegrityError as error:
                self.message_user(request, f"Could not recover it: {error}.", messages.ERROR)
                return HttpResponseRedirect(request.path)
            self.log_addition(request, obj, "Recovered after it was deleted.")
            for note in notes:
                self.message_user(request, note, messages.WARNING)
            self.message_user(request, f"Recovered “{obj}”.", messages.SUCCESS)
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            )
        snapshot = Snapshot(record, rows)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Recover {record.history_object}",
            "subtitle": None,
            "opts": opts,
            "record": record,
            "who": user_name(record.history_user),
            "changes": self.differences(None, snapshot, self.labels([snapshot])),
        }
        return TemplateResponse(request, "admin/gutguide/recover.html", context)

    def recover(self, request, record, rows):
        """Bring a deleted object back with the same id, and its rows. Returns it and notes
        for the editor."""
        notes = []
        obj = self.model(pk=record.id)
        for field in editable_fields(self.model):
            value = getattr(record, field.attname)
            if (
                isinstance(field, models.ForeignKey)
                and value is not None
                and not field.related_model._default_manager.filter(pk=value).exists()
            ):
                notes.append(f"Its {field.verbose_name} no longer exists; it was left empty.")
                value = None
            setattr(obj, field.attname, value)
        notes += self.prepare_recovered(request, obj)
        obj._history_user = request.user
        obj.save(force_insert=True)
        self.restore_related(obj, rows)
        return obj, notes

    def prepare_recovered(self, request, obj):
        """Adjust a recovered object before it is saved; returns notes for the editor."""
        if getattr(obj, "status", None) == Status.PUBLISHED and not can_publish(
            request.user, self.model
        ):
            obj.status = Status.DRAFT
            return ["It was published; it comes back as a draft for a medical reviewer."]
        return []


def restore_rows(spec, parent, records):
    """Make the `spec` rows of `parent` exactly `records` (historical records by pk)."""
    model = spec.model
    fields = spec.fields()
    current = {row.pk: row for row in model._default_manager.filter(**{spec.fk: parent})}
    for pk in current.keys() - records.keys():
        current[pk].delete()
    existing = model._default_manager.in_bulk(list(records))
    to_save = []
    for pk, record in records.items():
        row = existing.get(pk)
        if row is None:
            row = model(pk=pk)
        values = {field.attname: getattr(record, field.attname) for field in fields}
        values[spec.fk_attname] = parent.pk
        if row.pk in existing and all(getattr(row, k) == v for k, v in values.items()):
            continue
        for name, value in values.items():
            setattr(row, name, value)
        to_save.append(row)
    if any(field.name == "position" for field in fields):
        park_positions(model, [row.pk for row in to_save if row.pk in existing])
    for row in to_save:
        row.save(force_insert=row.pk not in existing)
