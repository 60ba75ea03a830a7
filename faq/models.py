from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce, Length, Lower
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from markdownx.models import MarkdownxField

from articles.models import Article, Topic
from evidence.models import Graded
from gutguide import revisions, search
from gutguide.fields import NormalizedSlugField
from gutguide.markdown import MarkdownValidator, plain_text, render_markdown
from gutguide.models import (
    EditVersioned,
    Publishable,
    PublishableQuerySet,
    RenderedMarkdown,
    Status,
)

MAX_ANSWER_LENGTH = 5000
# What pages listing questions never show of their articles.
ARTICLE_TEXT_FIELDS = ["summary", "summary_html", "body", "body_html", "toc"]


# A question's status left empty: it is published, and previewed, with its article.
FOLLOWS_ARTICLE = ""
QUESTION_STATUSES = [(FOLLOWS_ARTICLE, "Same as its article"), *Status.choices]


class QuestionQuerySet(PublishableQuerySet):
    def published(self):
        """What readers may see: questions that follow an article readers may see, and
        published questions that stand alone or whose article readers may see too (a
        question never shows up before, or without, its article)."""
        articles = Article.objects.published()
        own = Q(status=Status.PUBLISHED, published_at__lte=timezone.now()) & (
            Q(article__isnull=True) | Q(article__in=articles)
        )
        following = Q(status=FOLLOWS_ARTICLE, article__in=articles)
        return self.filter(own | following)

    def with_articles(self):
        """With each question's topic and article (and its topic), for links and headings,
        without the articles' long texts."""
        return self.select_related("topic", "article__topic").defer(
            *(f"article__{name}" for name in ARTICLE_TEXT_FIELDS)
        )

    def with_listed_topic(self):
        """Annotated with `listed_topic_id`: the topic the question is listed under (its own,
        else its article's; see Question.display_topic)."""
        return self.annotate(listed_topic_id=Coalesce("topic", "article__topic"))

    def listed_under(self, topic):
        """The questions listed under `topic`."""
        return self.filter(Q(topic=topic) | Q(topic__isnull=True, article__topic=topic))


class Question(EditVersioned, RenderedMarkdown, Publishable, Graded):
    """A frequently asked question with a short Markdown answer, shown on its article and on
    /faq/, and given to search engines as FAQPage data.

    A question of an article follows its article's status unless given its own."""

    status = models.CharField(
        max_length=10,
        choices=QUESTION_STATUSES,
        default=FOLLOWS_ARTICLE,
        blank=True,
        help_text="“Same as its article”: published and previewed with its article. Choose "
        "a status only to hold the question back (draft, in review) or to publish it on its "
        "own; a question without an article needs one.",
    )

    question = models.CharField(
        max_length=300, help_text="As a reader would ask it, ending with a question mark."
    )
    slug = NormalizedSlugField(
        max_length=120,
        help_text="The question's anchor in links, e.g. /faq/#is-fibre-safe. Filled in from "
        "the question; unique within its article.",
    )
    answer = MarkdownxField(
        validators=[
            MaxLengthValidator(
                MAX_ANSWER_LENGTH,
                message=(
                    "Keep the answer to at most %(limit_value)d characters (it has "
                    "%(show_value)d): readers come to a FAQ for a quick answer. Longer "
                    "explanations belong in an article."
                ),
            ),
            MarkdownValidator(),
        ],
        help_text=f"Markdown. A short, direct answer; at most {MAX_ANSWER_LENGTH} characters.",
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="questions",
        help_text="Shown at the end of this article. Readers see the question only while the "
        "article is published.",
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
        help_text="Groups the question on /faq/. Empty: the article's topic, if any.",
    )
    order = models.PositiveSmallIntegerField(
        default=0,
        help_text="Lower numbers come first within the article or topic; equal numbers keep "
        "the order in which the questions were added. On the article's page the questions "
        "number themselves in the order shown.",
    )
    # Derived from answer on save; never edited by hand.
    answer_html = models.TextField(blank=True, editable=False)

    DERIVED_FIELDS = ("answer_html",)

    objects = QuestionQuerySet.as_manager()
    history = revisions.history(exclude=DERIVED_FIELDS)

    class Meta(Publishable.Meta):
        ordering = ["order", "pk"]
        permissions = [("publish_question", "Can publish questions (medical reviewers)")]
        # Publishable's indexes with the article: published() reads them without the rows.
        indexes = [
            models.Index(
                fields=["status", "published_at", "id", "article"], name="question_published"
            ),
            models.Index(
                fields=["id", "status", "published_at", "article"], name="question_visible"
            ),
        ]
        constraints = [
            *Publishable.Meta.constraints,
            models.UniqueConstraint(
                fields=["article", "slug"],
                name="question_unique_slug_per_article",
                violation_error_message="Another question of this article has this slug.",
            ),
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(article__isnull=True),
                name="question_unique_slug_standalone",
                violation_error_message="Another question without an article has this slug.",
            ),
            models.CheckConstraint(
                condition=Q(article__isnull=False) | ~Q(status=FOLLOWS_ARTICLE),
                name="question_status_without_article",
                violation_error_message="A question without an article needs its own status.",
            ),
            models.UniqueConstraint(
                Lower("question"),
                "article",
                name="question_unique_per_article",
                violation_error_message="This article already has this question.",
            ),
            models.CheckConstraint(
                condition=~Q(question=""),
                name="question_not_empty",
                violation_error_message="A question needs its text.",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("answer"), MAX_ANSWER_LENGTH),
                name="question_answer_max_length",
                violation_error_message=(
                    f"Keep the answer to at most {MAX_ANSWER_LENGTH} characters."
                ),
            ),
        ]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        """The question's place on its article, or on /faq/ when it stands alone."""
        if self.article_id:
            return f"{self.article.get_absolute_url()}#{self.slug}"
        return f"{reverse('faq:index')}#{self.slug}"

    def render_markdown(self):
        self.answer_html = render_markdown(self.answer)

    def search_document(self):
        """The question's text for search: the question as its title, the answer as body."""
        return search.Document(title=self.question, body=plain_text(self.answer_html))

    @property
    def follows_article(self):
        return self.status == FOLLOWS_ARTICLE

    @property
    def is_public(self):
        """Whether its own publishing lets readers see it wherever they see its article: a
        question that follows its article always does (the article page shows it, and its
        preview previews it); one with its own status once that is published and due.
        Readers see a question of an article only while they see the article too
        (QuestionQuerySet.published())."""
        if self.follows_article:
            return self.article_id is not None
        return super().is_public

    @property
    def anchor(self):
        """Its id on /faq/, where questions of different articles may share a slug."""
        if self.article_id:
            return f"{self.article.slug}--{self.slug}"
        return self.slug

    @property
    def display_topic(self):
        """The topic the question is listed under on /faq/: its own, else its article's."""
        if self.topic_id:
            return self.topic
        if self.article_id:
            return self.article.topic
        return None
