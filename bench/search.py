"""
Search and page speed at scale: `python bench/search.py` (or `make bench-search`).

Measures, in-process through Django's test client (no network, no page cache), the search
page for a mix of readers' queries, and the pages whose query budgets must hold at scale:
an article, /faq/, a topic, /topics/, the sitemap and the feeds. Uses the database in
DATABASE_URL (default: the SQLite file), first topping it up to --articles generated
articles (`generate_articles`), and prints one table: requests, p50, p95, max (ms),
SQL queries per request, results.

Timings depend on the machine and what else runs on it: compare numbers from one run.
The benchmark is not a test; tests assert results and query counts, never timings.
"""

import argparse
import math
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gutguide.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-" + "x" * 40)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
os.environ.setdefault("GUTGUIDE_PAGE_CACHE", "0")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import Article, Topic  # noqa: E402
from gutguide.models import SearchEntry  # noqa: E402

# What readers type: subjects, symptoms, both, questions, broad words, word forms, nothing
# found, and syntax that must not break anything.
QUERIES = [
    "glutamine",
    "psyllium",
    "kefir",
    "peppermint oil",
    "vitamin d",
    "zinc carnosine",
    "saccharomyces boulardii",
    "slippery elm",
    "collagen",
    "berberine",
    "leaky gut",
    "bloating",
    "ibs",
    "acid reflux",
    "constipation",
    "sibo",
    "microbiome",
    "glutamine leaky gut",
    "probiotics after antibiotics",
    "fibre constipation",
    "kefir yogurt",
    "is kombucha safe",
    "ginger for gas",
    "peppermint oil ibs",
    "turmeric inflammation",
    "probiotic bloating",
    "collagen gut lining",
    "side effects",
    "empty stomach",
    "safe together",
    "how long does glutamine take",
    "can children take probiotics",
    "gut",
    "gut health",
    "digestion",
    "fermented foods",
    "tested",
    "tight junctions",
    "short-chain fatty acids",
    "zebra",
    'NEAR("gut" lining) OR -fibre*',
]


RESULTS_RE = re.compile(r"(\d+) results? for")


def measure(client, path, params=None):
    with CaptureQueriesContext(connection) as captured:
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(path, params or {})
        elapsed = (time.perf_counter() - started) * 1000
        cpu = (time.process_time() - cpu_started) * 1000
    assert response.status_code == 200, (path, params, response.status_code)
    return elapsed, len(captured), response, cpu


def percentile(values, share):
    """The nearest-rank percentile: the smallest value at least `share` of them reach."""
    values = sorted(values)
    return values[max(0, math.ceil(share * len(values)) - 1)]


def row(name, timings, queries, note=""):
    timings = sorted(timings)
    p95 = percentile(timings, 0.95)
    fewest, most = min(queries), max(queries)
    queries = f"{fewest}" if fewest == most else f"{fewest}-{most}"
    return (
        f"| {name:<28} | {len(timings):>5} | {statistics.median(timings):>7.1f} | {p95:>7.1f} "
        f"| {timings[-1]:>7.1f} | {queries:>7} | {note}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    parser.add_argument("--articles", type=int, default=10_000, help="top up to this many")
    parser.add_argument("--rounds", type=int, default=5, help="passes over the query mix")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()

    # Pages link hashed static files, as in production.
    call_command("collectstatic", interactive=False, verbosity=0)
    missing = options.articles - Article.objects.count()
    if missing > 0:
        print(f"Generating {missing} articles...", flush=True)
        call_command("generate_articles", str(missing), seed=options.seed)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    client = Client()
    rng = random.Random(options.seed)
    print(
        f"\n{connection.vendor}: {Article.objects.count()} articles, "
        f"{SearchEntry.objects.count()} search entries; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n"
    )
    print("| what                         |  reqs |  p50 ms |  p95 ms |  max ms | queries | ")
    print("|---|---:|---:|---:|---:|---:|---|")

    # Warm up: connection, templates, the database's caches.
    for query in QUERIES:
        measure(client, "/search/", {"q": query})

    # Every query of the mix `rounds` times, in random order: the p95 of all requests, and
    # the p95 over the mix of each query's best time (what an unloaded machine would show:
    # the best of several runs drops the moments another process had the CPU).
    timings, queries, results, best, cpu_times = [], [], [], {}, []
    requests = [query for _ in range(options.rounds) for query in QUERIES]
    rng.shuffle(requests)
    for query in requests:
        elapsed, count, response, cpu = measure(client, "/search/", {"q": query})
        timings.append(elapsed)
        cpu_times.append(cpu)
        queries.append(count)
        best[query] = min(best.get(query, elapsed), elapsed)
        count_shown = RESULTS_RE.search(response.text)
        results.append(int(count_shown[1]) if count_shown else 0)
    print(row("search, mix of queries", timings, queries, f"results 0-{max(results)}"))
    print(row("search, mix, best of each", list(best.values()), queries, "p95 over the queries"))
    if connection.vendor == "sqlite":
        # In-process, SQLite's work is this process's: its CPU time leaves out the moments
        # other processes had the CPU.
        print(row("search, mix, CPU time", cpu_times, queries, "SQLite and Django, in-process"))
    broad = []
    for _ in range(options.rounds):
        for query in ("gut", "side effects", "week"):
            broad.append(measure(client, "/search/", {"q": query})[:2])
    print(row("search, broadest words", *zip(*broad, strict=True), "'gut', 'side effects', 'week'"))
    pages = [measure(client, "/search/", {"q": "gut", "page": n})[:2] for n in range(2, 12)]
    print(row("search, pages 2-11 of 'gut'", *zip(*pages, strict=True)))

    slugs = list(Article.objects.published().values_list("slug", flat=True)[:500])
    topic = Topic.objects.filter(articles__isnull=False).first()
    sitemap = measure(client, "/sitemap.xml")[2]
    sections = [url.split("/", 3)[-1] for url in re.findall(r"<loc>(.*?)</loc>", sitemap.text)]
    checks = [
        ("article page", [f"/articles/{rng.choice(slugs)}/" for _ in range(50)]),
        ("/faq/", ["/faq/"] * 10),
        ("/faq/, page 200", ["/faq/?page=200"] * 10),
        (f"topic page /topics/{topic.slug}/", [topic.get_absolute_url()] * 10),
        ("topic page 50", [f"{topic.get_absolute_url()}?page=50"] * 10),
        ("/topics/", ["/topics/"] * 10),
        ("/sitemap.xml (index)", ["/sitemap.xml"] * 5),
        ("sitemap, articles page 1", [f"/{sections[1]}"] * 5),
        ("/feed/ and /feed/atom/", ["/feed/", "/feed/atom/"] * 5),
        ("topic feed", [f"{topic.get_absolute_url()}feed/"] * 5),
    ]
    for name, paths in checks:
        measured = [measure(client, path.split("?")[0], _params(path))[:2] for path in paths]
        print(row(name, *zip(*measured, strict=True)))


def _params(path):
    if "?" not in path:
        return {}
    key, value = path.split("?", 1)[1].split("=")
    return {key: value}


if __name__ == "__main__":
    main()
