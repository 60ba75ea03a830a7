"""
Evidence: the sources claims rest on, and how strong the evidence for a claim is.

A Source is a record editors pick from (a study, review or guideline), reusable across
articles and cited in a body as [[cite its-key]]. Graded is what a claim carries: an evidence
grade and the sources behind it (key points, comparison rows and FAQ answers are Graded).
Imports only the core: the apps with claims build on this one.
"""

import re

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q, StringAgg, Value
from django.db.models.functions import Cast, Lower

from gutguide import revisions
from gutguide.fields import NormalizedField
from gutguide.models import EditVersioned


class Grade(models.TextChoices):
    """How sure a claim is, as readers see it beside the claim ("Evidence: moderate")."""

    STRONG = "strong", "Strong"
    MODERATE = "moderate", "Moderate"
    LIMITED = "limited", "Limited"
    VERY_LIMITED = "very_limited", "Very limited"

    @property
    def definition(self):
        """The short public definition (the "How we grade evidence" page)."""
        return GRADE_DEFINITIONS[self]


GRADE_DEFINITIONS = {
    Grade.STRONG: "Several good randomised trials in people, or a systematic review of them, "
    "agree, or the claim is settled science (such as what a molecule is made of). New "
    "research is unlikely to change the conclusion.",
    Grade.MODERATE: "Some trials in people, or consistent observational studies, point the "
    "same way, or the mechanism is well shown in the laboratory; new research could change "
    "the details.",
    Grade.LIMITED: "A few small or short studies in people, with mixed or uncertain results. "
    "Treat the claim as a reasonable possibility, not a fact.",
    Grade.VERY_LIMITED: "Little or no research in people: laboratory or animal work, case "
    "reports or expert opinion only.",
}


class StudyType(models.TextChoices):
    """What kind of study a source is: the first thing a grade weighs."""

    SYSTEMATIC_REVIEW = "systematic_review", "Systematic review or meta-analysis"
    RCT = "rct", "Randomised controlled trial"
    OBSERVATIONAL = "observational", "Cohort or observational study"
    CASE_SERIES = "case_series", "Case series or case report"
    LABORATORY = "laboratory", "Animal or laboratory study"
    EXPERT_OPINION = "expert_opinion", "Expert opinion or narrative review"

    @property
    def description(self):
        """What the study type is, in a sentence (the "How we grade evidence" page)."""
        return STUDY_TYPE_DESCRIPTIONS[self]


STUDY_TYPE_DESCRIPTIONS = {
    StudyType.SYSTEMATIC_REVIEW: "Gathers every good study on one question and weighs them "
    "together; a meta-analysis also pools their numbers.",
    StudyType.RCT: "People are assigned at random to the treatment or to a comparison, such "
    "as a placebo: the best single test of whether something works.",
    StudyType.OBSERVATIONAL: "Follows or compares groups of people as they live; it shows "
    "links, which may or may not be causes.",
    StudyType.CASE_SERIES: "Describes what happened to a few patients, without a comparison group.",
    StudyType.LABORATORY: "Cells, tissue or animals: shows how something could work, not "
    "that it does in people.",
    StudyType.EXPERT_OPINION: "Experts summarise what is known in their own selection; "
    "useful for an overview, weaker than a systematic review.",
}


DOI_PATTERN = r"^10\.\d{4,9}/\S+$"
# What editors paste in front of a DOI; stored without it (readers get https://doi.org/…).
DOI_PREFIX_RE = re.compile(r"^\s*(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def normalize_doi(value):
    """A DOI as stored: without "https://doi.org/" or "doi:" before it, nor spaces around."""
    return DOI_PREFIX_RE.sub("", value or "").strip()


class DOIField(NormalizedField, models.CharField):
    """A DOI, validated for shape and stored without its resolver prefix."""

    normalize = staticmethod(normalize_doi)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)
        self.validators.append(
            RegexValidator(DOI_PATTERN, 'A DOI looks like "10.1136/gutjnl-2019-318427".')
        )


KEY_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class SourceKeyField(models.SlugField):
    """A source's key as cited: lower case, so "[[cite Camilleri-2019]]" never names a second
    source. Checked by the one message of KEY_PATTERN rather than the slug's own."""

    default_validators = []

    def formfield(self, **kwargs):
        return models.CharField.formfield(self, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return value.strip().lower() if value is not None else value


class Source(EditVersioned):
    """A study, review or other publication that claims rest on: one record, picked by every
    article, key point, comparison row or FAQ answer that cites it."""

    key = SourceKeyField(
        max_length=80,
        unique=True,
        validators=[
            RegexValidator(
                KEY_PATTERN,
                'Lower-case letters, digits and single hyphens, e.g. "camilleri-2019".',
            )
        ],
        help_text="How the body cites it: [[cite camilleri-2019]]. Usually the first author's "
        "surname and the year, lower case.",
    )
    authors = models.CharField(
        max_length=300,
        blank=True,
        help_text='As in the source, e.g. "Zhou Q, Verne ML, Fields JZ, et al".',
    )
    title = models.CharField(max_length=300)
    journal = models.CharField(
        "journal or publisher",
        max_length=200,
        blank=True,
        help_text="Journal, organisation or site.",
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    doi = DOIField(
        "DOI",
        blank=True,
        help_text='E.g. "10.1136/gutjnl-2019-318427"; a pasted https://doi.org/ link is '
        "fine. Readers get a link to it.",
    )
    url = models.URLField("URL", max_length=500, blank=True, help_text="For sources without a DOI.")
    study_type = models.CharField(
        max_length=20,
        choices=StudyType,
        help_text="What kind of study it is: readers see it in the references.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = revisions.history()

    class Meta:
        ordering = ["key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(key=Lower("key")),
                name="source_key_lower_case",
                violation_error_message="A source's key is lower case.",
            ),
            models.UniqueConstraint(
                fields=["doi"],
                condition=~Q(doi=""),
                name="source_unique_doi",
                violation_error_message="Another source has this DOI: cite that one.",
            ),
        ]

    def __str__(self):
        year = f" ({self.year})" if self.year else ""
        return f"{self.key}: {self.title}{year}"

    @property
    def link(self):
        """Where the source leads: its DOI, else its URL ("" for neither)."""
        return f"https://doi.org/{self.doi}" if self.doi else self.url


def with_cited_source_ids(queryset):
    """`queryset` of Graded claims, each annotated with `cited_source_ids` ("3,7"): the
    sources it cites, read in the same query (a page of many claims costs no query more)."""
    # An aggregate drops the model's default ordering: keep the order the queryset had.
    ordering = queryset.query.order_by or queryset.model._meta.ordering
    return queryset.annotate(
        cited_source_ids=StringAgg(
            Cast("sources__id", models.CharField()), Value(","), default=Value("")
        )
    ).order_by(*ordering)


class Graded(models.Model):
    """A claim readers can check: an evidence grade and the sources it rests on (key points,
    comparison rows, FAQ answers)."""

    grade = models.CharField(
        "evidence grade",
        max_length=12,
        choices=Grade,
        blank=True,
        help_text="How sure the claim is; readers see it beside the claim, linked to "
        '"How we grade evidence". Empty: no grade shown.',
    )
    sources = models.ManyToManyField(
        Source,
        blank=True,
        related_name="%(class)ss",
        help_text="The sources the claim rests on; readers see them as numbered citations.",
    )

    class Meta:
        abstract = True

    def cited_ids(self):
        """The ids of the sources it cites (from with_cited_source_ids() when annotated)."""
        ids = getattr(self, "cited_source_ids", None)
        if ids is None:
            return [source.pk for source in self.sources.all()]
        return [int(pk) for pk in ids.split(",") if pk]

    def citations(self, numbers, anchor_prefix=""):
        """Its citations as readers see them: (number, link, anchor id) in number order.
        `numbers`: {source id: (number, link)}; cited sources not in it are left out."""
        cited = sorted({numbers[pk] for pk in self.cited_ids() if pk in numbers})
        return [
            (number, href, f"{anchor_prefix}-cite-{number}" if anchor_prefix else "")
            for number, href in cited
        ]
