from itertools import groupby

from django.db.models import F
from django.db.models.functions import Coalesce
from django.views.generic import ListView

from gutguide.structured_data import faq_page

from .models import Question

# What the /faq/ page never shows of the linked article.
ARTICLE_TEXT_FIELDS = ["summary", "summary_html", "body", "body_html", "toc"]


class QuestionIndexView(ListView):
    """Every published question, grouped by topic (its own, else its article's); questions
    without a topic come last. One query however many questions and topics."""

    template_name = "faq/index.html"
    context_object_name = "questions"

    def get_queryset(self):
        return (
            Question.objects.published()
            .select_related("topic", "article__topic")
            .defer("answer", *(f"article__{name}" for name in ARTICLE_TEXT_FIELDS))
            .order_by(
                Coalesce("topic__name", "article__topic__name").asc(nulls_last=True),
                F("article__title").asc(nulls_first=True),
                "order",
                "pk",
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = [
            {"topic": topic, "questions": list(questions)}
            for topic, questions in groupby(context["questions"], key=lambda q: q.display_topic)
        ]
        context["groups"] = groups
        shown = [question for group in groups for question in group["questions"]]
        if shown:
            url = self.request.build_absolute_uri(self.request.path)
            context["structured_data"] = {
                "@context": "https://schema.org",
                **faq_page(shown, url),
                "name": "Frequently asked questions",
            }
        return context
