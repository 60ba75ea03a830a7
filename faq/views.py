import re
from itertools import groupby
from urllib.parse import urlencode

from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from articles.models import Topic
from gutguide.structured_data import faq_page, question_nodes

from .models import Question

QUESTIONS_PER_PAGE = 100
SLUG_RE = re.compile(r"[-a-zA-Z0-9_]+")


class QuestionIndexView(ListView):
    """Every published question, grouped by topic (its own, else its article's); questions
    without a topic come last. `?topic=<slug>`: one topic's questions. A hundred to a page:
    the count, the page's place in the order (sorting narrow rows: deep pages stay quick),
    the page's questions; however many questions and topics."""

    template_name = "faq/index.html"
    context_object_name = "questions"
    paginate_by = QUESTIONS_PER_PAGE

    def get_queryset(self):
        questions = Question.objects.published()
        self.topic = None
        if "topic" in self.request.GET:
            slug = self.request.GET["topic"]
            if not SLUG_RE.fullmatch(slug):
                raise Http404("No such topic.")
            self.topic = get_object_or_404(Topic, slug=slug)
            questions = questions.listed_under(self.topic)
        return questions.order_by(
            Coalesce("topic__name", "article__topic__name").asc(nulls_last=True),
            F("article__title").asc(nulls_first=True),
            "order",
            "pk",
        )

    def paginate_queryset(self, queryset, page_size):
        """The page of primary keys in order, then those questions."""
        paginator, page, pks, is_paginated = super().paginate_queryset(
            queryset.values_list("pk", flat=True), page_size
        )
        questions = Question.objects.with_articles().defer("answer").in_bulk(list(pks))
        page.object_list = [questions[pk] for pk in pks if pk in questions]
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = [
            {"topic": topic, "questions": list(questions)}
            for topic, questions in groupby(context["questions"], key=lambda q: q.display_topic)
        ]
        context["groups"] = groups
        context["topic"] = self.topic
        query = {"topic": self.topic.slug} if self.topic else {}
        if context["page_obj"].number > 1:
            query["page"] = context["page_obj"].number
        url = self.request.build_absolute_uri(
            f"{self.request.path}?{urlencode(query)}" if query else self.request.path
        )
        context["canonical_url"] = url
        context["page_query"] = urlencode({"topic": self.topic.slug}) if self.topic else ""
        shown = [question for group in groups for question in group["questions"]]
        if shown:
            context["structured_data"] = {
                "@context": "https://schema.org",
                **faq_page(question_nodes(shown), url),
                "name": "Frequently asked questions",
            }
        return context
