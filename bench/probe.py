"""What the benchmark cannot see from outside: SQL queries per page (cold: the view runs,
right after an edit and once what it stores is there; warm: from the page cache) and the
bytes a browser receives. Run by bench/run.py with the benchmark's environment; prints JSON.

    python bench/probe.py HOST URL...
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gutguide.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from gutguide.pagecache import content_changed  # noqa: E402

ACCEPT = {"Accept-Encoding": "gzip, deflate, br"}


def queries(client, url):
    """(response, SQL queries) of one request."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=ACCEPT)
    return response, len(captured)  # now: the next request empties the log it reads


def probe(host, url):
    settings.PAGE_CACHE = False
    cold_client = Client(HTTP_HOST=host)  # the middleware reads the setting on first use
    content_changed()  # as after an editor's save: nothing stored is used
    response, edited_queries = queries(cold_client, url)
    _, cold_queries = queries(cold_client, url)
    settings.PAGE_CACHE = True
    warm_client = Client(HTTP_HOST=host)
    warm_client.get(url, headers=ACCEPT)
    with CaptureQueriesContext(connection) as warm:
        warm_response = warm_client.get(url, headers=ACCEPT)
    return {
        "status": response.status_code,
        "cold_queries": cold_queries,
        "edited_queries": edited_queries,
        "warm_queries": len(warm) if warm_response.get("X-Cache") == "HIT" else None,
        "bytes": len(response.content),
        "encoding": response.get("Content-Encoding", "identity"),
    }


if __name__ == "__main__":
    host, urls = sys.argv[1], sys.argv[2:]
    print(json.dumps({url: probe(host, url) for url in urls}))
