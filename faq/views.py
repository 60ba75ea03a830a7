import re
from itertools import groupby
from urllib.parse import urlencode

from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import get_template
from django.views.generic import ListView

from articles.models import Topic
from gutguide.pagecache import Fragment
from gutguide.structured_data import faq_page, question_nodes, with_absolute_urls

from .models import Question

QUESTIONS_PER_PAGE = 100
SLUG_RE = re.compile(r"[-a-zA-Z0-9_]+")
PAGE_RE = re.compile(r"[1-9][0-9]{0,5}")


class QuestionIndexView(ListView):
    """Every published question, grouped by topic (its own, else its article's); questions
    without a topic come last. `?topic=<slug>`: one topic's questions. A hundred to a page:
    the count, the page's place in the order (sorting narrow rows: deep pages stay quick),
    the page's questions; however many questions and topics.

    Like an article's, what a page of it shows is rendered once per content generation and
    release and kept in the shared cache (gutguide.pagecache.Fragment), under the topic and
    page number, so a request the page cache does not answer takes no query. Only pages
    named as they are written (`page=2`, not `page=02` or `page=last`) are stored, and only
    once they have been found: other query strings cannot fill the cache."""

    template_name = "faq/index.html"
    content_template_name = "faq/index.html#index"
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

    def get(self, request, *args, **kwargs):
        stored = self.stored_page(request.GET)
        page = stored.read() if stored else None
        if page is None:
            self.object_list = self.get_queryset()
            page = self.page(self.get_context_data())
            if stored:
                stored.store(page)
        context = {"page": page}
        if page["graph"]:
            context["structured_data"] = with_absolute_urls(
                page["graph"], request.build_absolute_uri
            )
        return self.render_to_response(context)

    def get_template_names(self):
        return [self.template_name]  # ListView's looks at object_list, which a stored page lacks

    def stored_page(self, query):
        """The Fragment for the page asked for, or None if it is asked for in another way
        than the page's own links ask for it."""
        topic, number = query.get("topic"), query.get("page", "1")
        if (topic is not None and not SLUG_RE.fullmatch(topic)) or not PAGE_RE.fullmatch(number):
            return None
        return Fragment(f"faq:{topic or ''}:{number}")

    def page(self, context):
        """What the page shows, as plain values the shared cache can keep: its title, its
        canonical path, its JSON-LD (with paths for URLs) and its content's HTML."""
        title = "Frequently asked questions"
        if self.topic:
            title = f"{self.topic.name}: frequently asked questions"
        if context["page_obj"].number > 1:
            title += f" (page {context['page_obj'].number})"
        return {
            "title": title,
            "path": context["canonical_path"],
            "graph": context.get("structured_data"),
            "html": get_template(self.content_template_name).render(context),
        }

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
        # A path: pages are stored without the host they were first asked for on.
        path = f"{self.request.path}?{urlencode(query)}" if query else self.request.path
        context["canonical_path"] = path
        context["page_query"] = urlencode({"topic": self.topic.slug}) if self.topic else ""
        shown = [question for group in groups for question in group["questions"]]
        if shown:
            context["structured_data"] = {
                "@context": "https://schema.org",
                **faq_page(question_nodes(shown), path),
                "name": "Frequently asked questions",
            }
        return context
