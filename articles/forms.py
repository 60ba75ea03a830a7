from django import forms
from django.urls import reverse
from markdownx.widgets import AdminMarkdownxWidget

from comparisons import placements
from comparisons.models import Comparison
from gutguide.forms import ConcurrentEditForm
from gutguide.publishing import PublishingForm

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
        placed = placements.slugs(body)
        errors += [
            f"No published comparison has the slug “{slug}”: publish it or fix the line "
            f"{placements.line(slug)}."
            for slug in Comparison.objects.published().missing(placed)
        ]
        if errors:
            raise forms.ValidationError(errors)
        return body


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
