"""Each reference becomes the article's pick of a Source (evidence.Source): one Source per
distinct publication (the same DOI, else the same URL, else the same title), shared by every
article that listed it. Old revisions of references point at the Source they match. Bodies citing
[[ref 2]] now cite [[cite its-key]].

The study type is guessed from the title only where it says so ("randomised controlled
trial", "systematic review"...); otherwise it stays empty, and the source's form asks for it
the next time an editor saves it."""

import re
from collections import defaultdict

from django.db import migrations
from django.utils.text import slugify

DOI_PREFIX_RE = re.compile(r"^\s*(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
STUDY_TYPES = [
    (r"systematic review|meta-analys", "systematic_review"),
    (r"randomi[sz]ed|controlled trial|placebo", "rct"),
    (r"cohort|observational|cross-sectional|case-control", "observational"),
    (r"case series|case report", "case_series"),
    (r"\bmice\b|\bmouse\b|\brats?\b|in vitro|piglets?", "laboratory"),
    (r"\breview\b|consensus|guideline", "expert_opinion"),
]


def identity(doi, url, title):
    doi = DOI_PREFIX_RE.sub("", doi or "").strip().lower()
    if doi:
        return ("doi", doi)
    if url:
        return ("url", url.strip().rstrip("/"))
    return ("title", " ".join((title or "").casefold().split()))


def study_type(title):
    for pattern, value in STUDY_TYPES:
        if re.search(pattern, title or "", re.IGNORECASE):
            return value
    return ""


def new_key(reference, taken):
    surname = slugify((reference.authors or "").split(",")[0].split(" ")[0]).replace("_", "")
    base = surname or "-".join(slugify(reference.title).replace("_", "").split("-")[:3])
    base = (base or "source")[:70].strip("-")
    if reference.year:
        base = f"{base}-{reference.year}"
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    taken.add(key)
    return key


REF_RE = re.compile(r"\[\[ref (\d{1,4}(?:[ \t]*,[ \t]*\d{1,4})*)\]\]")

CITE_RE = re.compile(r"\[\[cite ([a-z0-9-]+(?:[ \t]*,[ \t]*[a-z0-9-]+)*)\]\]")


def cite_keys(body, keys):
    """The body with its [[ref 2, 5]] citations written as [[cite key-2, key-5]] (a number
    with no reference stays as it was: the form then says so)."""

    def cite(match):
        numbers = [int(number) for number in match[1].split(",")]
        if any(number not in keys for number in numbers):
            return match[0]
        return "[[cite " + ", ".join(dict.fromkeys(keys[n] for n in numbers)) + "]]"

    return REF_RE.sub(cite, body)


def references_to_sources(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Reference = apps.get_model("articles", "Reference")
    HistoricalReference = apps.get_model("articles", "HistoricalReference")
    Source = apps.get_model("evidence", "Source")
    taken = set(Source.objects.values_list("key", flat=True))
    sources = {
        identity(source.doi, source.url, source.title): source for source in Source.objects.all()
    }
    keys_by_number = defaultdict(dict)
    for reference in Reference.objects.order_by("pk"):
        found = identity(reference.doi, reference.url, reference.title)
        if found not in sources:
            sources[found] = Source.objects.create(
                key=new_key(reference, taken),
                authors=reference.authors,
                title=reference.title,
                journal=reference.publisher,
                year=reference.year,
                doi=DOI_PREFIX_RE.sub("", reference.doi or "").strip(),
                url=reference.url,
                study_type=study_type(reference.title),
                version=1,
            )
        source = sources[found]
        if Reference.objects.filter(article_id=reference.article_id, source=source).exists():
            # The article listed the same publication twice: it keeps the first.
            keys_by_number[reference.article_id][reference.position] = source.key
            reference.delete()
            continue
        reference.source = source
        reference.save(update_fields=["source"])
        keys_by_number[reference.article_id][reference.position] = source.key
    # Bodies cite by key now; the stored HTML follows with `manage.py rerender_markdown`.
    for article in Article.objects.filter(pk__in=list(keys_by_number)).only("pk", "body"):
        body = cite_keys(article.body, keys_by_number[article.pk])
        if body != article.body:
            Article.objects.filter(pk=article.pk).update(body=body)
    for old in HistoricalReference.objects.filter(source__isnull=True).iterator():
        source = sources.get(identity(old.doi, old.url, old.title))
        if source is not None:
            HistoricalReference.objects.filter(pk=old.pk).update(source=source)


def sources_to_references(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Reference = apps.get_model("articles", "Reference")
    for article in Article.objects.filter(references__isnull=False).distinct():
        numbers = {
            reference.source.key: reference.position
            for reference in Reference.objects.filter(article=article).select_related("source")
        }

        def ref(match, numbers=numbers):
            keys = [key.strip() for key in match[1].split(",")]
            if any(key not in numbers for key in keys):
                return match[0]
            return "[[ref " + ", ".join(str(numbers[key]) for key in keys) + "]]"

        body = CITE_RE.sub(ref, article.body)
        if body != article.body:
            Article.objects.filter(pk=article.pk).update(body=body)
    for reference in Reference.objects.select_related("source"):
        source = reference.source
        reference.authors, reference.title = source.authors, source.title
        reference.publisher, reference.year = source.journal, source.year
        reference.doi, reference.url = source.doi, source.url
        reference.save()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_keypoint_evidence_reference_source"),
        ("evidence", "0001_initial"),
    ]

    operations = [migrations.RunPython(references_to_sources, sources_to_references)]
