from django import forms
from django.urls import reverse
from markdownx.widgets import AdminMarkdownxWidget

from comparisons import placements
from comparisons.models import Comparison
from evidence.models import Source
from gutguide.forms import ConcurrentEditForm, NumberedFormSet
from gutguide.models import Status
from gutguide.publishing import PublishingForm

from . import citations
from .models import Article, Contributor, Disclaimer, Topic


class ArticleBodyWidget(AdminMarkdownxWidget):
    """The body editor: its live preview also shows the placed comparison tables."""

    @staticmethod
    def add_markdownx_attrs(attrs):
        attrs = AdminMarkdownxWidget.add_markdownx_attrs(attrs)
        attrs["data-markdownx-urls-path"] = reverse("admin:articles_article_body_preview")
        return attrs


class ArticleForm(PublishingForm, ConcurrentEditForm):
    class Meta:
        model = Article
        widgets = {"body": ArticleBodyWidget}
        fields = [
            "title", "slug", "dek", "topic", "status", "published_at", "author", "reviewer",
            "reviewed_on", "summary", "body", "meta_description",
        ]  # fmt: skip

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
