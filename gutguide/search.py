"""
Reader search over everything readers may see: articles, comparisons and questions.

Each app registers its searchable models here, in its AppConfig.ready(), with `register()`:
the model gives its text as a `Document` (title, summary, body) from `search_document()`,
and names the models whose rows are part of that text (an article's key points, a
comparison's subjects, rows and values). This module then keeps one SearchEntry per record
in step on every save and delete, in the same transaction as the change.

Searching uses the database's own full-text search (made by this app's migration):
PostgreSQL's tsvector with weights (title A, summary B, body C) and a GIN index, or SQLite's
FTS5 with the porter stemmer. Every word of a query must match (in any of its forms:
"tests" finds "tested"); a title match ranks above a summary match above a body match, and
ties go to the most recently published. Who may see a record is decided at query time by
joining each model's own `published()`, so publishing, unpublishing, a scheduled time coming
and a question following its article need no re-indexing.

This module imports no app.
"""

import re
import unicodedata
from collections.abc import Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import NotSupportedError, connection, connections
from django.db.models import F, QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import SearchEntry

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
# Enough for any real article; bounds the work (and PostgreSQL's 1 MB tsvector limit).
MAX_INDEXED_CHARS = 200_000
# Excerpts quote the first 20,000 characters of a text (ts_headline reads all it is given).
MAX_EXCERPT_SOURCE_CHARS = 20_000
EXCERPT_WORDS = 30
INDEX_BATCH = 500

# Too common to search for: PostgreSQL's English stop words (the Snowball list). PostgreSQL
# drops them from documents and queries; SQLite's FTS5 keeps them, so queries drop them here
# on both databases to answer the same.
STOP_WORDS = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am is are was were be been being have has had having do does did
    doing a an the and but if or because as until while of at by for with about against between
    into through during before after above below to from up down in out on off over under again
    further then once here there when where why how all any both each few more most other some
    such no nor not only own same so than too very s t can will just don should now
    """.split()  # noqa: SIM905 - the list as PostgreSQL ships it, readable
)
WORD_RE = re.compile(r"[^\W_]+")

# Private-use characters mark the matched words in excerpts before the text is escaped;
# they are removed from everything indexed, so only these marks can be there.
MARK_START, MARK_END = "\ue000", "\ue001"
# Keeps PostgreSQL's parser from taking "<word" in reader-visible text for an HTML tag, which
# ts_headline would drop.
TAG_GUARD = "\ue002"
UNINDEXED_RE = re.compile("[\ue000-\ue002\x00]")


# --- What gets indexed ---------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """A record's text for search, in three weighted parts (plain text, not HTML)."""

    title: str
    summary: str = ""
    body: str = ""

    def cleaned(self):
        def clean(text):
            return UNINDEXED_RE.sub("", text or "")[:MAX_INDEXED_CHARS]

        return Document(clean(self.title), clean(self.summary), clean(self.body))


@dataclass
class Kind:
    """A registered searchable model."""

    model: type
    parts: dict = field(default_factory=dict)
    prefetch: tuple = ()
    results: object = None

    @property
    def label(self):
        return self.model._meta.label_lower

    @property
    def name(self):
        """For templates: "article", "comparison", "question"."""
        return self.model._meta.model_name

    @property
    def verbose_name(self):
        return self.model._meta.verbose_name

    def published(self):
        return self.model._default_manager.published()

    def records(self, pks):
        """The records `pks`, ready to show as results: {pk: record}. (Whether readers may
        see them was decided by the search that found them, an instant before.)"""
        records = self.model._default_manager.all()
        if self.results is not None:
            records = self.results(records)
        return records.in_bulk(pks)


KINDS = {}  # label -> Kind, in the order of registration


def register(model, *, parts=None, prefetch=(), results=None):
    """Make `model` searchable and keep its entries in step on every save and delete.

    `model` needs `search_document()` (a Document) and a manager with `published()`.
    `parts` maps models whose rows are part of its text to a function giving the record's
    pk for such a row (or None). `prefetch` is what `search_document()` reads, for indexing
    many records at once; `results` adjusts the queryset of records shown as results.
    """
    kind = Kind(model, dict(parts or {}), tuple(prefetch), results)
    KINDS[kind.label] = kind
    uid = f"gutguide.search:{kind.label}"
    post_save.connect(_record_saved, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(_record_deleted, sender=model, weak=False, dispatch_uid=uid)
    for part, record_pk in kind.parts.items():
        receiver = _part_receiver(kind, record_pk)
        part_uid = f"{uid}:{part._meta.label_lower}"
        post_save.connect(receiver, sender=part, weak=False, dispatch_uid=part_uid)
        post_delete.connect(receiver, sender=part, weak=False, dispatch_uid=part_uid)
    return kind


def _kind_of(model):
    return KINDS[model._meta.label_lower]


def _part_receiver(kind, record_pk):
    """The signal receiver for saves and deletes of a part's rows."""

    def part_changed(sender, instance, raw=False, origin=None, **kwargs):
        if raw or _deleting(kind, origin):
            return
        pk = record_pk(instance)
        if pk is not None:
            _changed(kind, pk)

    return part_changed


def _deleting(kind, origin):
    """Whether a part's row goes because its record is being deleted (nothing to re-index)."""
    if isinstance(origin, QuerySet):
        return origin.model is kind.model
    return isinstance(origin, kind.model)


def _record_saved(sender, instance, raw=False, **kwargs):
    # Fixtures loaded raw may arrive before their parts: `rebuild_search_index` after them.
    if not raw:
        _changed(_kind_of(sender), instance.pk)


def _record_deleted(sender, instance, **kwargs):
    _changed(_kind_of(sender), instance.pk)


_pending = ContextVar("gutguide_search_pending", default=None)


def _changed(kind, pk):
    pending = _pending.get()
    if pending is None:
        index(kind.model, [pk])
    else:
        pending.setdefault(kind.label, set()).add(pk)


@contextmanager
def batch():
    """Re-index each changed record once, when the block ends, instead of on every save
    (writing a whole comparison table saves hundreds of rows of one record). Nothing is
    indexed if the block raises: its transaction is being rolled back."""
    if _pending.get() is not None:
        yield
        return
    pending = {}
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    for label, pks in pending.items():
        index(KINDS[label].model, pks)


def index(model, pks):
    """Bring the entries of these records of `model` in step with them: written from their
    current text, or removed for records that no longer exist."""
    kind = _kind_of(model)
    pks = list(pks)
    for start in range(0, len(pks), INDEX_BATCH):
        chunk = pks[start : start + INDEX_BATCH]
        records = model._base_manager.filter(pk__in=chunk).prefetch_related(*kind.prefetch)
        documents = {record.pk: record.search_document() for record in records}
        _write(kind, documents)
        gone = set(chunk) - documents.keys()
        if gone:
            SearchEntry.objects.filter(kind=kind.label, object_id__in=gone).delete()


def _write(kind, documents):
    """Write the entries whose text changed (publishing, for one, changes none): every
    rewrite costs the full-text index work and, on PostgreSQL, a dead row to vacuum."""
    documents = {pk: document.cleaned() for pk, document in documents.items()}
    saved = SearchEntry.objects.filter(kind=kind.label, object_id__in=documents)
    saved = {
        object_id: Document(title, summary, body)
        for object_id, title, summary, body in saved.values_list(
            "object_id", "title", "summary", "body"
        )
    }
    entries = [
        SearchEntry(
            kind=kind.label,
            object_id=pk,
            title=document.title,
            summary=document.summary,
            body=document.body,
        )
        for pk, document in documents.items()
        if saved.get(pk) != document
    ]
    if not entries:
        return
    SearchEntry.objects.bulk_create(
        entries,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=["title", "summary", "body"],
    )


def rebuild():
    """Index every record of every registered model from scratch; returns {label: count}."""
    counts = {}
    SearchEntry.objects.exclude(kind__in=KINDS).delete()
    for kind in KINDS.values():
        records = kind.model._base_manager.order_by("pk")
        gone = SearchEntry.objects.filter(kind=kind.label).exclude(
            object_id__in=records.values("pk")
        )
        gone.delete()
        pks = list(records.values_list("pk", flat=True))
        index(kind.model, pks)
        counts[kind.label] = len(pks)
    return counts


def tidy():
    """After writing many entries: PostgreSQL vacuums and analyzes the table (as autovacuum
    would, later); SQLite merges the FTS5 index's segments."""
    _backend().tidy()


def fill_empty_index(using="default", **kwargs):
    """After `migrate`: index everything if the index is empty (a database that had content
    before search existed, or restored without it). A post_migrate receiver."""
    tables = connections[using].introspection.table_names()
    if SearchEntry._meta.db_table in tables and not SearchEntry.objects.using(using).exists():
        rebuild()


# --- Searching -----------------------------------------------------------------------------


def terms(query):
    """The words to search for: at most MAX_TERMS distinct words of the query's first
    MAX_QUERY_LENGTH characters, lower case, without the stop words. Anything else (quotes,
    operators, brackets, NUL bytes, lone surrogates) is not a word and is dropped."""
    text = unicodedata.normalize("NFKC", query[:MAX_QUERY_LENGTH])
    words = (word.lower() for word in WORD_RE.findall(text))
    return list(dict.fromkeys(word for word in words if word not in STOP_WORDS))[:MAX_TERMS]


@dataclass
class Hit:
    """One result: the record as readers may see it, its kind and a marked excerpt."""

    kind: Kind
    record: object
    excerpt: str

    @property
    def title(self):
        return str(self.record)

    @property
    def url(self):
        return self.record.get_absolute_url()


def find(words, offset=0, limit=10):
    """The visible records matching every word, best first: (hits of this window, total).

    A constant number of queries whatever the number of results: one for the window and
    the total, one for the excerpts, one per kind shown to fetch the records.
    """
    if not words or not KINDS:
        return [], 0
    backend = _backend()
    rows = backend.matches(words, list(KINDS.values()), offset, limit)
    if not rows:
        return [], 0
    total = rows[0][3]
    excerpts = backend.excerpts(words, [row[0] for row in rows])
    wanted = {}
    for _, label, pk, _ in rows:
        wanted.setdefault(label, []).append(pk)
    records = {label: KINDS[label].records(pks) for label, pks in wanted.items()}
    hits = []
    for entry_id, label, pk, _ in rows:
        record = records[label].get(pk)
        if record is not None:  # deleted since, an instant ago
            hits.append(Hit(KINDS[label], record, excerpts.get(entry_id, "")))
    return hits, total


class _Window(Sequence):
    """One page of results standing in for all `total` of them, so that Django's Paginator
    can number the pages without a second count."""

    def __init__(self, hits, total, offset):
        self.hits, self.total, self.offset = hits, total, offset

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        if isinstance(index, slice) and (index.start or 0) == self.offset:
            return self.hits
        raise IndexError("Only the fetched page of results is here.")


def results_page(words, number, per_page):
    """Page `number` (as given in the URL) of the results for `words`, as a Django Page.
    Raises InvalidPage for a page that is not a number or past the last one."""
    try:
        number = int(number)
    except (TypeError, ValueError) as error:
        raise PageNotAnInteger("That page number is not an integer.") from error
    if number < 1:
        raise EmptyPage("That page number is less than 1.")
    offset = (number - 1) * per_page
    hits, total = find(words, offset=offset, limit=per_page)
    return Paginator(_Window(hits, total, offset), per_page).page(number)


def _backend():
    backend = BACKENDS.get(connection.vendor)
    if backend is None:
        raise NotSupportedError(f"Search needs PostgreSQL or SQLite, not {connection.vendor}.")
    return backend


def _published(kind):
    """SQL for the records of `kind` readers may see, as rows (shown_id, date), and params."""
    published = kind.published().order_by().values(shown_id=F("pk"), date=F("published_at"))
    return published.query.sql_with_params()


def _found(kinds, entries, columns):
    """SQL uniting, kind by kind, the rows of `entries` (aliased `e`) whose record readers
    may see (its `published()`): `columns` and the record's publish date (`date`). Each kind
    gets a join of its own, so that the planner sizes each on its own."""
    parts, params = [], []
    for kind in kinds:
        sql, published_params = _published(kind)
        parts.append(
            f"SELECT {columns}, k.date FROM {entries} "
            f"JOIN ({sql}) k ON k.shown_id = e.object_id WHERE e.kind = %s"
        )
        params += [*published_params, kind.label]
    return " UNION ALL ".join(parts), params


def _marked(text):
    """Plain text with our marks, escaped, as HTML with <mark>."""
    html = escape(" ".join(text.split()))
    return mark_safe(  # noqa: S308 - everything but our own marks is escaped
        html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )


def _excerpt(parts):
    """The first part with a matched word, else the first part with text."""
    parts = [part for part in parts if part and part.strip()]
    for part in parts:
        if MARK_START in part:
            return _marked(part)
    return _marked(parts[0]) if parts else ""


class PostgresBackend:
    """tsvector columns made by the migration: `title_vector` (weight A), `summary_vector`
    (B) and `document` (title A, summary B, body C; GIN-indexed). Each word is parsed by
    plainto_tsquery, so no query syntax reaches the parser; `&&` needs every word, `||` any."""

    CONFIG = "gutguide"  # English, accents folded (see the migration)

    def _query(self, words, operator):
        single = f"plainto_tsquery('{self.CONFIG}', %s)"
        return f"({f' {operator} '.join([single] * len(words))})", list(words)

    def matches(self, words, kinds, offset, limit):
        every, every_params = self._query(words, "&&")
        some, some_params = self._query(words, "||")
        # The matches are read once (one pass through the GIN index and the table), then
        # each kind's are joined to its published records.
        found, found_params = _found(kinds, "hits e", "e.id, e.kind, e.object_id, e.title_vector")
        # "@@ (SELECT ...)": the planner cannot guess from statistics how many entries a
        # query matches, so it always goes through the GIN index. With a common word it
        # would otherwise read every row, and its cost model does not see that each then
        # has its document fetched from TOAST and unpacked (ten times slower here).
        sql = f"""
            WITH hits AS MATERIALIZED (
                SELECT id, kind, object_id, title_vector FROM gutguide_searchentry
                WHERE document @@ (SELECT {every})
            ),
            found AS ({found})
            SELECT id, kind, object_id, COUNT(*) OVER () FROM found
            ORDER BY
                CASE
                    WHEN title_vector @@ {every} THEN 0
                    WHEN title_vector @@ {some} THEN 1
                    WHEN id IN (
                        SELECT id FROM gutguide_searchentry
                        WHERE summary_vector @@ (SELECT {some})
                    ) THEN 2
                    ELSE 3
                END,
                date DESC NULLS LAST,
                id DESC
            LIMIT %s OFFSET %s
        """
        params = [
            *every_params,
            *found_params,
            *every_params,
            *some_params,
            *some_params,
            limit,
            offset,
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def tidy(self):
        # VACUUM cannot run inside a transaction; fresh statistics then still help.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            cursor.execute(f"{command} gutguide_searchentry")

    def excerpts(self, words, entry_ids):
        some, some_params = self._query(words, "||")
        options = (
            f"StartSel={MARK_START}, StopSel={MARK_END}, MaxFragments=1, "
            f"MaxWords={EXCERPT_WORDS}, MinWords={EXCERPT_WORDS // 2}, FragmentDelimiter=…"
        )
        source = f"replace(left({{}}, {MAX_EXCERPT_SOURCE_CHARS}), '<', '<{TAG_GUARD}')"
        headline = f"ts_headline('{self.CONFIG}', {source}, {some}, %s)"
        sql = f"""
            SELECT id, {headline.format("summary")}, summary, {headline.format("body")}, body
            FROM gutguide_searchentry WHERE id = ANY(%s)
        """
        each = [*some_params, options]
        with connection.cursor() as cursor:
            cursor.execute(sql, [*each, *each, list(entry_ids)])
            rows = cursor.fetchall()
        return {
            entry_id: _excerpt([_ellipsis(summary_hl, summary), _ellipsis(body_hl, body)])
            for entry_id, summary_hl, summary, body_hl, body in rows
        }


def _ellipsis(fragment, text):
    """ts_headline's fragment of `text` with "…" where it cuts into the text, as FTS5's
    snippet has them (and the punctuation it leaves off the ends put back)."""
    if not fragment:
        return fragment
    fragment = " ".join(fragment.replace(TAG_GUARD, "").split())
    plain = fragment.replace(MARK_START, "").replace(MARK_END, "")
    text = " ".join(text.split())
    start = text.find(plain)
    if start < 0:
        return fragment
    before, after = text[:start], text[start + len(plain) :]
    head = "…" if WORD_RE.search(before) else before
    tail = "…" if WORD_RE.search(after) else after
    return f"{head}{fragment}{tail}"


class SqliteBackend:
    """The FTS5 table made by the migration (columns title, summary, body; porter stemmer).
    Each word goes in as a quoted string, so no query syntax reaches FTS5."""

    TABLE = "gutguide_searchentry_fts"

    def _query(self, words, operator, column=None):
        quoted = f" {operator} ".join('"{}"'.format(word.replace('"', '""')) for word in words)
        return f"{{{column}}} : ({quoted})" if column else quoted

    def matches(self, words, kinds, offset, limit):
        # One pass over the matches; each is looked up only in its own kind's published
        # records (a primary-key search), which gives the date it was published or NULL.
        dates, date_params = [], []
        for kind in kinds:
            sql, published_params = _published(kind)
            dates.append(
                "WHEN %s THEN (SELECT COALESCE(k.date, '') "
                f"FROM ({sql}) k WHERE k.shown_id = e.object_id)"
            )
            date_params += [kind.label, *published_params]
        # Tiers: every word in the title, some word in the title, some in the summary; with
        # one word the first two are the same.
        tiers = [("title", "AND"), ("title", "OR"), ("summary", "OR")]
        if len(words) == 1:
            tiers.pop(0)
        in_fts = f"e.id IN (SELECT rowid FROM {self.TABLE} WHERE {self.TABLE} MATCH %s)"
        whens = " ".join(f"WHEN {in_fts} THEN {tier}" for tier in range(len(tiers)))
        # MATERIALIZED: each match's date and tier are computed once, where a subquery
        # would be flattened into the outer query and its CASE run twice (filter and order).
        sql = f"""
            WITH found AS MATERIALIZED (
                SELECT e.id, e.kind, e.object_id,
                    CASE e.kind {" ".join(dates)} END AS date,
                    CASE {whens} ELSE {len(tiers)} END AS tier
                FROM {self.TABLE} f JOIN gutguide_searchentry e ON e.id = f.rowid
                WHERE {self.TABLE} MATCH %s
            )
            SELECT id, kind, object_id, COUNT(*) OVER () FROM found
            WHERE date IS NOT NULL
            ORDER BY tier, date DESC, id DESC
            LIMIT %s OFFSET %s
        """
        params = [
            *date_params,
            *(self._query(words, operator, column) for column, operator in tiers),
            self._query(words, "AND"),
            limit,
            offset,
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def tidy(self):
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {self.TABLE} ({self.TABLE}) VALUES ('optimize')")

    def excerpts(self, words, entry_ids):
        snippet = f"snippet({self.TABLE}, {{}}, %s, %s, '…', {EXCERPT_WORDS})"
        placeholders = ", ".join(["%s"] * len(entry_ids))
        sql = f"""
            SELECT rowid, {snippet.format(1)}, {snippet.format(2)}
            FROM {self.TABLE}
            WHERE {self.TABLE} MATCH %s AND rowid IN ({placeholders})
        """
        marks = [MARK_START, MARK_END]
        with connection.cursor() as cursor:
            cursor.execute(sql, [*marks, *marks, self._query(words, "OR"), *entry_ids])
            rows = cursor.fetchall()
        return {entry_id: _excerpt([summary, body]) for entry_id, summary, body in rows}


BACKENDS = {"postgresql": PostgresBackend(), "sqlite": SqliteBackend()}
