from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.urls import path, reverse_lazy
from django.utils import timezone
from django.utils.text import format_lazy

from comparisons import placements
from comparisons.models import Comparison
from evidence.admin import SourceAdmin
from evidence.forms import SourceForm
from evidence.models import Source
from gutguide import markdown
from gutguide.admin import MARKDOWN_WIDGETS, NamedAutocompleteMixin, PositionedInlinesAdmin
from gutguide.editor_views import preview_view
from gutguide.forms import NumberedForm, NumberedFormSet
from gutguide.models import Status
from gutguide.publishing import PublishingAdmin, PublishingStateFilter
from gutguide.revision_admin import RevisionAdmin
from gutguide.revisions import Related, user_name

from . import checks, citations
from .forms import (
    ArticleForm,
    ContributorForm,
    DisclaimerForm,
    ReferenceFormSet,
    TopicForm,
    unknown_source_keys,
)
from .models import Article, Contributor, Disclaimer, KeyPoint, Reference, Topic


class KeyPointInline(NamedAutocompleteMixin, admin.TabularInline):
    model = KeyPoint
    form = NumberedForm
    formset = NumberedFormSet
    extra = 1
    fields = ["position", "lead", "text", "grade", "sources"]
    autocomplete_fields = ["sources"]


class ReferenceInline(NamedAutocompleteMixin, admin.TabularInline):
    model = Reference
    form = NumberedForm
    formset = ReferenceFormSet
    extra = 1
    fields = ["position", "source"]
    autocomplete_fields = ["source"]


class ReviewDueFilter(admin.SimpleListFilter):
    title = "medical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", "Review due"), ("current", "Reviewed recently")]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.review_due()
        if self.value() == "current":
            return queryset.exclude(pk__in=queryset.review_due().values("pk"))
        return queryset


class HasProblemsFilter(admin.SimpleListFilter):
    """Articles the editorial checks find problems in: the stored counts and the review
    dates, read with one query (no checks run per article, see articles/checks.py)."""

    title = "has problems"
    parameter_name = "problems"

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.with_problems()
        if self.value() == "no":
            return queryset.without_problems()
        return queryset


def request_refused(request):
    return getattr(request, "_refused_problems", None) is not None


class PublishRefused(Exception):
    """Publishing found problems nobody confirmed: the save is undone (see save_related)."""

    def __init__(self, problems):
        super().__init__(problems)
        self.problems = problems


def body_preview(text):
    """The live preview of an article body: the Markdown pipeline, with citations linked and
    placed tables shown as readers will see them (marked while not published yet), and a
    note where a placed table does not exist or a citation names no source.

    The preview knows the text, not the article: citations are numbered in the order they
    first appear (the saved page numbers them as its References list does)."""
    cited = citations.keys(text)
    unknown = unknown_source_keys(cited)
    known = [key for key in cited if key not in unknown]
    numbers = {key: number for number, key in enumerate(known, start=1)}
    html = placements.mark(markdown.render_markdown(placements.isolate(text)))
    html = citations.link(html, numbers)
    notes = render_to_string("articles/includes/preview_notes.html", {"unknown_keys": unknown})
    slugs = placements.marked_slugs(html)
    if slugs:
        parts = placements.split(html, Comparison.objects.placed(slugs), keep_missing=True)
        html = render_to_string("articles/includes/body.html", {"body_parts": parts})
    return notes + html


# Shown at the top of the "Text" section, where the body is written.
TEXT_HELP = format_lazy(
    "<p>Write in Markdown; the preview beside (or below) each text shows it as readers "
    "will see it.</p><ul>"
    "<li><code>## Section</code> and <code>### Sub-section</code> start the body's sections: "
    "they make the “In This Article” table of contents. Never a single <code>#</code>: "
    "the title is the page's heading.</li>"
    "<li>A line <code>[[comparison its-slug]]</code>, alone on its line, shows that "
    'comparison table there (<a href="{comparisons}">comparison tables and their slugs</a>). '
    "A draft may place a table that is not published yet; the article can be published "
    "once the table is.</li>"
    "<li><code>[[cite camilleri-2019]]</code> (or <code>[[cite rao-2012, zhou-2019]]</code>) "
    "right after a claim cites that source by its key "
    '(<a href="{sources}">sources and their keys</a>). A source cited in the body, a key '
    "point or a question is added to the References further down when you save; readers "
    "see the numbers of that list.</li></ul>",
    comparisons=reverse_lazy("admin:comparisons_comparison_changelist"),
    sources=reverse_lazy("admin:evidence_source_changelist"),
)


@admin.register(Article)
class ArticleAdmin(NamedAutocompleteMixin, PublishingAdmin, RevisionAdmin, PositionedInlinesAdmin):
    form = ArticleForm
    save_on_top = True
    formfield_overrides = MARKDOWN_WIDGETS
    inlines = [KeyPointInline, ReferenceInline]
    related_revisions = [
        Related("key_points", KeyPoint, "article", "Key point"),
        Related("references", Reference, "article", "Reference"),
    ]
    list_display = [
        "title",
        "publishing_state",
        "medical_review",
        "topic",
        "published_at",
        "updated_at",
    ]
    list_filter = [PublishingStateFilter, HasProblemsFilter, ReviewDueFilter, "topic"]
    search_fields = ["title", "dek", "summary", "body"]
    list_select_related = ["topic", "reviewer"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["author"]
    actions = [*PublishingAdmin.actions, "record_my_review"]
    readonly_fields = [
        "reviewer",
        "reviewed_on",
        "reading_time",
        "old_addresses",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "dek", "topic", "seen_version"]}),
        ("Publishing", {"fields": ["status", "published_at"]}),
        ("People", {"fields": ["author", "reviewer", "reviewed_on"]}),
        ("Text", {"fields": ["summary", "body"], "description": TEXT_HELP}),
        ("Search and sharing", {"fields": ["meta_description"]}),
        ("Record", {"fields": ["reading_time", "old_addresses", "created_at", "updated_at"]}),
    ]

    change_form_template = "admin/articles/article/change_form.html"

    def get_urls(self):
        # The body editor's live preview (ArticleBodyWidget): for staff who may add or
        # change articles, like the pages that show the editor.
        opts = self.opts
        return [
            path(
                "body-preview/",
                self.admin_site.admin_view(self.body_preview_view),
                name=f"{opts.app_label}_{opts.model_name}_body_preview",
            ),
            *super().get_urls(),
        ]

    @admin.display(description="medical review")
    def medical_review(self, article):
        if not article.has_medical_review:
            return "–"
        return f"{article.reviewer.name}, {article.reviewed_on:%d %b %Y}"

    def about_to_publish(self, request, article):
        """A medical reviewer publishing an article records their review."""
        self.record_review(request, article)

    # --- Editorial checks -----------------------------------------------------------------

    def editorial_problems(self, request, article):
        """The problems shown on the article's page: those a refused save found, else those
        of the saved article (None for a new one: the checks run once it is saved)."""
        refused = getattr(request, "_refused_problems", None)
        if refused is not None:
            return refused
        if article is None or article.pk is None:
            return None
        if not hasattr(request, "_editorial_problems"):
            saved = checks.as_saved(article.pk)
            request._editorial_problems = checks.problems(saved) if saved else None
        return request._editorial_problems

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.refused_problems = getattr(request, "_refused_problems", None)
        form.shown_problems = self.editorial_problems(request, obj) or ()
        return form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        problems = self.editorial_problems(request, obj)
        context["editorial_problems"] = problems
        # Confirming is for those who publish, while the article is not published yet.
        saved_status = context["adminform"].form.initial.get("status")
        context["can_confirm_problems"] = bool(
            problems
            and self.has_publish_permission(request)
            and (saved_status != Status.PUBLISHED or request_refused(request))
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except PublishRefused as refused:
            # The save was rolled back with its transaction: the same form again, with the
            # problems and the confirmation it needs, and the editor's text.
            request._refused_problems = refused.problems
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        """Publishing with problems needs a medical reviewer's confirmation of exactly those
        problems (the "Editorial checks" panel); it is recorded in the revision history.
        The checks read the article as saved, with its rows, inside the save's transaction:
        without the confirmation, PublishRefused undoes the whole save."""
        super().save_related(request, form, formsets, change)
        # The rows saved, the References list gets every source the article cites.
        form.instance.add_cited_references()
        article = form.instance
        newly_published = article.status == Status.PUBLISHED and (
            not change or form.initial.get("status") != Status.PUBLISHED
        )
        if not newly_published:
            return
        problems = checks.problems(checks.as_saved(article.pk))
        if not problems:
            return
        if not (
            form.cleaned_data.get("publish_despite_problems")
            and checks.confirmed(problems, form.cleaned_data.get("confirmed_problems"))
        ):
            raise PublishRefused(problems)
        self.record_confirmation(request, article, problems)

    def restore(self, request, obj, snapshot):
        """Restoring a published revision over an article readers cannot see would publish
        it: as on the article's page, that needs no problem in the editorial checks. With
        problems the revision's content is restored but the article keeps its status, and a
        medical reviewer publishes it from its page, confirming them."""
        status, published_at = obj.status, obj.published_at
        super().restore(request, obj, snapshot)
        if status == Status.PUBLISHED or obj.status != Status.PUBLISHED:
            return
        refused = self.refuse_publishing(request, checks.as_saved(obj.pk))
        if refused:
            obj.status, obj.published_at = status, published_at
            obj.save()
            self.message_user(request, f"The revision is restored. {refused}", messages.WARNING)

    def record_confirmation(self, request, article, problems):
        reason = checks.confirmation(problems, user_name(request.user))
        latest = Article.history.filter(id=article.pk).order_by("-history_date", "-history_id")
        Article.history.filter(history_id=latest.values("history_id")[:1]).update(
            history_change_reason=reason
        )
        self.message_user(request, reason, messages.WARNING)

    def refuse_publishing(self, request, article):
        problems = checks.problems(article)
        if not problems:
            return None
        count = len(problems)
        return (
            f"“{article}” was not published: the editorial checks found {count} "
            f"problem{'' if count == 1 else 's'}. Open it to see them; a medical reviewer "
            "can publish it from its page, confirming them."
        )

    def record_review(self, request, article):
        reviewer = Contributor.objects.filter(user=request.user).first()
        if reviewer is None:
            self.message_user(
                request,
                "No medical review was recorded: your login is not linked to a contributor. "
                "An administrator can set it on your contributor profile.",
                messages.WARNING,
            )
            return False
        article.record_review(reviewer, timezone.localdate())
        return True

    @admin.action(description="Record my medical review (today)", permissions=["publish"])
    def record_my_review(self, request, queryset):
        reviewed = 0
        for article in queryset.select_for_update(of=("self",)):
            if not self.record_review(request, article):
                return
            article._history_user = request.user
            article.save()
            self.log_change(request, article, "Recorded a medical review.")
            reviewed += 1
        self.message_user(request, f"Medical review recorded on {reviewed} article(s).")

    def body_preview_view(self, request):
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        return preview_view(body_preview)(request)

    @admin.display(description="Old addresses (redirect here)")
    def old_addresses(self, article):
        return ", ".join(str(redirect) for redirect in article.redirects.all()) or "–"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            article = self.get_object(request, object_id)
            if article is not None:
                for slug in article.missing_comparison_slugs():
                    messages.warning(
                        request,
                        f"The comparison “{slug}” placed in this article is not published, "
                        "so readers do not see it (and the article cannot be published "
                        f"until it is). Publish it, or remove the line {placements.line(slug)}.",
                    )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Topic)
class TopicAdmin(RevisionAdmin):
    form = TopicForm
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "description", "seen_version"]


@admin.register(Contributor)
class ContributorAdmin(RevisionAdmin):
    form = ContributorForm
    list_display = ["name", "credentials", "user"]
    search_fields = ["name", "credentials"]
    fields = ["name", "credentials", "bio", "user", "seen_version"]

    def get_readonly_fields(self, request, obj=None):
        # Which login a person has decides who is recorded as medical reviewer: only those
        # who manage logins set it.
        if request.user.has_perm("auth.change_user"):
            return self.readonly_fields
        return [*self.readonly_fields, "user"]


@admin.register(Disclaimer)
class DisclaimerAdmin(RevisionAdmin):
    form = DisclaimerForm
    formfield_overrides = MARKDOWN_WIDGETS
    list_display = ["__str__", "updated_at"]
    fields = ["text", "seen_version"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Disclaimer.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class CitedSourceForm(SourceForm):
    """A source's key is how article bodies cite it ([[cite key]]): while a body cites it,
    the key cannot change under it (the next save of that article would call it unknown)."""

    def clean_key(self):
        key = self.cleaned_data["key"]
        old = self.initial.get("key") if self.instance.pk else None
        if not old or key.lower() == old.lower():
            return key
        citing = [
            article.title
            for article in Article.objects.filter(body__icontains=old).only("title", "body")
            if old.lower() in citations.keys(article.body)
        ]
        if citing:
            raise ValidationError(
                "“%(old)s” is cited by this key in the body of %(articles)s: change those "
                "citations to the new key first, or keep this key.",
                params={"old": old, "articles": ", ".join(f"“{title}”" for title in citing)},
                code="key_cited",
            )
        return key


# The evidence app's admin, with the check only the articles layer can make.
admin.site.unregister(Source)


@admin.register(Source)
class CitedSourceAdmin(SourceAdmin):
    form = CitedSourceForm
