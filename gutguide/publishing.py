"""
Who may publish, in forms and in the admin. Imports no app.

Editors write, send to review and correct; publishing (making something readers could not
see) needs the model's `publish_<model>` permission, which the "Medical reviewers" group has
(gutguide/editors.py). Without it the Published choice is not offered, and a forged POST is
refused with a message while the form keeps the editor's text.
"""

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.utils import timezone

from .models import Status


def publish_permission(model):
    opts = model._meta
    return f"{opts.app_label}.publish_{opts.model_name}"


def can_publish(user, model):
    return user.has_perm(publish_permission(model))


NOT_ALLOWED = (
    "Only medical reviewers can publish. Your changes are not saved yet: choose Draft or In "
    "review and save, and a medical reviewer will publish it."
)


class PublishingForm(forms.ModelForm):
    """For Publishable models: publishing needs the permission (`can_publish`, set per request
    by PublishingAdmin). Without it, a record not published yet cannot become published, and
    a published one cannot be moved to another date."""

    can_publish = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is not None and not self.can_publish and not self.was_published:
            status.widget.choices = [
                (value, label) for value, label in status.choices if value != Status.PUBLISHED
            ]

    @property
    def was_published(self):
        return self.instance.pk is not None and self.initial.get("status") == Status.PUBLISHED

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status == Status.PUBLISHED and not self.can_publish and not self.was_published:
            raise forms.ValidationError(NOT_ALLOWED, code="publish_not_allowed")
        return status

    def clean_published_at(self):
        published_at = self.cleaned_data["published_at"]
        if (
            not self.can_publish
            and self.was_published
            and "published_at" in self.changed_data
            and self.data.get(self.add_prefix("status")) == Status.PUBLISHED
        ):
            raise forms.ValidationError(
                "Only medical reviewers can change when a published text appears. Your "
                "changes are not saved yet: put the date back, or ask a medical reviewer.",
                code="publish_not_allowed",
            )
        return published_at


def publishing_state(obj, now=None):
    """Draft / In review / Scheduled / Published, as an editor reads it."""
    if obj.status == Status.PUBLISHED:
        now = now or timezone.now()
        if obj.published_at and obj.published_at > now:
            return "Scheduled"
        return "Published"
    return dict(Status.choices).get(obj.status, obj.status)


class PublishingStateFilter(admin.SimpleListFilter):
    title = "publishing"
    parameter_name = "state"
    states = [
        ("draft", "Draft"),
        ("review", "In review"),
        ("scheduled", "Scheduled"),
        ("published", "Published"),
    ]

    def lookups(self, request, model_admin):
        return self.states

    def queryset(self, request, queryset):
        now = timezone.now()
        value = self.value()
        if value in (Status.DRAFT, Status.REVIEW):
            return queryset.filter(status=value)
        if value == "scheduled":
            return queryset.filter(status=Status.PUBLISHED, published_at__gt=now)
        if value == "published":
            return queryset.filter(status=Status.PUBLISHED, published_at__lte=now)
        return queryset


class PublishingAdmin(admin.ModelAdmin):
    """The admin of a Publishable model: its state at a glance and as a filter, actions
    "Send to review" and "Publish", and publishing only for those with the permission."""

    actions = ["send_to_review", "publish"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.can_publish = can_publish(request.user, self.model)
        return form

    def has_publish_permission(self, request):
        return can_publish(request.user, self.model)

    @admin.display(description="state", ordering="status")
    def publishing_state(self, obj):
        return publishing_state(obj)

    @admin.action(description="Send to review", permissions=["change"])
    def send_to_review(self, request, queryset):
        self.change_status(request, queryset, Status.REVIEW, "sent to review")

    @admin.action(description="Publish", permissions=["publish"])
    def publish(self, request, queryset):
        self.change_status(request, queryset, Status.PUBLISHED, "published")

    @transaction.atomic
    def change_status(self, request, queryset, status, done):
        """One save per record, so each keeps its revision and its version counts up."""
        changed = 0
        for obj in queryset.select_for_update(of=("self",)):
            if obj.status == status:
                continue
            obj.status = status
            if status == Status.PUBLISHED:
                self.about_to_publish(request, obj)
                refused = self.refuse_publishing(request, obj)
                if refused:
                    self.message_user(request, refused, messages.WARNING)
                    continue
            obj._history_user = request.user
            obj.save()
            self.log_change(request, obj, [{"changed": {"fields": ["status"]}}])
            changed += 1
        name = self.opts.verbose_name if changed == 1 else self.opts.verbose_name_plural
        self.message_user(request, f"{changed} {name} {done}.", messages.SUCCESS)

    def about_to_publish(self, request, obj):
        """Called before a record is published by `request.user` (who may publish)."""

    def refuse_publishing(self, request, obj):
        """Why the "Publish" action must leave `obj` as it is (a message), or None."""
        return None

    def save_model(self, request, obj, form, change):
        newly_published = obj.status == Status.PUBLISHED and (
            not change or form.initial.get("status") != Status.PUBLISHED
        )
        if newly_published:
            self.about_to_publish(request, obj)
        super().save_model(request, obj, form, change)
