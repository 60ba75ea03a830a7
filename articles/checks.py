"""
Editorial checks: what an editor or medical reviewer should fix before readers see an article,
each problem said in an editor's words with where it is ("Key point 3 “Glutamine…” cites no
source").

Checks are functions registered here (`register`); each takes an article and a `Run` and
yields `Problem`s. The articles app registers the article's own checks below; apps above it
register theirs from their AppConfig.ready() (the FAQ its answers), so this module knows
nothing of them. `texts()` gives every Markdown text of an article as stored HTML (apps add
theirs with `register_texts`): the checks on images, links and outside links read them all.

Where the results live:
- The article's change page runs every check (the "Editorial checks" panel), and so does
  publishing (a medical reviewer must confirm publishing despite problems).
- The article list's "Has problems" filter reads `Article.problem_count`, stored by `refresh()`
  after every save of an article or of what it shows (its key points, references,
  questions, placed comparisons; articles linking to an article or comparison whose address
  or visibility changed), by `manage.py check_links` (outside links; it also recounts every
  article, so a link to an article scheduled for later stops counting once it is out) and
  by `migrate` for articles never counted. The medical review is not stored: whether it is
  due changes with the date, so the filter asks it with a query (Article.review_due).

Nothing here fetches a URL: outside links are read from the results `check_links` stored
(gutguide.models.LinkCheck).
"""

import functools
import hashlib
import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import textstat
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_delete,
    pre_save,
)
from django.urls import Resolver404, resolve
from django.utils import formats, timezone

from comparisons import placements
from comparisons.models import Comparison, ComparisonRow, ComparisonSubject
from gutguide import links, markdown
from gutguide.models import LinkCheck, Status

from .models import Article, ArticleRedirect, KeyPoint, Reference, months_before

SHORT = 40
REFRESH_BATCH = 200


def short(text, length=SHORT):
    """A text as a reminder of where a problem is: its first words."""
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def quoted(text):
    return f"“{short(text)}”"


@dataclass(frozen=True)
class Problem:
    """One thing to fix: where it is and what is wrong, e.g. where="Key point 3 “Glutamine…”",
    what="cites no source"."""

    where: str
    what: str
    check: str = ""

    def __str__(self):
        return f"{self.where} {self.what}"


@dataclass(frozen=True)
class Check:
    name: str
    function: Callable
    # Counted in Article.problem_count. Checks whose answer changes with the date alone
    # (the medical review falling due) are not: the list filter asks those with a query.
    stored: bool = True


@dataclass(frozen=True)
class Text:
    """A Markdown text of an article as stored HTML, and how editors name it."""

    where: str
    html: str


CHECKS = {}
TEXTS = []
PREFETCH = []


def register(name, *, prefetch=(), stored=True):
    """Register a check: a function (article, run) -> Problems. `prefetch` is what it reads of
    the article (prefetch_related lookups), loaded once for many articles."""

    def decorator(function):
        CHECKS[name] = Check(name, function, stored)
        PREFETCH.extend(lookup for lookup in prefetch if lookup not in PREFETCH)
        return function

    return decorator


def register_texts(function, *, prefetch=()):
    """Register a function (article, run) -> Texts: more of what readers read on the article."""
    TEXTS.append(function)
    PREFETCH.extend(lookup for lookup in prefetch if lookup not in PREFETCH)
    return function


class Run:
    """One run of the checks, over one article or many: what several articles share is
    loaded once (the failing outside links, the placed comparisons)."""

    def __init__(self, today=None):
        self.today = today or timezone.localdate()
        self.grade = settings.GUTGUIDE_READING_GRADE
        self._failing = None
        self._comparisons = {}

    def failing_links(self):
        """{url: LinkCheck} of every link that failed when last checked (few, read once)."""
        if self._failing is None:
            self._failing = {check.url: check for check in LinkCheck.objects.failing()}
        return self._failing

    def load_comparisons(self, slugs):
        wanted = [slug for slug in slugs if slug not in self._comparisons]
        if wanted:
            found = Comparison.objects.filter(slug__in=wanted).prefetch_related(*ROW_PREFETCH)
            found = {comparison.slug: comparison for comparison in found}
            for slug in wanted:
                self._comparisons[slug] = found.get(slug)

    def comparisons(self, article):
        """The existing comparisons the article's body places, in order, with their rows."""
        slugs = placements.marked_slugs(article.body_html)
        self.load_comparisons(slugs)
        return [self._comparisons[slug] for slug in slugs if self._comparisons[slug]]


# What a placed comparison's checks read of its rows (apps below may add, see evidence).
ROW_PREFETCH = ["rows__sources"]


def problems(article, run=None, stored_only=False):
    """Every problem of `article` as saved, in the order of CHECKS."""
    run = run or Run()
    found = []
    for check in CHECKS.values():
        if stored_only and not check.stored:
            continue
        for problem in check.function(article, run):
            found.append(Problem(problem.where, problem.what, check.name))
    return found


def texts(article, run):
    """Every Markdown text readers read on the article, as stored HTML."""
    found = []
    for function in TEXTS:
        found.extend(function(article, run))
    return found


def loaded(articles):
    """The articles with what the checks read (for many articles at once)."""
    return articles.select_related("reviewer").prefetch_related(*PREFETCH)


def as_saved(pk):
    """The article as the database holds it now, with what the checks read (or None)."""
    return loaded(Article.objects.filter(pk=pk)).first()


# --- Keeping Article.problem_count in step ---------------------------------------------------


def refresh(article_ids, run=None):
    """Count and store the problems of these articles (those that still exist)."""
    run = run or Run()
    ids = sorted(set(article_ids))
    for start in range(0, len(ids), REFRESH_BATCH):
        chunk = loaded(Article.objects.filter(pk__in=ids[start : start + REFRESH_BATCH]))
        chunk = list(chunk)
        run.load_comparisons(
            {slug for article in chunk for slug in placements.marked_slugs(article.body_html)}
        )
        by_count = defaultdict(list)
        for article in chunk:
            count = len(problems(article, run, stored_only=True))
            if article.problem_count != count:
                by_count[count].append(article.pk)
        for count, pks in by_count.items():
            # An update, not a save: the count is bookkeeping for the admin's filter, not
            # something an editor wrote (no revision, no new version) nor anything readers
            # see (the page cache stays as it is).
            Article.objects.filter(pk__in=pks).update(problem_count=count)


_pending = threading.local()


def refresh_later(article_ids=(), comparison_ids=(), linked_paths=()):
    """Recount these articles when the transaction commits, once each however many saves
    asked: the articles given, those placing the given comparisons, and those whose body
    links to one of `linked_paths` (an article or comparison whose address or visibility
    changed)."""
    pending = getattr(_pending, "keys", None)
    if pending is None:
        pending = _pending.keys = {"articles": set(), "comparisons": set(), "paths": set()}
    pending["articles"].update(pk for pk in article_ids if pk is not None)
    pending["comparisons"].update(pk for pk in comparison_ids if pk is not None)
    pending["paths"].update(linked_paths)
    # Once per transaction: again only after the last one ran, or was dropped with a
    # rolled-back savepoint (what it had pending is then recounted with the next, no harm).
    connection = transaction.get_connection()
    if not getattr(_pending, "registered", False) or not any(
        func is _refresh_pending for _, func, _ in connection.run_on_commit
    ):
        _pending.registered = True
        transaction.on_commit(_refresh_pending, robust=True)


def _refresh_pending():
    pending = getattr(_pending, "keys", None)
    _pending.keys = None
    _pending.registered = False
    if not pending:
        return
    ids = set(pending["articles"])
    if pending["comparisons"]:
        slugs = Comparison.objects.filter(pk__in=pending["comparisons"]).values("slug")
        ids.update(
            Article.objects.filter(placements__comparison_slug__in=slugs).values_list(
                "pk", flat=True
            )
        )
    if pending["paths"]:
        # Rare (an address or a visibility changed), so a scan of the bodies is fine.
        linking = Q()
        for path in pending["paths"]:
            linking |= Q(body__contains=path) | Q(summary__contains=path)
        ids.update(Article.objects.filter(linking).values_list("pk", flat=True))
    if ids:
        refresh(ids)


def count_uncounted():
    """Count the articles never counted (after `migrate` added the count, or bulk writes)."""
    refresh(Article.objects.filter(problem_count__isnull=True).values_list("pk", flat=True))


# --- Reading HTML -----------------------------------------------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict
    text: list = field(default_factory=list)

    @property
    def content(self):
        return " ".join("".join(self.text).split())


class Elements(HTMLParser):
    """The headings, links and images of stored HTML, in order, with their text."""

    WANTED = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "img"}

    def __init__(self):
        super().__init__()
        self.found = []
        self.open = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.WANTED:
            return
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.found.append(element)
        if tag == "img":
            # An image with a text alternative gives a link around it its text.
            for parent in self.open:
                parent.text.append(element.attrs.get("alt", ""))
        else:
            self.open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        for element in self.open:
            element.text.append(data)


@functools.lru_cache(maxsize=64)
def elements(html):
    """(Cached: several checks read the same texts; the result must not be changed.)"""
    parser = Elements()
    parser.feed(html or "")
    parser.close()
    return parser.found


def anchors(html):
    return [element for element in elements(html) if element.tag == "a"]


def outside_urls(html):
    """The http(s) addresses the HTML links to (in order, once each)."""
    found = (link.attrs.get("href", "").strip() for link in anchors(html))
    return list(dict.fromkeys(url for url in found if is_outside(url)))


def is_outside(url):
    return url.lower().startswith(("http://", "https://"))


# --- The article's own texts and checks ---------------------------------------------------


@register_texts
def article_texts(article, run):
    yield Text("Quick summary", article.summary_html)
    yield Text("Body", article.body_html)
    for comparison in run.comparisons(article):
        yield Text(f"The comparison {quoted(comparison.title)}", comparison.table_html)


def key_point_name(point):
    return f"Key point {point.position} {quoted(point.lead)}"


@register("headings")
def heading_levels(article, run):
    """Body headings may go one level down at a time; the page's title is its only H1 and
    the body's sections start at H2."""
    level = 1
    for heading in elements(article.body_html):
        if heading.tag[0] != "h":
            continue
        found = int(heading.tag[1])
        where = f"Body heading {quoted(heading.content)}"
        if found == 1:
            yield Problem(where, "is a level-1 heading: the title is the page's only one; use ##.")
        elif found > level + 1:
            wanted = "#" * (level + 1)
            after = f"after an H{level}" if level > 1 else "at the start of the body"
            yield Problem(
                where,
                f"skips a level: an H{found} {after}; make it an H{level + 1} ({wanted}).",
            )
        level = found


@register("images")
def image_alternatives(article, run):
    for text in texts(article, run):
        for image in elements(text.html):
            if image.tag == "img" and not image.attrs.get("alt", "").strip():
                src = short(image.attrs.get("src", ""), 60)
                yield Problem(
                    f"{text.where}: the image {src}",
                    "has no alt text: describe it in the brackets, ![what it shows](…).",
                )


@register("empty-links")
def empty_links(article, run):
    for text in texts(article, run):
        for link in anchors(text.html):
            href = link.attrs.get("href", "").strip()
            if not link.content:
                yield Problem(
                    f"{text.where}: a link to {short(href, 60) or 'nowhere'}",
                    "has no text: write what it leads to in its brackets, [text](address).",
                )
            elif not href:
                yield Problem(
                    f"{text.where}: the link {quoted(link.content)}",
                    "leads nowhere: give it an address, [text](https://…).",
                )


@register("internal-links")
def internal_links(article, run):
    """Links to the site's own pages: an article or comparison readers cannot see (unknown,
    draft, in review, scheduled), or an address that is no page at all."""
    wanted = []  # (where, href, kind, slug)
    for text in texts(article, run):
        for link in anchors(text.html):
            href = link.attrs.get("href", "").strip()
            if not href.startswith("/") or href.startswith("//"):
                continue
            path = urlsplit(href).path
            where = f"{text.where}: the link to {short(href, 60)}"
            try:
                match = resolve(path)
            except Resolver404:
                yield Problem(where, "leads to no page of the site.")
                continue
            if match.view_name in ("articles:detail", "comparisons:detail"):
                wanted.append((where, match.view_name, match.kwargs["slug"]))
    if not wanted:
        return
    article_slugs = {slug for _, kind, slug in wanted if kind == "articles:detail"}
    comparison_slugs = {slug for _, kind, slug in wanted if kind == "comparisons:detail"}
    fields = ["slug", "title", "status", "published_at"]
    found = {
        "articles:detail": Article.objects.filter(slug__in=article_slugs).only(*fields),
        "comparisons:detail": Comparison.objects.filter(slug__in=comparison_slugs).only(*fields),
    }
    found = {kind: {item.slug: item for item in items} for kind, items in found.items()}
    # An old address of an article redirects to it: the link works while the article does.
    for redirect in ArticleRedirect.objects.filter(old_slug__in=article_slugs).select_related(
        "article"
    ):
        found["articles:detail"].setdefault(redirect.old_slug, redirect.article)
    for where, kind, slug in wanted:
        target = found[kind].get(slug)
        noun = "article" if kind == "articles:detail" else "comparison"
        if target is None:
            yield Problem(where, f"leads to no {noun}: no {noun} has the address “{slug}”.")
        elif not target.is_public:
            yield Problem(where, f"leads to the {noun} {quoted(target.title)}, {hidden(target)}.")


def hidden(target):
    """Why readers cannot see a published-or-not record, as an editor reads it."""
    if target.status == Status.PUBLISHED and target.published_at:
        when = formats.date_format(timezone.localtime(target.published_at), "j F Y, H:i")
        return f"which readers cannot see before {when}"
    return f"which readers cannot see yet ({target.get_status_display()})"


@register("outside-links")
def outside_links(article, run):
    """Outside links that answered an error or failed when `check_links` last tried them."""
    failing = run.failing_links()
    if not failing:
        return
    for where, url in article_outside_urls(article, run):
        check = failing.get(url)
        if check is not None:
            checked = formats.date_format(timezone.localtime(check.checked_at), "j F Y")
            yield Problem(
                f"{where}: the link to {short(url, 60)}",
                f"{check.outcome} when checked on {checked}: fix or remove it.",
            )


OUTSIDE_URLS = []


def register_outside_urls(function, *, prefetch=()):
    """Register a function (article, run) -> (where, url) pairs: outside addresses the
    article shows beyond links in its texts (a reference's URL, a source's DOI)."""
    OUTSIDE_URLS.append(function)
    PREFETCH.extend(lookup for lookup in prefetch if lookup not in PREFETCH)
    return function


def article_outside_urls(article, run):
    """(where, url) of every outside address the article shows: what check_links checks."""
    found = []
    for text in texts(article, run):
        found.extend((text.where, url) for url in outside_urls(text.html))
    for function in OUTSIDE_URLS:
        found.extend(function(article, run))
    return found


@register("review", stored=False)
def medical_review(article, run):
    months = settings.GUTGUIDE_REVIEW_DUE_MONTHS
    if not article.has_medical_review:
        yield Problem(
            "Medical review",
            "is missing: a medical reviewer records it by publishing the article or with the "
            "action “Record my medical review”.",
        )
    elif article.reviewed_on < months_before(run.today, months):
        reviewed = formats.date_format(article.reviewed_on, "j F Y")
        yield Problem(
            "Medical review",
            f"is overdue: last recorded on {reviewed}, more than {months} months ago.",
        )


# Readability formulas mean little for a few words ("Fibre feeds gut bacteria." reads at
# grade 9.6): shorter texts are not measured.
MIN_MEASURED_WORDS = 20


def reading_grade(text):
    """The US school grade `text` reads at (Flesch-Kincaid), or None for too short a text."""
    if textstat.lexicon_count(text) < MIN_MEASURED_WORDS:
        return None
    return textstat.flesch_kincaid_grade(text)


@register("reading-level", prefetch=["key_points"])
def reading_level(article, run):
    """The quick summary, and the key points read together as the box readers read, at the
    grade of GUTGUIDE_READING_GRADE or lower (Flesch-Kincaid: longer sentences and words
    of more syllables read harder). One sentence alone says little, so the key points are
    measured together, naming the hardest."""
    aim = f"aim for grade {run.grade:g} or lower: shorter sentences, plainer words."
    summary = markdown.plain_text(article.summary_html)
    if summary:
        grade = reading_grade(summary)
        if grade is not None and grade > run.grade:
            yield Problem("Quick summary", f"reads at grade {grade:.1f}; {aim}")
    points = [(point, f"{point.lead} {point.text}") for point in article.key_points.all()]
    if points:
        grade = reading_grade(" ".join(text for _, text in points))
        if grade is not None and grade > run.grade:
            hardest, _ = max(points, key=lambda item: textstat.flesch_kincaid_grade(item[1]))
            yield Problem(
                "Key points",
                f"read at grade {grade:.1f} (the hardest: {key_point_name(hardest)}); {aim}",
            )


@register_outside_urls
def reference_urls(article, run):
    """The article's references lead to their sources' DOIs (checked through
    GUTGUIDE_DOI_RESOLVER) and URLs."""
    for reference in article.references.all():
        source = reference.source
        where = f"Reference {reference.position} {quoted(source.title)}"
        if source.doi:
            yield where, links.doi_url(source.doi)
        if source.url:
            yield where, source.url


PREFETCH.append("references__source")


# --- Citations ----------------------------------------------------------------------------

NO_SOURCE = "cites no source: pick the sources it rests on (Evidence), or remove the claim."


@register("key-point-citations", prefetch=["key_points__sources"])
def key_point_citations(article, run):
    for point in article.key_points.all():
        if not point.sources.all():
            yield Problem(key_point_name(point), NO_SOURCE)


@register("comparison-citations")
def comparison_row_citations(article, run):
    """The rows of the tables placed in the article: readers take each for a claim."""
    for comparison in run.comparisons(article):
        for row in comparison.rows.all():
            if not row.sources.all():
                yield Problem(
                    f"Row {quoted(row.feature)} of the comparison {quoted(comparison.title)}",
                    NO_SOURCE,
                )


# --- What a save changes ----------------------------------------------------------------------


def watch(model, article_id_of):
    """Recount an article when a row of `model` that belongs to it is saved or deleted
    (`article_id_of(row)` names the article, or None)."""

    def changed(sender, instance, raw=False, **kwargs):
        if not raw:
            refresh_later(article_ids=[article_id_of(instance)])

    uid = f"articles.checks:{model._meta.label_lower}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid)


def watch_sources(model, owners):
    """Recount when the sources of a claim (evidence.Graded) change alone, outside a save of
    its article (which recounts anyway). `owners(claim)`: refresh_later()'s arguments."""

    def changed(sender, instance, action, reverse, **kwargs):
        if action.startswith("post_") and not reverse:
            refresh_later(**owners(instance))

    uid = f"articles.checks:{model._meta.label_lower}:sources"
    m2m_changed.connect(changed, sender=model.sources.through, weak=False, dispatch_uid=uid)


def _address_state(sender, instance, raw=False, **kwargs):
    """Before an article or comparison is saved: its address and visibility as stored."""
    if raw or instance.pk is None:
        instance._checks_saved_state = None
        return
    instance._checks_saved_state = (
        sender._base_manager.filter(pk=instance.pk)
        .values_list("slug", "status", "published_at")
        .first()
    )


def _linked_paths(instance, created=False, deleted=False):
    """The addresses of `instance` whose links may now lead elsewhere: its old and new one
    when it was created, deleted, moved, or (un)published."""
    before = getattr(instance, "_checks_saved_state", None)
    now = (instance.slug, instance.status, instance.published_at)
    if not (created or deleted or before is None or before != now):
        return []
    slugs = {instance.slug, *([before[0]] if before else [])}
    return [path_of(instance, slug) for slug in slugs]


def path_of(instance, slug):
    prefix = instance.get_absolute_url().removesuffix(f"{instance.slug}/")
    return f"{prefix}{slug}/"


def _article_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw:
        refresh_later([instance.pk], linked_paths=_linked_paths(instance, created))


def _article_deleted(sender, instance, **kwargs):
    refresh_later(linked_paths=_linked_paths(instance, deleted=True))


def _comparison_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw:
        refresh_later(comparison_ids=[instance.pk], linked_paths=_linked_paths(instance, created))


def _comparison_deleted(sender, instance, **kwargs):
    refresh_later(
        article_ids=Article.objects.filter(placements__comparison_slug=instance.slug).values_list(
            "pk", flat=True
        ),
        linked_paths=_linked_paths(instance, deleted=True),
    )


def _count_after_migrate(sender, apps=None, **kwargs):
    # Only when the migrated state has the count (not after migrating backwards).
    model = apps.get_model("articles", "Article") if apps else Article
    if any(field.name == "problem_count" for field in model._meta.fields):
        count_uncounted()


def connect(app_config):
    """Keep the stored counts in step (called from ArticlesConfig.ready)."""
    from_articles = "articles.checks"
    for model, saved, deleted in (
        (Article, _article_saved, _article_deleted),
        (Comparison, _comparison_saved, _comparison_deleted),
    ):
        uid = f"{from_articles}:{model._meta.label_lower}"
        pre_save.connect(_address_state, sender=model, weak=False, dispatch_uid=uid)
        pre_delete.connect(_address_state, sender=model, weak=False, dispatch_uid=uid)
        post_save.connect(saved, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=uid)
    watch(KeyPoint, lambda point: point.article_id)
    watch(Reference, lambda reference: reference.article_id)
    watch_sources(KeyPoint, lambda point: {"article_ids": [point.article_id]})
    watch_sources(ComparisonRow, lambda row: {"comparison_ids": [row.comparison_id]})
    for part in (ComparisonRow, ComparisonSubject):

        def part_changed(sender, instance, raw=False, **kwargs):
            if not raw:
                refresh_later(comparison_ids=[instance.comparison_id])

        uid = f"{from_articles}:{part._meta.label_lower}"
        post_save.connect(part_changed, sender=part, weak=False, dispatch_uid=uid)
        post_delete.connect(part_changed, sender=part, weak=False, dispatch_uid=uid)
    post_migrate.connect(
        _count_after_migrate, sender=app_config, weak=False, dispatch_uid=from_articles
    )


# --- Publishing despite problems -----------------------------------------------------------


def fingerprints(problems):
    """Short fingerprints of these problems, for a form to say which ones a medical
    reviewer saw when confirming (a hidden field): "a1b2c3d4e5f6 0f9e8d7c6b5a"."""
    return " ".join(hashlib.sha256(str(problem).encode()).hexdigest()[:12] for problem in problems)


def confirmed(problems, seen):
    """Whether every one of `problems` is among those a reviewer confirmed (`seen`, as
    fingerprints() gave them): fewer problems than confirmed is fine, a new one is not."""
    return set(fingerprints(problems).split()) <= set((seen or "").split())


def confirmation(problems, user_name):
    """The reason recorded in the article's history when it is published despite them."""
    count = len(problems)
    listed = "; ".join(str(problem) for problem in problems)
    noun = "problem" if count == 1 else "problems"
    return f"Published despite {count} {noun}, confirmed by {user_name}: {listed}"
