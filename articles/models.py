import calendar

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from markdownx.models import MarkdownxField

from comparisons import placements
from comparisons.models import Comparison
from evidence.models import Graded, Source
from gutguide import markdown, pagecache, revisions, search
from gutguide.fields import NormalizedSlugField
from gutguide.models import EditVersioned, Publishable, PublishableQuerySet, RenderedMarkdown

from . import citations

BODY_HELP = (
    "Markdown. <code>## Section</code> and <code>### Sub-section</code> headings make the "
    "table of contents; a line <code>[[comparison its-slug]]</code> shows that table there; "
    "<code>[[cite camilleri-2019]]</code> after a claim cites that source (its key)."
)


class ArticleQuerySet(PublishableQuerySet):
    def cards(self):
        """With what an article card shows (topic, author), and without the long texts."""
        return self.select_related("topic", "author").defer("summary", "body", "body_html", "toc")

    def placing(self, comparison):
        """Articles whose body places `comparison` (see Placement)."""
        return self.filter(placements__comparison_slug=comparison.slug)

    def review_due(self, today=None):
        """Articles never medically reviewed (by a real reviewer, see
        Article.has_medical_review) or last reviewed longer ago than
        settings.GUTGUIDE_REVIEW_DUE_MONTHS."""
        return self.filter(review_due(today))

    def with_problems(self, today=None):
        """Articles the editorial checks find problems in (articles/checks.py): their stored
        count, or a medical review due (asked here: it changes with the date alone)."""
        return self.filter(Q(problem_count__gt=0) | review_due(today))

    def without_problems(self, today=None):
        return self.filter(Q(problem_count=0) & ~review_due(today))


def review_due(today=None):
    """The condition of ArticleQuerySet.review_due(), for combining with others."""
    due_before = months_before(today or timezone.localdate(), settings.GUTGUIDE_REVIEW_DUE_MONTHS)
    return (
        Q(reviewed_on__isnull=True)
        | Q(reviewer__isnull=True)
        | Q(reviewer__user__isnull=True)
        | Q(reviewed_on__lt=due_before)
    )


def months_before(day, months):
    """The same day `months` months earlier (the month's last day when it has fewer days)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


class Topic(EditVersioned):
    name = models.CharField(max_length=100, unique=True)
    slug = NormalizedSlugField(max_length=100, unique=True, help_text="Used in the topic's URL.")
    description = models.TextField(
        blank=True, help_text="One or two plain sentences shown on the topic page."
    )

    history = revisions.history()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})


class Contributor(EditVersioned):
    name = models.CharField(max_length=120)
    credentials = models.CharField(
        max_length=120, blank=True, help_text='Degrees or titles, e.g. "RD, MSc".'
    )
    bio = models.TextField(blank=True, help_text="A short plain-text biography.")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributor",
        verbose_name="login",
        help_text="The staff login of this person. When a medical reviewer with this login "
        "publishes an article, they are recorded as its medical reviewer.",
    )

    history = revisions.history()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


MAX_SUMMARY_LENGTH = 3_000
MAX_DISCLAIMER_LENGTH = 5_000


class Article(EditVersioned, RenderedMarkdown, Publishable):
    title = models.CharField(max_length=200)
    slug = NormalizedSlugField(
        max_length=200,
        unique=True,
        help_text="The end of the article's URL (/articles/this-slug/). Filled in from the title.",
    )
    dek = models.CharField(
        "subtitle",
        max_length=300,
        blank=True,
        help_text="One plain sentence shown under the title, on article cards and in link "
        "previews when there is no meta description.",
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, null=True, blank=True, related_name="articles"
    )
    author = models.ForeignKey(
        Contributor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="authored_articles",
    )
    reviewer = models.ForeignKey(
        Contributor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_articles",
        verbose_name="medical reviewer",
    )
    reviewed_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the medical reviewer last checked the article. Recorded when a medical "
        "reviewer publishes it.",
    )
    summary = MarkdownxField(
        "quick summary",
        blank=True,
        validators=[markdown.MarkdownValidator(MAX_SUMMARY_LENGTH)],
        help_text=(
            f"Markdown. Shown as the Quick Summary box. At most {MAX_SUMMARY_LENGTH:,} characters."
        ),
    )
    body = MarkdownxField(
        validators=[markdown.MarkdownValidator()],
        help_text=f"{BODY_HELP} At most {markdown.LIMITS.length:,} characters.",
    )
    meta_description = models.CharField(
        max_length=160,
        blank=True,
        help_text="For search results and link previews; at most 160 characters.",
    )
    # Derived from summary and body on save (see render_markdown); never edited by hand.
    summary_html = models.TextField(blank=True, editable=False)
    body_html = models.TextField(blank=True, editable=False)
    toc = models.JSONField(default=list, blank=True, editable=False)
    reading_time = models.PositiveSmallIntegerField(default=1, editable=False)
    # How many problems the editorial checks found (articles/checks.py), kept in step by
    # checks.refresh() for the list's "Has problems" filter; empty until first counted.
    problem_count = models.PositiveIntegerField(null=True, blank=True, editable=False)

    DERIVED_FIELDS = ("summary_html", "body_html", "toc", "reading_time")

    objects = ArticleQuerySet.as_manager()
    history = revisions.history(exclude=(*DERIVED_FIELDS, "problem_count"), long_reasons=True)

    class Meta(Publishable.Meta):
        ordering = ["-published_at", "-created_at"]
        permissions = [("publish_article", "Can publish articles (medical reviewers)")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "body" in update_fields:
            self.record_placements()
        saved_slug = getattr(self, "_saved_slug", None)
        if saved_slug != self.slug:
            # The URL readers and search engines knew keeps working (see ArticleRedirect).
            ArticleRedirect.objects.filter(old_slug=self.slug).delete()
            if saved_slug:
                ArticleRedirect.objects.update_or_create(
                    old_slug=saved_slug, defaults={"article": self}
                )
            self._saved_slug = self.slug

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        article = super().from_db(db, field_names, values, **kwargs)
        article._saved_slug = article.__dict__.get("slug")
        return article

    @property
    def has_medical_review(self):
        """Whether readers are told about a medical review: only one recorded for a real
        person, someone with a login who published or reviewed it (never a placeholder)."""
        return bool(self.reviewed_on and self.reviewer_id and self.reviewer.user_id)

    def record_review(self, reviewer, on):
        """Record that `reviewer` (a Contributor) medically reviewed the article on `on`."""
        self.reviewer = reviewer
        self.reviewed_on = on

    @property
    def last_updated(self):
        """When readers should be told the article was updated: its last save, if that came
        on a later day than it was published (and written: an article entered today with an
        earlier publish date was not updated); otherwise None, nothing to announce."""
        if self.published_at is None or self.updated_at is None:
            return None
        since = max(self.published_at, self.created_at or self.published_at)
        if timezone.localdate(self.updated_at) > timezone.localdate(since):
            return self.updated_at
        return None

    def placed_comparison_slugs(self):
        return placements.slugs(self.body)

    def record_placements(self):
        """Make the article's Placement rows the comparisons its body places now."""
        placed = set(self.placed_comparison_slugs())
        recorded = set(self.placements.values_list("comparison_slug", flat=True))
        if recorded - placed:
            self.placements.filter(comparison_slug__in=recorded - placed).delete()
        if placed - recorded:
            Placement.objects.bulk_create(
                Placement(article=self, comparison_slug=slug) for slug in placed - recorded
            )

    def search_document(self):
        """The article's text for search: title; dek, quick summary and key points; body."""
        key_points = [f"{point.lead} {point.text}" for point in self.key_points.all()]
        return search.Document(
            title=self.title,
            summary=" ".join([self.dek, markdown.plain_text(self.summary_html), *key_points]),
            body=markdown.plain_text(self.body_html),
        )

    def missing_comparison_slugs(self):
        """Placed slugs with no published comparison (unpublished or deleted since)."""
        return Comparison.objects.published().missing(self.placed_comparison_slugs())

    def reference_numbers(self):
        """{source key: the number readers see} for the article's saved references."""
        if self.pk is None:
            return {}
        return dict(self.references.values_list("source__key", "position"))

    def cited_sources(self):
        """The sources the article cites, once each, in reading order: its key points', its
        body's ([[cite key]]), its questions' (saved ones; unknown keys are left out)."""
        body_keys = citations.keys(self.body)
        in_body = Source.objects.in_bulk(body_keys, field_name="key")
        cited = []
        if self.pk is not None:
            cited += Source.objects.filter(keypoints__article=self).order_by(
                "keypoints__position", "key"
            )
        cited += [in_body[key] for key in body_keys if key in in_body]
        if self.pk is not None:
            # "questions": the FAQ (faq.Question) declares that relation to articles.
            cited += Source.objects.filter(questions__article=self).order_by(
                "questions__order", "questions__pk", "key"
            )
        return list({source.pk: source for source in cited}.values())

    def add_cited_references(self):
        """Make the References list hold every source the article cites: those missing are
        added at its end, in reading order. Then store the body again if its citation
        numbers changed (references added, moved or removed). Returns the sources added.

        Called once the article and its rows are saved (the admin, the demo loader): an
        editor cites a source where the claim is made, and never has to list it twice."""
        listed = dict(self.references.values_list("source_id", "position"))
        missing = [source for source in self.cited_sources() if source.pk not in listed]
        last = max(listed.values(), default=0)
        for position, source in enumerate(missing, start=last + 1):
            Reference.objects.create(article=self, position=position, source=source)
        stored = self.body_html
        self.render_markdown()
        if self.body_html != stored:
            # The numbers changed, not what the editor wrote: no new revision.
            Article.objects.filter(pk=self.pk).update(body_html=self.body_html)
            pagecache.content_changed()
        return missing

    def render_markdown(self):
        """Compute the stored HTML, table of contents and reading time from the Markdown."""
        summary = markdown.render(self.summary)
        body = markdown.render(placements.isolate(self.body))
        self.summary_html = summary.html
        self.body_html = citations.link(placements.mark(body.html), self.reference_numbers())
        self.toc = body.toc
        self.reading_time = markdown.reading_minutes(summary.word_count + body.word_count)


class PlacementQuerySet(models.QuerySet):
    def shown(self):
        """Placements readers see: of a published comparison in a published article."""
        return self.filter(
            Exists(Comparison.objects.published().filter(slug=OuterRef("comparison_slug"))),
            article__in=Article.objects.published(),
        )

    def per_topic(self):
        """(topic, comparison_slug, uses) rows: how many articles of a topic place each
        comparison. A comparison belongs to the topics of the articles that place it."""
        return (
            self.order_by()
            .values("comparison_slug", topic=F("article__topic"))
            .annotate(uses=Count("pk"))
        )


class Placement(models.Model):
    """A comparison table placed in an article's body by a line [[comparison <slug>]],
    recorded on every save of the article (Article.record_placements). It tells which
    articles place a comparison, and so which topics a comparison belongs to (those of the
    published articles that place it), without reading every body. By slug, as the body
    says: a comparison whose slug changes is no longer placed, as on the article page."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="placements")
    comparison_slug = models.SlugField(max_length=200)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["article", "comparison_slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "comparison_slug"], name="placement_unique_slug"
            ),
        ]

    def __str__(self):
        return placements.line(self.comparison_slug)


class ArticleRedirect(models.Model):
    """A former slug of an article: its old address redirects to the current one."""

    old_slug = models.SlugField(max_length=200, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "old address"
        verbose_name_plural = "old addresses (they redirect here)"

    def __str__(self):
        return f"/articles/{self.old_slug}/"


class KeyPoint(Graded):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="key_points")
    position = models.PositiveSmallIntegerField(help_text="1 for the first point.")
    lead = models.CharField(max_length=120, help_text="The bold opening words.")
    text = models.CharField(max_length=400, help_text="One sentence that follows the lead.")

    history = revisions.history()

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"], name="keypoint_unique_position"
            ),
        ]

    def __str__(self):
        return self.lead


class Reference(models.Model):
    """A source in the article's References list, numbered as readers see it. The body cites
    it by its source's key ([[cite camilleri-2019]], see articles.citations); a source the
    body, key points or questions cite is added to the list on save."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="references")
    position = models.PositiveSmallIntegerField(help_text="The number readers see: 1, 2, 3…")
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="references",
        help_text="Type the key, an author or words of the title to find it.",
    )

    history = revisions.history()

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"], name="reference_unique_position"
            ),
            models.UniqueConstraint(
                fields=["article", "source"],
                name="reference_unique_source",
                violation_error_message="This source is already in the article's references.",
            ),
        ]

    def __str__(self):
        return str(self.source) if self.source_id else f"Reference {self.position}"


class Disclaimer(EditVersioned, RenderedMarkdown):
    """The site-wide medical disclaimer shown on every page; there is only ever one."""

    text = MarkdownxField(
        validators=[markdown.MarkdownValidator(MAX_DISCLAIMER_LENGTH)],
        help_text=(
            "Markdown. Shown in every page's footer and on articles. At most "
            f"{MAX_DISCLAIMER_LENGTH:,} characters."
        ),
    )
    text_html = models.TextField(blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    DERIVED_FIELDS = ("text_html",)
    history = revisions.history(exclude=DERIVED_FIELDS)
    DEFAULT_TEXT = (
        "GutGuide is for information only. It does not replace advice from a doctor, "
        "dietitian or other qualified health professional about your own situation."
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="disclaimer_single_row"),
        ]

    def __str__(self):
        return "Medical disclaimer"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    def render_markdown(self):
        self.text_html = markdown.render_markdown(self.text)

    @classmethod
    def current_html(cls):
        obj = cls.objects.filter(pk=1).only("text_html").first()
        return cls.html_or_default(obj.text_html if obj else None)

    @classmethod
    def html_subquery(cls):
        """The stored HTML as a subquery, for a page that reads it with its own record."""
        return Subquery(cls.objects.filter(pk=1).values("text_html")[:1])

    @classmethod
    def html_or_default(cls, html):
        """`html` as read by html_subquery(), or the default text while none is saved."""
        return html if html is not None else markdown.render_markdown(cls.DEFAULT_TEXT)
