"""
GutGuide settings, driven by environment variables (see .env.example).

There is one settings module for every environment: development only differs by
DJANGO_DEBUG=1. A production start (DEBUG off) without DJANGO_SECRET_KEY fails.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Production (DJANGO_DEBUG off) needs a real, secret "
            "key; generate one with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`. "
            "For local development set DJANGO_DEBUG=1 instead."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-used-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "axes",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "markdownx",
    "simple_history",
    "gutguide",
    "evidence",
    "comparisons",
    "articles",
    "faq",
]

MIDDLEWARE = [
    # Readers' pages from the shared cache, before anything else runs (gutguide/pagecache.py):
    # stored with the headers the middleware below gave them.
    "gutguide.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before whitenoise, so that static files carry the same CSP as pages.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "gutguide.middleware.RejectNulInQueryMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Revisions: who saved (simple-history) and which saves of one request belong together.
    "simple_history.middleware.HistoryRequestMiddleware",
    "gutguide.revisions.RevisionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns its lockouts into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gutguide.urls"
WSGI_APPLICATION = "gutguide.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.disclaimer",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several writers at once (gunicorn workers and threads): WAL lets readers go on while
    # one writes; every transaction takes the write lock when it begins (IMMEDIATE), so a
    # transaction never has to upgrade a read lock midway, which SQLite refuses at once with
    # "database is locked"; and a writer waits up to `timeout` seconds for its turn.
    # mmap: read the database file through the operating system's page cache, shared by
    # every worker, instead of copying pages into SQLite's own small per-connection cache:
    # search and long lists visit thousands of rows (see README, "Search").
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size = 1073741824;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": int(os.environ.get("DJANGO_SQLITE_TIMEOUT", "20")),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "gutguide.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "gutguide",
        }
    }
else:
    # Files every worker process of this machine shares (a per-process cache could serve
    # a page another worker has since invalidated).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("DJANGO_CACHE_DIR") or BASE_DIR / "cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# The readers' page cache (gutguide/pagecache.py). GUTGUIDE_PAGE_CACHE=0 turns it off, to
# measure the uncached path. A page lives until anything in PAGE_CACHE_APPS is saved or
# deleted, the next scheduled publish time, or PAGE_CACHE_TIMEOUT seconds.
PAGE_CACHE = env_bool("GUTGUIDE_PAGE_CACHE", True)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_APPS = ("evidence", "articles", "comparisons", "faq")
PAGE_CACHE_TIMEOUT = 600
# Stored article pages (gutguide.pagecache.Fragment): what an article page shows, kept for the
# content generation so that requests the page cache does not answer take no query.
# GUTGUIDE_STORED_PAGES=0 turns them off, to measure a page rendered from the database.
STORED_PAGES = env_bool("GUTGUIDE_STORED_PAGES", True)

# --- Logins --------------------------------------------------------------------------
# django-axes counts failed logins in the database (shared by every app server). After
# DJANGO_LOGIN_FAILURE_LIMIT failures for one account, or from one client address, further
# tries are refused for DJANGO_LOGIN_LOCKOUT_MINUTES, with one generic message that does
# not say which of the two it was or whether the account exists. A successful login resets
# the count. Unlock early: `manage.py axes_reset_username NAME` or `axes_reset_ip ADDRESS`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(os.environ.get("DJANGO_LOGIN_LOCKOUT_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "gutguide.throttling.lockout_response"
# The client's address: REMOTE_ADDR, or behind N proxies the address the outermost of them
# saw (X-Forwarded-For, counted from the right, which a client cannot forge).
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "gutguide.throttling.client_ip"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Uploaded images (media) ---------------------------------------------------------------
# By default they are files under DJANGO_MEDIA_ROOT that Django serves itself, safely
# (gutguide/media.py). Behind a proxy or CDN that serves them, set DJANGO_SERVE_MEDIA=0 (and
# DJANGO_MEDIA_URL if they live on another host). With DJANGO_MEDIA_S3_BUCKET they go to
# S3-compatible storage (django-storages); credentials come from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY as boto3 reads them. README, "Media in production".
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "/media/")
MEDIA_S3_BUCKET = os.environ.get("DJANGO_MEDIA_S3_BUCKET", "")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": os.environ.get("DJANGO_MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("DJANGO_MEDIA_S3_REGION") or None,
            # Public images at plain URLs (a CDN's host, if given), never overwritten.
            "custom_domain": os.environ.get("DJANGO_MEDIA_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", not MEDIA_S3_BUCKET and MEDIA_URL.startswith("/"))

LOGIN_URL = "admin:login"

# Medical review: an article is due for review when its last review is older than this.
GUTGUIDE_REVIEW_DUE_MONTHS = int(os.environ.get("GUTGUIDE_REVIEW_DUE_MONTHS", "12"))

# Editorial checks (articles/checks.py). The quick summary and each key point should read at
# this US school grade or lower (Flesch-Kincaid, textstat); above it is a problem to fix.
GUTGUIDE_READING_GRADE = float(os.environ.get("GUTGUIDE_READING_GRADE", "9"))
# `manage.py check_links` (never a request): how long one link may take to answer, who it says
# it is, how many links it checks at once, and where DOIs of sources are resolved.
GUTGUIDE_LINK_CHECK_TIMEOUT = float(os.environ.get("GUTGUIDE_LINK_CHECK_TIMEOUT", "10"))
GUTGUIDE_LINK_CHECK_USER_AGENT = os.environ.get(
    "GUTGUIDE_LINK_CHECK_USER_AGENT",
    "GutGuideLinkChecker/1.0 (checks the links in GutGuide articles; editors fix broken ones)",
)
GUTGUIDE_LINK_CHECK_WORKERS = int(os.environ.get("GUTGUIDE_LINK_CHECK_WORKERS", "8"))
GUTGUIDE_DOI_RESOLVER = os.environ.get("GUTGUIDE_DOI_RESOLVER", "https://doi.org/")

# A comparison's whole table is one admin form. Its largest allowed table (300 rows of a
# feature and four 500-character values, ~2,500 inputs, up to ~8 MB url-encoded in a
# non-Latin script) must stay under both limits: the request parser refuses anything larger
# with a 400 before the form can show the editor's text again.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Markdown editor (django-markdownx) -------------------------------------------------
# markdownx reads these once at import time. Its own views are not routed: gutguide.urls
# serves staff-only replacements at the same paths (gutguide/editor_views.py).
MARKDOWNX_MARKDOWNIFY_FUNCTION = "gutguide.markdown.render_markdown"
MARKDOWNX_URLS_PATH = "/markdownx/markdownify/"
MARKDOWNX_UPLOAD_URLS_PATH = "/markdownx/upload/"
MARKDOWNX_MEDIA_PATH = "uploads/"
MARKDOWNX_SERVER_CALL_LATENCY = 500
IMAGE_UPLOAD_MAX_BYTES = 5 * 1024 * 1024

# --- Security -----------------------------------------------------------------------------
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto. `make run` (DEBUG) stays on
# plain http; DJANGO_SECURE_SSL_REDIRECT=0 turns the redirect off where a proxy already does it.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
# markdownx's JavaScript reads the CSRF cookie, so it must stay readable by scripts.
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
