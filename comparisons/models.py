from collections import namedtuple
from dataclasses import dataclass, field

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from markdownx.models import MarkdownxField

from evidence.models import Graded
from gutguide import markdown, revisions, search
from gutguide.fields import NormalizedSlugField
from gutguide.models import (
    EditVersioned,
    Publishable,
    PublishableQuerySet,
    RenderedMarkdown,
    park_positions,
)


class ComparisonQuerySet(PublishableQuerySet):
    def with_tables(self):
        """Subjects, rows and values prefetched: four queries however many and large."""
        return self.prefetch_related(
            "subjects",
            "rows",
            models.Prefetch("rows__values", ComparisonValue.objects.order_by()),
            "rows__sources",
        )

    def placed(self, slugs):
        """The comparisons among `slugs` with their stored tables, as {slug: comparison}: one
        query however many and large."""
        if not slugs:
            return {}
        fields = ["slug", "title", "status", "published_at", "table_html"]
        return self.only(*fields).in_bulk(slugs, field_name="slug")

    def missing(self, slugs):
        """The slugs among `slugs` with no comparison here, in their order (one query)."""
        if not slugs:
            return []
        found = set(self.filter(slug__in=slugs).values_list("slug", flat=True))
        return [slug for slug in slugs if slug not in found]


# `evidence`: whether any row has a grade or sources (the table then has an Evidence column).
ComparisonTable = namedtuple("ComparisonTable", ["subjects", "rows", "sources", "evidence"])


@dataclass
class Column:
    """A subject (column) as the table should have it. `pk` names the saved subject it is, if
    any: renaming or moving it keeps its values."""

    name: str
    position: int
    pk: int | None = None


@dataclass
class Line:
    """A row as the table should have it: its feature and its value under each column (in
    the order of the columns given with it; "" for none). `pk` names the saved row it is.
    `grade` and `sources` (ids) are its evidence; sources None leaves a saved row's as
    they are (a revision keeps its grade, not its sources)."""

    feature: str
    position: int
    values: list
    pk: int | None = None
    grade: str = ""
    sources: list | None = None


@dataclass
class Changes:
    """What writing a table did to one kind of record, as the admin's history records it."""

    new: list = field(default_factory=list)
    changed: list = field(default_factory=list)  # (record, [names of changed fields])
    deleted: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.new or self.changed or self.deleted)


@dataclass
class TableChanges:
    subjects: Changes = field(default_factory=Changes)
    rows: Changes = field(default_factory=Changes)

    def __bool__(self):
        return bool(self.subjects or self.rows)


def _write(record, values):
    """Give `record` these field values, saving only when something differs.
    Returns whether it was created and the names of the fields that changed."""
    changed = [name for name, value in values.items() if getattr(record, name) != value]
    for name in changed:
        setattr(record, name, values[name])
    if record.pk is None:
        record.save()
        return True, changed
    if changed:
        record.save(update_fields=changed)
    return False, changed


def _record(changes, record, created, changed):
    if created:
        changes.new.append(record)
    elif changed:
        changes.changed.append((record, changed))


class Comparison(EditVersioned, RenderedMarkdown, Publishable):
    """A side-by-side table ("Feature | Glutamine | Glutathione"), placed in articles by slug."""

    MIN_SUBJECTS = 2
    MAX_SUBJECTS = 4
    MAX_ROWS = 300
    MAX_INTRO_LENGTH = 5_000

    title = models.CharField(max_length=200, help_text="Also the table's caption.")
    slug = NormalizedSlugField(
        max_length=200,
        unique=True,
        help_text=(
            "Place the table in an article with a line [[comparison this-slug]], using this slug."
        ),
    )
    intro = MarkdownxField(
        blank=True,
        validators=[markdown.MarkdownValidator(MAX_INTRO_LENGTH)],
        help_text=(
            f"Markdown. Shown above the table on its page. At most {MAX_INTRO_LENGTH:,} characters."
        ),
    )
    intro_html = models.TextField(blank=True, editable=False)
    # The whole table as readers see it, rendered when the comparison or its rows are saved:
    # pages placing it read one column instead of four queries and a template loop per cell.
    table_html = models.TextField(blank=True, editable=False)
    DERIVED_FIELDS = ("intro_html", "table_html")

    objects = ComparisonQuerySet.as_manager()
    history = revisions.history(exclude=DERIVED_FIELDS)

    class Meta(Publishable.Meta):
        ordering = ["title"]
        permissions = [("publish_comparison", "Can publish comparisons (medical reviewers)")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("comparisons:detail", kwargs={"slug": self.slug})

    def render_markdown(self):
        self.intro_html = markdown.render_markdown(self.intro)
        self.table_html = self.render_table()

    def render_table(self):
        """The table's HTML (templates/comparisons/includes/table.html) from this comparison's
        title and its saved subjects, rows and values. The cells are rendered from their
        Markdown here too, so the table never depends on which was re-rendered first."""
        saved = Comparison.objects.with_tables().filter(pk=self.pk).first() if self.pk else None
        if saved is None:
            return ""
        saved.title, saved.slug = self.title, self.slug
        for row in saved.rows.all():
            for value in row.values.all():
                value.render_markdown()
        return render_to_string("comparisons/includes/table.html", {"comparison": saved})

    def store_table(self):
        """Store the table's HTML after its rows changed (write_table does, at its end). An
        update, not a save: the rows changed, not what an editor typed in the form."""
        self.table_html = self.render_table()
        Comparison.objects.filter(pk=self.pk).update(table_html=self.table_html)

    def search_document(self):
        """The comparison's text for search: title; intro, subjects and features; values
        (each row as "Feature — Subject: value; Subject: value.", readable in excerpts)."""
        subjects = {subject.pk: subject for subject in self.subjects.all()}
        rows = list(self.rows.all())
        lines = []
        for row in rows:
            values = [value for value in row.values.all() if value.subject_id in subjects]
            cells = [
                f"{subjects[value.subject_id].name}: {markdown.plain_text(value.text_html)}"
                for value in sorted(values, key=lambda value: subjects[value.subject_id].position)
                if value.text_html
            ]
            lines.append(f"{row.feature} — {'; '.join(cells)}.")
        names = ", ".join(subject.name for subject in subjects.values())
        compares = f"Compares {names}: "
        features = ", ".join(row.feature for row in rows)
        return search.Document(
            title=self.title,
            summary=" ".join([markdown.plain_text(self.intro_html), compares + features + "."]),
            body=" ".join(lines),
        )

    def table(self):
        """Subjects, and per row its cells in subject order: (subject, value or None) pairs,
        so that each value can be labelled with its subject; and the sources its rows cite,
        numbered in the order they first appear, each row with its `citation_links` (uses
        prefetched data). The table carries its own sources: it is shown alone and placed
        in articles with References of their own."""
        subjects = list(self.subjects.all())
        rows = []
        sources = {}
        for row in self.rows.all():
            for source in sorted(row.sources.all(), key=lambda source: source.key):
                sources.setdefault(source.pk, source)
        numbers = {
            pk: (number, f"#{self.source_anchor(number)}")
            for number, pk in enumerate(sources, start=1)
        }
        for row in self.rows.all():
            row.citation_links = row.citations(numbers)
            by_subject = {value.subject_id: value for value in row.values.all()}
            rows.append((row, [(subject, by_subject.get(subject.pk)) for subject in subjects]))
        cited = [
            (number, self.source_anchor(number), source)
            for number, source in enumerate(sources.values(), start=1)
        ]
        evidence = any(row.grade or row.citation_links for row, _ in rows)
        return ComparisonTable(subjects, rows, cited, evidence)

    def source_anchor(self, number):
        return f"comparison-{self.slug}-source-{number}"

    @transaction.atomic
    def write_table(self, columns, lines):
        """Make the saved table exactly `columns` and `lines`: the one way a whole table is
        written (the admin's table page and the demo content both use it).

        Subjects and rows not given are deleted; given ones are updated, moved or created,
        and each row's values follow their columns. Saves only what differs. The search
        entry is written once, at the end, not once per cell.
        """
        with search.batch():
            return self._write_table(columns, lines)

    def _write_table(self, columns, lines):
        changes = TableChanges()
        saved_subjects, saved_rows = self.subjects.in_bulk(), self.rows.in_bulk()
        for kind, saved, kept in (
            (changes.subjects, saved_subjects, {column.pk for column in columns}),
            (changes.rows, saved_rows, {line.pk for line in lines}),
        ):
            for pk in saved.keys() - kept:
                saved[pk].delete()
                kind.deleted.append(saved[pk])
        park_positions(
            ComparisonSubject,
            [c.pk for c in columns if c.pk and saved_subjects[c.pk].position != c.position],
        )
        park_positions(
            ComparisonRow,
            [
                line.pk
                for line in lines
                if line.pk and saved_rows[line.pk].position != line.position
            ],
        )

        subjects = []
        for column in columns:
            subject = saved_subjects.get(column.pk) or ComparisonSubject(comparison=self)
            created, changed = _write(subject, {"position": column.position, "name": column.name})
            _record(changes.subjects, subject, created, changed)
            subjects.append(subject)

        saved_values = {
            (value.row_id, value.subject_id): value
            for value in ComparisonValue.objects.filter(row__comparison=self)
        }
        for line in lines:
            row = saved_rows.get(line.pk) or ComparisonRow(comparison=self)
            created, changed = _write(
                row, {"position": line.position, "feature": line.feature, "grade": line.grade}
            )
            if line.sources is not None and set(line.sources) != set(
                row.sources.values_list("pk", flat=True)
            ):
                row.sources.set(line.sources)
                changed.append("sources")
            for subject, text in zip(subjects, line.values, strict=False):
                value = saved_values.get((row.pk, subject.pk))
                if value is None and not text:
                    continue
                value_created, value_changed = _write(
                    value or ComparisonValue(row=row, subject=subject), {"text": text}
                )
                if (value_created or value_changed) and "values" not in changed:
                    changed.append("values")
            _record(changes.rows, row, created, changed)
        self.store_table()
        return changes


def store_tables_citing(sender, instance, **kwargs):
    """post_save of a Source: the stored tables that list it show its details again."""
    for comparison in Comparison.objects.filter(rows__sources=instance).distinct():
        comparison.store_table()


class ComparisonSubject(models.Model):
    """A column of a comparison, e.g. "Glutamine"."""

    comparison = models.ForeignKey(Comparison, on_delete=models.CASCADE, related_name="subjects")
    position = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(Comparison.MAX_SUBJECTS)],
        help_text="Column 1 to 4, left to right.",
    )
    name = models.CharField(max_length=80)

    history = revisions.history()

    class Meta:
        ordering = ["comparison", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["comparison", "position"], name="subject_unique_position"
            ),
            models.UniqueConstraint(
                Lower("name"),
                "comparison",
                name="subject_unique_name",
                violation_error_message="Two subjects of one comparison cannot share a name.",
            ),
            # Positions above 4 are refused by the form; the admin parks moving columns
            # above them for a moment while saving a reorder.
            models.CheckConstraint(condition=Q(position__gte=1), name="subject_position_from_1"),
        ]

    def __str__(self):
        return self.name


class ComparisonRow(Graded):
    """A line of a comparison: a feature and one value per subject."""

    comparison = models.ForeignKey(Comparison, on_delete=models.CASCADE, related_name="rows")
    position = models.PositiveIntegerField(help_text="Rows are shown in this order.")
    feature = models.CharField(max_length=120, help_text='What is compared, e.g. "Absorption".')

    history = revisions.history()

    class Meta:
        ordering = ["comparison", "position"]
        constraints = [
            models.UniqueConstraint(fields=["comparison", "position"], name="row_unique_position"),
        ]

    def __str__(self):
        return self.feature


class ComparisonValue(RenderedMarkdown):
    """One cell: what a row says about one subject. Inline Markdown (emphasis, links)."""

    MAX_LENGTH = 500
    DERIVED_FIELDS = ("text_html",)

    row = models.ForeignKey(ComparisonRow, on_delete=models.CASCADE, related_name="values")
    subject = models.ForeignKey(ComparisonSubject, on_delete=models.CASCADE, related_name="values")
    text = models.CharField(
        max_length=MAX_LENGTH, blank=True, validators=[markdown.MarkdownValidator()]
    )
    text_html = models.TextField(blank=True, editable=False)

    history = revisions.history(exclude=DERIVED_FIELDS)

    class Meta:
        ordering = ["row", "subject__position"]
        constraints = [
            models.UniqueConstraint(fields=["row", "subject"], name="value_unique_cell"),
        ]

    def __str__(self):
        return self.text

    def render_markdown(self):
        self.text_html = markdown.render_inline(self.text)

    @staticmethod
    def comparison_id_of(value):
        """The comparison a value belongs to (its row may already be deleted: None)."""
        if ComparisonValue.row.is_cached(value):
            return value.row.comparison_id
        rows = ComparisonRow.objects.filter(pk=value.row_id)
        return rows.values_list("comparison_id", flat=True).first()
