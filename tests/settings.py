"""Test settings: the real settings, with a fast hasher, plain static storage and isolation."""

import os
import tempfile
import uuid

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-" + "x" * 40)
# Set in the environment so that server processes started by tests share this run's cache.
os.environ.setdefault("DJANGO_CACHE_DIR", tempfile.mkdtemp(prefix="gutguide-test-cache-"))
os.environ.setdefault("GUTGUIDE_TEST_RUN", uuid.uuid4().hex[:8])

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
        "NAME": os.path.join(tempfile.mkdtemp(prefix="gutguide-test-db-"), "test.sqlite3")
    }

# Keep runs apart when they share one Redis.
CACHES["default"]["KEY_PREFIX"] = f"gutguide-test-{os.environ['GUTGUIDE_TEST_RUN']}"  # noqa: F405
