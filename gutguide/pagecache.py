"""
The readers' page cache: whole pages kept compressed in the shared cache and served before
sessions, CSRF, URL resolution or any view run, never stale. Imports no app.

Fresh after every edit
    Every stored page belongs to a content *generation*, a random token in the shared cache.
    Saving or deleting any record of the content apps (settings.PAGE_CACHE_APPS), or changing
    one of their many-to-many relations, starts a new generation, so models that other
    features add to those apps are covered without being listed. The new generation starts
    when the transaction commits, and at once where a reader may already see the change.
    Writes that send no signals (QuerySet.update(), bulk_create(), raw SQL) call
    content_changed() themselves. A generation also ends at the next scheduled publish time
    of any Publishable model, so a page never outlives the moment an article, comparison or
    question is due; and no page is kept longer than settings.PAGE_CACHE_TIMEOUT. Deploying
    other templates or code changes the key prefix (release_fingerprint), so pages of the
    previous release are never served.

Stored fragments
    What a page shows that changes only when content does (the rendered content of an
    article, a comparison or a page of /faq/; the footer's disclaimer) is kept in the same
    shared cache as a Fragment, under the same rules: it belongs to the generation it was
    made in and to the release that made it, so a view that runs uncached
    (GUTGUIDE_PAGE_CACHE=0, a query string, a logged-in editor) is quick too and never shows
    anything older than a stored page could.

Only what every reader would see
    Requests that carry a session or messages cookie or an Authorization header, any method
    but GET and HEAD, and query strings other than `page=N` on a paginated list view go
    straight to the view and are never stored: staff, previews and the admin are never
    cached, and junk query strings cannot fill the cache. Only 200 responses that set no
    cookie (a CSRF token sets one), vary on nothing but Cookie and Accept-Encoding, used no
    CSP nonce and are not marked private, no-cache or no-store (previews are) are stored.

Cheap to serve
    A page is stored once per encoding (brotli, gzip, none) with a weak ETag; a hit costs one
    round trip (Redis MGET) or a few small file reads, answers 304 to a matching
    If-None-Match and says `X-Cache: HIT` (`MISS` when the view ran). Pages readers get
    uncached (search results, or everything with GUTGUIDE_PAGE_CACHE=0) are compressed per
    request. Pages for session holders, and private pages or pages that set a cookie, are
    left uncompressed: they may carry CSRF tokens, and compressing secrets beside reflected
    input invites BREACH.
"""

import functools
import gzip
import hashlib
import logging
import math
import re
import secrets
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.http.request import split_domain_port
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags

from .models import Publishable, Status

try:
    import brotli
except ImportError:  # pragma: no cover - brotli is in requirements.txt; gzip still works
    brotli = None

logger = logging.getLogger(__name__)

# (token, until): the current generation and the time.time() it ends (math.inf: never).
GENERATION_KEY = "pagecache:generation"
PAGE_QUERY_RE = re.compile(r"page=[1-9][0-9]{0,5}")
MIN_COMPRESS_BYTES = 200
COMPRESSIBLE_TYPES = ("text/", "application/xml", "application/rss", "application/json")
# Stored pages are compressed once per generation; uncached ones on every request.
BROTLI_QUALITY = {"stored": 6, "per_request": 4}
NO_STORE_DIRECTIVES = {"private", "no-cache", "no-store"}
ALLOWED_VARY = {"cookie", "accept-encoding"}


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


# --- Generations -------------------------------------------------------------------------------


def next_scheduled_time():
    """time.time() of the next moment a published record of the content apps comes out
    (math.inf if none is scheduled): one small query per Publishable model."""
    now = timezone.now()
    times = [
        model._base_manager.filter(status=Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
        for model in content_models()
        if issubclass(model, Publishable)
    ]
    return min((moment.timestamp() for moment in times if moment), default=math.inf)


def current_generation(record):
    """(token, until) from the cache's record, or (None, 0), an ended one, for anything
    else (none yet, or written by another version of this module)."""
    if isinstance(record, tuple) and len(record) == 2 and isinstance(record[1], int | float):
        return record
    return None, 0


# Whether this process stored a page since it last started a generation (see content_changed).
_stored_since_bump = False


def start_generation(until):
    """Start a new generation that ends at `until` (time.time()); returns (token, until)."""
    global _stored_since_bump
    generation = (secrets.token_hex(8), until)
    page_cache().set(GENERATION_KEY, generation, timeout=None)
    _stored_since_bump = False
    return generation


def new_generation():
    """Start a new generation, its end read from the database."""
    return start_generation(next_scheduled_time())


def read_with_generation(keys):
    """({key: value} for `keys`, (token, until) of the current generation) in one read of
    the shared cache, starting a new generation if the current one has ended. Raises what
    the cache raises."""
    found = page_cache().get_many([GENERATION_KEY, *keys])
    generation, until = current_generation(found.pop(GENERATION_KEY, None))
    if time.time() >= until:
        generation, until = new_generation()
    return found, (generation, until)


def storing_timeout(until):
    """Seconds to keep what is stored now: PAGE_CACHE_TIMEOUT, at most until the generation
    ends."""
    timeout = settings.PAGE_CACHE_TIMEOUT
    if until is not None and until != math.inf:
        timeout = max(1, min(timeout, math.ceil(until - time.time())))
    return timeout


def stored(entries, until):
    """Store `entries` ({key: value}) in the shared cache until the generation ends."""
    global _stored_since_bump
    # Set first: a page read in a transaction that then writes must start a new generation.
    _stored_since_bump = True
    page_cache().set_many(entries, timeout=storing_timeout(until))


def _bump(publishes_at=None):
    """Start a new generation that ends when the current one does, or sooner if the record
    just saved is due before that."""
    token, until = current_generation(page_cache().get(GENERATION_KEY))
    if token is None:
        until = next_scheduled_time()
    start_generation(until if publishes_at is None else min(until, publishes_at))


def _new_generation_after_commit():
    try:
        new_generation()
    except Exception:
        logger.exception("The page cache could not start a new generation after a commit.")


def content_changed(using=None, publishes_at=None):
    """Readers' pages may show something else now: no stored page is served again.

    Called for every save and delete of the content apps' models; call it after writes that
    send no signals. `publishes_at` (time.time()) is when the written record comes out, if
    it is scheduled."""
    connection = transaction.get_connection(using)
    try:
        if not connection.in_atomic_block:
            new_generation()  # the write is committed: read the schedule as it now is
            return
        # In a transaction, the generation that matters starts when it commits (below): other
        # connections cannot see the rows before. Only a page stored by this process, which
        # may have read them on this connection (a test's client does), or a record due at
        # a time of its own, starts one now; a table of 300 rows does not start 1,200.
        if _stored_since_bump or publishes_at is not None:
            _bump(publishes_at)
    except Exception:
        # The editor's save goes on; pages are still bounded by PAGE_CACHE_TIMEOUT.
        logger.exception("The page cache could not start a new generation.")
        return
    # Once per transaction (Django drops the callback with a rolled-back savepoint).
    if not any(func is _new_generation_after_commit for _, func, _ in connection.run_on_commit):
        transaction.on_commit(_new_generation_after_commit, using=using)


def content_models():
    return [
        model
        for label in settings.PAGE_CACHE_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]


def _scheduled(instance):
    if (
        isinstance(instance, Publishable)
        and instance.status == Status.PUBLISHED
        and instance.published_at is not None
        and instance.published_at > timezone.now()
    ):
        return instance.published_at.timestamp()
    return None


def _record_changed(sender, instance=None, using=None, action="post_", **kwargs):
    if action.startswith("post_") and sender._meta.app_label in settings.PAGE_CACHE_APPS:
        content_changed(using=using, publishes_at=_scheduled(instance))


def connect_signals():
    """Every save, delete and many-to-many change of the content apps' models (gutguide's
    AppConfig.ready calls this)."""
    for name, signal in (("save", post_save), ("delete", post_delete), ("m2m", m2m_changed)):
        signal.connect(_record_changed, dispatch_uid=f"gutguide.pagecache.{name}")


# --- Release -----------------------------------------------------------------------------------


@functools.cache
def release_fingerprint():
    """A short hash of what renders pages (the project's templates and Python code, the
    static files manifest), so that a deploy never serves pages stored by the release
    before it."""
    base = Path(settings.BASE_DIR)
    roots = [Path(folder) for engine in settings.TEMPLATES for folder in engine.get("DIRS", [])]
    roots += [
        Path(config.path)
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(base)
    ]
    files = sorted(
        {path for root in roots for path in root.rglob("*") if path.suffix in (".py", ".html")}
    )
    digest = hashlib.blake2b(digest_size=6)
    for path in [*files, Path(settings.STATIC_ROOT) / "staticfiles.json"]:
        if path.is_file():
            digest.update(str(path).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


# --- Stored fragments --------------------------------------------------------------------------


FRAGMENT_PREFIX = "fragment:"


class Fragment:
    """A value a page shows that depends on the content only (no request, no user, no host),
    kept in the shared cache under `name` for the current content generation and release:
    made again after any edit of the content apps, at the next scheduled publish time and
    after a deploy. Whatever the cache does, callers get None from read() (render it) rather
    than an error, and store() never fails. With settings.STORED_PAGES off nothing is read
    or stored."""

    def __init__(self, name):
        # Hashed: names may carry what a reader typed (a slug in a URL), of any length.
        digest = hashlib.blake2b(name.encode(), digest_size=12).hexdigest()
        self.name = name
        self.key = f"{FRAGMENT_PREFIX}{release_fingerprint()}:{digest}"
        self.generation = None  # (token, until) read with the value; None: cache unavailable

    def read(self):
        """The stored value, or None. Read before the value is rendered, so that what is
        stored belongs to the generation of the rows it was made of (or an older one)."""
        if not settings.STORED_PAGES:
            return None
        try:
            found, self.generation = read_with_generation([self.key])
        except Exception:
            logger.exception("The page cache is unavailable; rendering %s.", self.name)
            return None
        entry = found.get(self.key)
        if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == self.generation[0]:
            return entry[1]
        return None

    def store(self, value):
        """Keep `value` (picklable) for the generation read() saw."""
        if self.generation is None:
            return
        token, until = self.generation
        try:
            stored({self.key: (token, value)}, until)
        except Exception:
            logger.exception("The page cache could not store %s.", self.name)


# --- Compression and validators ----------------------------------------------------------------


def accepted_encodings(request):
    accepted = set()
    for item in request.META.get("HTTP_ACCEPT_ENCODING", "").lower().split(","):
        name, _, params = item.partition(";")
        if params.replace(" ", "") not in {"q=0", "q=0.0", "q=0.00", "q=0.000"}:
            accepted.add(name.strip())
    return accepted


def compressed(body, kind, encoding):
    if encoding == "br":
        return brotli.compress(body, quality=BROTLI_QUALITY[kind], mode=brotli.MODE_TEXT)
    return gzip.compress(body, compresslevel=6, mtime=0)


def encodings_for(response):
    """The encodings worth storing or sending for this response, best first."""
    kind = response.get("Content-Type", "")
    if len(response.content) < MIN_COMPRESS_BYTES or not kind.startswith(COMPRESSIBLE_TYPES):
        return []
    return ["br", "gzip"] if brotli else ["gzip"]


def wanted_encoding(request):
    """The encoding a client gets if the page is worth compressing: "br", "gzip" or ""."""
    accepted = accepted_encodings(request)
    if brotli and "br" in accepted:
        return "br"
    return "gzip" if "gzip" in accepted else ""


def cache_directives(response):
    return {
        part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",")
    }


def etag_for(body):
    # Weak: one validator for the page whatever its encoding.
    return f'W/"{hashlib.blake2b(body, digest_size=12).hexdigest()}"'


def not_modified(request, etag):
    header = request.META.get("HTTP_IF_NONE_MATCH")
    if not header:
        return False
    wanted = {tag.removeprefix("W/") for tag in parse_etags(header)}
    return "*" in wanted or etag.removeprefix("W/") in wanted


# --- The middleware ----------------------------------------------------------------------------


class PageCacheMiddleware:
    """The first middleware: a stored page is served before any other runs, with the headers
    the others gave it (security headers, CSP). Static files pass straight through."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = settings.PAGE_CACHE
        self.prefix = f"page:{release_fingerprint()}:"
        self.static_prefix = "/" + settings.STATIC_URL.lstrip("/")
        self.no_cache_cookies = {settings.SESSION_COOKIE_NAME, "messages"}

    def __call__(self, request):
        if not self.is_anonymous_read(request):
            return self.get_response(request)
        key = self.key(request) if self.enabled else None
        if key is None:
            return self.compress(request, self.get_response(request))

        encoding = wanted_encoding(request)
        try:
            found, (generation, until) = read_with_generation([key + encoding])
        except Exception:
            logger.exception("The page cache is unavailable; serving uncached.")
            return self.compress(request, self.get_response(request))

        entry = found.get(key + encoding)
        if entry is not None and entry[0] == generation:
            return self.serve(request, entry, "HIT")
        response = self.get_response(request)
        if not self.storable(request, response):
            return self.compress(request, response)
        return self.store(request, response, key, encoding, generation, until)

    # Which requests and responses -----------------------------------------------------------

    def is_anonymous_read(self, request):
        return (
            request.method in ("GET", "HEAD")
            and not request.path_info.startswith(self.static_prefix)
            and self.no_cache_cookies.isdisjoint(request.COOKIES)
            and "HTTP_AUTHORIZATION" not in request.META
        )

    def key(self, request):
        """The page's key, or None for a request that must not be stored: a query string
        other than `page=N`, or a Host header in capitals or with a port other than the
        server's own (each would make another copy: absolute URLs repeat it)."""
        meta = request.META
        query = meta.get("QUERY_STRING", "")
        if query and not PAGE_QUERY_RE.fullmatch(query):
            return None
        # Only a host the view accepts (ALLOWED_HOSTS) ever gets a page stored, written as
        # pages write it back (canonical URLs): in lower case.
        host = meta.get("HTTP_HOST") or meta.get("SERVER_NAME", "")
        domain, port = split_domain_port(host)
        if host != host.lower() or (port and port != meta.get("SERVER_PORT")):
            return None
        url = f"{request.scheme}://{domain}:{port}{request.path}?{query}"
        return self.prefix + hashlib.blake2b(url.encode(), digest_size=12).hexdigest() + ":"

    def storable(self, request, response):
        if (
            response.status_code != 200
            or response.streaming
            or response.cookies
            or response.has_header("Content-Encoding")
            # A page with a CSP nonce must not be sent twice.
            or getattr(request, "_csp_nonce", None)
        ):
            return False
        vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part}
        if cache_directives(response) & NO_STORE_DIRECTIVES or not vary <= ALLOWED_VARY:
            return False
        if request.META.get("QUERY_STRING"):
            # `page=N`: only views that paginate; any other would store copies of one page.
            view_class = getattr(getattr(request.resolver_match, "func", None), "view_class", None)
            return bool(getattr(view_class, "paginate_by", None))
        return True

    # Storing and serving --------------------------------------------------------------------

    def store(self, request, response, key, encoding, generation, until):
        """Store the page under `key` plus each encoding (the uncompressed entry where
        compressing is not worth it) and serve the `encoding` asked for."""
        body = response.content
        etag = etag_for(body)
        patch_vary_headers(response, ["Accept-Encoding"])
        if not response.has_header("Cache-Control"):
            # Browsers and proxies may keep it, but ask again (304s) before each use.
            response["Cache-Control"] = "no-cache"
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in ("content-length", "etag")
        ]
        plain = (generation, response.status_code, headers, body, etag)
        entries = {key + suffix: plain for suffix in ("", "gzip", "br")}
        for suffix in encodings_for(response):
            entries[key + suffix] = (
                generation,
                response.status_code,
                [*headers, ("Content-Encoding", suffix)],
                compressed(body, "stored", suffix),
                etag,
            )
        try:
            stored(entries, until)
        except Exception:
            logger.exception("The page cache could not store %s.", request.path)
        return self.serve(request, entries[key + encoding], "MISS")

    def serve(self, request, entry, state):
        _generation, status, headers, body, etag = entry
        if not_modified(request, etag):
            response = HttpResponseNotModified()
            for name, value in headers:
                if name.lower() in ("cache-control", "vary", "expires"):
                    response[name] = value
        else:
            response = HttpResponse(b"" if request.method == "HEAD" else body, status=status)
            for name, value in headers:
                response[name] = value
            response["Content-Length"] = str(len(body))
        response["ETag"] = etag
        response["X-Cache"] = state
        return response

    def compress(self, request, response):
        """An anonymous reader's page that is not stored: compressed now, with an ETag. Not
        responses that set a cookie or are private (a login form's CSRF token)."""
        if (
            response.status_code != 200
            or response.streaming
            or response.cookies
            or response.has_header("Content-Encoding")
            or cache_directives(response) & {"private", "no-store"}
        ):
            return response
        body = response.content
        etag = response.get("ETag") or etag_for(body)
        if not_modified(request, etag):
            not_modified_response = HttpResponseNotModified()
            for name in ("Cache-Control", "Vary", "Expires"):
                if response.has_header(name):
                    not_modified_response[name] = response[name]
            not_modified_response["ETag"] = etag
            return not_modified_response
        response["ETag"] = etag
        patch_vary_headers(response, ["Accept-Encoding"])
        encoding = wanted_encoding(request)
        if encoding and encoding in encodings_for(response):
            response.content = compressed(body, "per_request", encoding)
            response["Content-Encoding"] = encoding
            response["Content-Length"] = str(len(response.content))
        return response
