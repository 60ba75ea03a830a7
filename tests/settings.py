"""Test settings: the real settings, with a fast hasher, plain static storage and isolation."""

import os
import tempfile
import uuid

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-" + "x" * 40)

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

# SQLite tests use a database file, not memory: the live server's threads then each have
# their own connection, as gunicorn's would, and concurrent savers meet real locking.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"gutguide-test-{uuid.uuid4().hex[:8]}.sqlite3")
    }

# Keep runs apart when they share one Redis.
CACHES["default"]["KEY_PREFIX"] = f"gutguide-test-{uuid.uuid4().hex[:8]}"  # noqa: F405

# django-axes logs every login; the suite logs in thousands of times.
AXES_VERBOSE = False
