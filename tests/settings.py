"""Test settings: the real settings, with a fast hasher, plain static storage and isolation."""

import os
import tempfile
import uuid

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-" + "x" * 40)
# Set in the environment so that server processes started by tests share this run's cache
# and database file.
if "GUTGUIDE_TEST_RUN" not in os.environ:
    os.environ["GUTGUIDE_TEST_RUN"] = uuid.uuid4().hex[:8]
    os.environ["GUTGUIDE_TEST_DIR"] = tempfile.mkdtemp(prefix="gutguide-test-")
    os.environ["DJANGO_CACHE_DIR"] = os.path.join(os.environ["GUTGUIDE_TEST_DIR"], "cache")

from gutguide.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Tests talk plain http to the test client; the redirect has its own test.
SECURE_SSL_REDIRECT = False

# Manifest storage needs collectstatic first; the suite uses the finders instead.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
MEDIA_ROOT = tempfile.mkdtemp(prefix="gutguide-test-media-")

# A file, not memory, so that server processes started by tests open the same database.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(os.environ["GUTGUIDE_TEST_DIR"], "test.sqlite3")
    }

# Keep runs apart when they share one Redis.
CACHES["default"]["KEY_PREFIX"] = f"gutguide-test-{os.environ['GUTGUIDE_TEST_RUN']}"  # noqa: F405

# django-axes logs every login; the suite logs in thousands of times.
AXES_VERBOSE = False
