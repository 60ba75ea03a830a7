"""`make bench`: readers' pages against a static file, under gunicorn and wrk, in one table.

The site runs under gunicorn (2 sync workers, 127.0.0.1) on the demo content, three times:
with the page cache (warm pages), with GUTGUIDE_PAGE_CACHE=0 (cold pages: every request runs
the view; the article, comparison and /faq/ views keep what they render for the content
generation, so their queries are shown as they run then and, in brackets, for the first
request after an edit), and with GUTGUIDE_STORED_PAGES=0 as well (pages rendered from the
database on every request, as after an edit). Each run first measures the ceiling: the demo
article's own bytes as a static file served by whitenoise (precompressed, like every static
file). The ceiling and the pages are measured in turn for a few rounds, keeping each one's
best round, and every rate is divided by the ceiling measured by the same server.

    make bench                                   # SQLite in a temporary folder, file cache
    DATABASE_URL=postgres://... REDIS_URL=redis://... make bench
    BENCH_SECONDS=10 BENCH_ROUNDS=5 BENCH_CONNECTIONS=32 make bench

It loads the demo content into DATABASE_URL when given (migrating it first). Timings depend on
the machine and on what else runs on it: compare the ratios of one run, never absolute numbers
of different runs. Not a test: tests assert behaviour, this measures it.
"""

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
ACCEPT = "gzip, deflate, br"  # what browsers send
ARTICLE = "/articles/glutamine-or-glutathione-for-leaky-gut/"
CEILING = "/static/bench/article.html"
COMPARISON = "/compare/glutamine-vs-glutathione/"
SEARCH = "/search/?q=glutamine"
# (label, url, phase): "warm" runs with the page cache, "cold" with GUTGUIDE_PAGE_CACHE=0,
# "rendered" with GUTGUIDE_STORED_PAGES=0 as well (every request renders from the database).
PHASES = {
    "cold": {"GUTGUIDE_PAGE_CACHE": "0"},
    "rendered": {"GUTGUIDE_PAGE_CACHE": "0", "GUTGUIDE_STORED_PAGES": "0"},
    "warm": {"GUTGUIDE_PAGE_CACHE": "1"},
}
ROWS = [
    ("article, warm", ARTICLE, "warm"),
    ("/faq/, warm", "/faq/", "warm"),
    (f"{COMPARISON}, warm", COMPARISON, "warm"),
    ("/ (home), warm", "/", "warm"),
    (f"{SEARCH} (never cached)", SEARCH, "warm"),
    ("article, cold", ARTICLE, "cold"),
    ("/faq/, cold", "/faq/", "cold"),
    (f"{COMPARISON}, cold", COMPARISON, "cold"),
    ("article, rendered every time (nothing stored)", ARTICLE, "rendered"),
    ("/faq/, rendered every time", "/faq/", "rendered"),
    (f"{COMPARISON}, rendered every time", COMPARISON, "rendered"),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


class Gunicorn:
    def __init__(self, env):
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                *(PYTHON, "-m", "gunicorn", "gutguide.wsgi"),
                *("--bind", f"127.0.0.1:{self.port}", "--workers", "2"),
                *("--worker-class", "sync", "--log-level", "warning"),
            ],
            cwd=ROOT,
            env=env,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(self.url("/healthz"), timeout=2)  # noqa: S310
                return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise SystemExit("gunicorn did not start") from None
                time.sleep(0.2)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def wrk(url, warm_up=True):
    """requests/s, p50 ms, p99 ms and non-2xx count of one wrk run (after a short warm-up)."""
    base = ["wrk", "-t2", f"-c{CONNECTIONS}", "-H", f"Accept-Encoding: {ACCEPT}"]
    if warm_up:
        subprocess.run([*base, "-d1s", url], capture_output=True, check=True)
    out = subprocess.run(
        [*base, f"-d{SECONDS}s", "--latency", url], capture_output=True, text=True, check=True
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rate": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": milliseconds(re.search(r"\s50%\s+([\d.]+\w+)", out).group(1)),
        "p99": milliseconds(re.search(r"\s99%\s+([\d.]+\w+)", out).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
    }


def milliseconds(text):
    value, unit = re.fullmatch(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk (Debian), brew install wrk")
    work = Path(tempfile.mkdtemp(prefix="gutguide-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gutguide.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_SECURE_SSL_REDIRECT": "0",  # plain http on 127.0.0.1, no proxy in front
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{work / 'bench.sqlite3'}",
        "DJANGO_CACHE_DIR": str(work / "cache"),
    }
    database = env["DATABASE_URL"].split("://")[0]
    cache = "Redis" if env.get("REDIS_URL") else "file cache"
    print(f"== Setting up: {database}, {cache}, in {work}", flush=True)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "load_demo_content")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    static_copy = ROOT / "staticfiles" / "bench"
    static_copy.mkdir(exist_ok=True)
    try:
        results, sizes = run(env, static_copy)
    finally:
        shutil.rmtree(static_copy, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
    print_table(results, sizes, database, cache)


def run(env, static_copy):
    # The ceiling: the article exactly as readers get it, as a precompressed static file.
    server = Gunicorn({**env, "GUTGUIDE_PAGE_CACHE": "0"})
    try:
        with urllib.request.urlopen(server.url(ARTICLE)) as response:  # noqa: S310
            (static_copy / "article.html").write_bytes(response.read())
    finally:
        server.stop()
    subprocess.run([PYTHON, "-m", "whitenoise.compress", "-q", str(static_copy)], check=True)

    host = "127.0.0.1"
    probe = subprocess.run(
        [PYTHON, "bench/probe.py", host, *dict.fromkeys(url for _, url, _ in ROWS)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    sizes = json.loads(probe.stdout.strip().splitlines()[-1])
    sizes[CEILING] = {
        "bytes": len((static_copy / "article.html.br").read_bytes()),
        "encoding": "br",
        "cold_queries": 0,
        "edited_queries": 0,
        "warm_queries": 0,
    }

    # Several rounds of the ceiling and every page in turn, keeping each one's best round:
    # other work on the machine then slows a measurement down without skewing the ratios.
    results = {}
    for phase, settings in PHASES.items():
        described = " ".join(f"{name}={value}" for name, value in settings.items())
        print(f"== {phase} pages ({described})", flush=True)
        server = Gunicorn({**env, **settings})
        urls = {("ceiling", phase): CEILING}
        urls |= {(label, phase): url for label, url, row_phase in ROWS if row_phase == phase}
        try:
            for round_number in range(ROUNDS):
                for name, url in urls.items():
                    result = wrk(server.url(url), warm_up=round_number == 0) | {"url": url}
                    if name not in results or result["rate"] > results[name]["rate"]:
                        results[name] = result
        finally:
            server.stop()
    return results, sizes


def print_table(results, sizes, database, cache):
    print()
    print(
        f"gunicorn 2 sync workers, wrk -t2 -c{CONNECTIONS} -d{SECONDS}s on 127.0.0.1, best of "
        f"{ROUNDS} rounds, Accept-Encoding: {ACCEPT}; {database}, {cache}; {os.cpu_count()} CPUs"
    )
    print()
    print("| page | requests/s | p50 ms | p99 ms | queries | bytes | ÷ ceiling |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for phase in ("warm", "cold", "rendered"):
        ceiling = results[("ceiling", phase)]
        rows = [("static file (ceiling)", {**ceiling, "url": CEILING})]
        rows += [
            (label, results[(label, phase)]) for label, _, row_phase in ROWS if row_phase == phase
        ]
        for label, result in rows:
            size = sizes[result["url"]]
            queries = size["cold_queries"] if phase == "cold" else size["warm_queries"]
            if phase == "rendered":
                queries = size["edited_queries"]
            elif "never cached" in label:
                queries = size["cold_queries"]
            elif phase == "cold" and size["edited_queries"] != size["cold_queries"]:
                # The view stores what it shows: the first request after an edit takes more.
                queries = f"{queries} ({size['edited_queries']} after an edit)"
            errors = f" ({result['errors']} errors)" if result["errors"] else ""
            print(
                f"| {label}{' (' + phase + ' run)' if 'ceiling' in label else ''} "
                f"| {result['rate']:,.0f}{errors} | {result['p50']:.2f} | {result['p99']:.2f} "
                f"| {queries if queries is not None else '–'} "
                f"| {size['bytes']:,} {size['encoding']} "
                f"| {result['rate'] / ceiling['rate']:.3f} |"
            )


if __name__ == "__main__":
    main()
