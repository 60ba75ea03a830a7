from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import reverse
from markdownx.models import MarkdownxField

from comparisons import placements
from comparisons.models import Comparison
from gutguide import markdown, search
from gutguide.models import EditVersioned, Publishable, PublishableQuerySet, RenderedMarkdown


class ArticleQuerySet(PublishableQuerySet):
    def cards(self):
        """With what an article card shows (topic, author), and without the long texts."""
        return self.select_related("topic", "author").defer("summary", "body", "body_html", "toc")

    def placing(self, comparison):
        """Articles whose body places `comparison` (see Placement)."""
        return self.filter(placements__comparison_slug=comparison.slug)


class Topic(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, help_text="Used in the topic's URL.")
    description = models.TextField(
        blank=True, help_text="One or two plain sentences shown on the topic page."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})


class Contributor(models.Model):
    name = models.CharField(max_length=120)
    credentials = models.CharField(
        max_length=120, blank=True, help_text='Degrees or titles, e.g. "RD, MSc".'
    )
    bio = models.TextField(blank=True, help_text="A short plain-text biography.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


class Article(EditVersioned, RenderedMarkdown, Publishable):
    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The end of the article's URL (/articles/this-slug/). Filled in from the title.",
    )
    dek = models.CharField(
        "dek", max_length=300, blank=True, help_text="One sentence under the title."
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
        null=True, blank=True, help_text="When the medical reviewer last checked the article."
    )
    summary = MarkdownxField(
        "quick summary", blank=True, help_text="Markdown. Shown as the Quick Summary box."
    )
    body = MarkdownxField(
        help_text=(
            "Markdown. Use ## for sections and ### for sub-sections: they make the "
            '"In This Article" table of contents.'
        )
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

    DERIVED_FIELDS = ("summary_html", "body_html", "toc", "reading_time")

    objects = ArticleQuerySet.as_manager()

    class Meta(Publishable.Meta):
        ordering = ["-published_at", "-created_at"]

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

    def render_markdown(self):
        """Compute the stored HTML, table of contents and reading time from the Markdown."""
        summary = markdown.render(self.summary)
        body = markdown.render(placements.isolate(self.body))
        self.summary_html = summary.html
        self.body_html = placements.mark(body.html)
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


class KeyPoint(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="key_points")
    position = models.PositiveSmallIntegerField(help_text="1 for the first point.")
    lead = models.CharField(max_length=120, help_text="The bold opening words.")
    text = models.CharField(max_length=400, help_text="One sentence that follows the lead.")

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
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="references")
    position = models.PositiveSmallIntegerField(help_text="The number readers see: 1, 2, 3…")
    title = models.CharField(max_length=300)
    url = models.URLField("URL", max_length=500, blank=True)
    publisher = models.CharField(
        max_length=200, blank=True, help_text="Journal, organisation or site."
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"], name="reference_unique_position"
            ),
        ]

    def __str__(self):
        return self.title


class Disclaimer(RenderedMarkdown):
    """The site-wide medical disclaimer shown on every page; there is only ever one."""

    text = MarkdownxField(help_text="Markdown. Shown in every page's footer and on articles.")
    text_html = models.TextField(blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    DERIVED_FIELDS = ("text_html",)
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
        return obj.text_html if obj else markdown.render_markdown(cls.DEFAULT_TEXT)
