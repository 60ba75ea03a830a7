from django import forms
from django.urls import reverse
from markdownx.widgets import AdminMarkdownxWidget

from comparisons import placements
from comparisons.models import Comparison
from evidence.models import Source
from gutguide.forms import ConcurrentEditForm, NumberedFormSet
from gutguide.models import Status
from gutguide.publishing import PublishingForm

from . import checks, citations
from .models import Article, Contributor, Disclaimer, Topic


class ArticleBodyWidget(AdminMarkdownxWidget):
    """The body editor: its live preview also shows the placed comparison tables."""

    @staticmethod
    def add_markdownx_attrs(attrs):
        attrs = AdminMarkdownxWidget.add_markdownx_attrs(attrs)
        attrs["data-markdownx-urls-path"] = reverse("admin:articles_article_body_preview")
        return attrs


class ArticleForm(PublishingForm, ConcurrentEditForm):
    # Shown in the "Editorial checks" panel to those who may publish (not in a fieldset).
    publish_despite_problems = forms.BooleanField(required=False, label_suffix="")
    confirmed_problems = forms.CharField(required=False, widget=forms.HiddenInput)
    # Set per request by the admin: the problems the checks found in what this form tried to
    # publish, when it was refused for them (see ArticleAdmin.save_related).
    refused_problems = None
    # The problems the page shows (those of the saved article, or the refused ones).
    shown_problems = ()

    class Meta:
        model = Article
        widgets = {"body": ArticleBodyWidget}
        fields = [
            "title", "slug", "dek", "topic", "status", "published_at", "author", "reviewer",
            "reviewed_on", "summary", "body", "meta_description",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        problems = self.refused_problems if self.refused_problems is not None else []
        problems = problems or self.shown_problems
        count = len(problems)
        self.fields[
            "publish_despite_problems"
        ].label = f"Publish despite {'this problem' if count == 1 else f'these {count} problems'}"
        self.fields["confirmed_problems"].initial = checks.fingerprints(problems)
        if self.refused_problems is not None and self.is_bound:
            # Confirming again means seeing these problems: the box starts unticked, and
            # confirms the problems listed now.
            self.confirmed_others = bool(self.data.get(self.add_prefix("publish_despite_problems")))
            self.data = self.data.copy()
            self.data.pop(self.add_prefix("publish_despite_problems"), None)
            self.data[self.add_prefix("confirmed_problems")] = checks.fingerprints(problems)

    def clean_body(self):
        body = self.cleaned_data["body"]
        errors = [
            f"“{line}” is not a comparison placement: write [[comparison <slug>]] "
            "alone on its line."
            for line in placements.malformed_lines(body)
        ]
        errors += [
            f"“{piece}” is not a citation: write {citations.EXAMPLE}."
            for piece in citations.malformed(body)
        ]
        errors += [
            f"No source has the key “{key}”: fix [[cite {key}]], or add the source under "
            "Evidence › Sources first."
            for key in unknown_source_keys(citations.keys(body))
        ]
        errors += [
            f"No comparison has the slug “{slug}”: fix the line {placements.line(slug)}."
            for slug in Comparison.objects.missing(placements.slugs(body))
        ]
        if errors:
            raise forms.ValidationError(errors)
        return body

    def clean(self):
        """A draft may place a comparison that is not published yet (the preview shows it);
        a published article may not, or readers would miss the table."""
        cleaned_data = super().clean()
        if self.refused_problems:
            count = len(self.refused_problems)
            self.add_error(
                "publish_despite_problems",
                f"Not published: the editorial checks found {count} "
                f"problem{'' if count == 1 else 's'} (listed here). Fix "
                f"{'it' if count == 1 else 'them'}, or, as the medical reviewer, tick "
                f"“{self.fields['publish_despite_problems'].label}” and save again. Nothing "
                "was saved yet: your text is as you left it."
                + (
                    " (You had confirmed other problems than these.)"
                    if getattr(self, "confirmed_others", False)
                    else ""
                ),
            )
        body = cleaned_data.get("body")
        if body and cleaned_data.get("status") == Status.PUBLISHED:
            unpublished = Comparison.objects.published().missing(placements.slugs(body))
            for slug in unpublished:
                self.add_error(
                    "body",
                    f"The comparison “{slug}” is not published yet: publish it first, or keep "
                    "the article a draft (or remove the line "
                    f"{placements.line(slug)}).",
                )
        return cleaned_data


def unknown_source_keys(keys):
    """The keys among `keys` that name no source, in their order."""
    known = set(Source.objects.filter(key__in=keys).values_list("key", flat=True))
    return [key for key in keys if key not in known]


class ReferenceFormSet(NumberedFormSet):
    """An article's references. Sources the article cites are added on save
    (Article.add_cited_references); removing one the body still cites is refused, or it
    would come straight back."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        cited = set(citations.keys(self.instance.body))
        removed = [form.cleaned_data.get("source") for form in self.deleted_forms]
        still_cited = [source.key for source in removed if source and source.key in cited]
        if still_cited:
            raise forms.ValidationError(
                [
                    f"The body cites “{key}” ([[cite {key}]]): remove the citation from the "
                    "body first, or keep the reference."
                    for key in still_cited
                ],
                code="cited_reference",
            )


class TopicForm(ConcurrentEditForm):
    class Meta:
        model = Topic
        fields = ["name", "slug", "description"]


class ContributorForm(ConcurrentEditForm):
    class Meta:
        model = Contributor
        fields = ["name", "credentials", "bio", "user"]


class DisclaimerForm(ConcurrentEditForm):
    class Meta:
        model = Disclaimer
        fields = ["text"]
