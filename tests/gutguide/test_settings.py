"""Configuration from the environment, production safety and security headers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

PROJECT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in ("DATABASE_URL", "REDIS_URL")
    }
    environment.update(env)
    environment["DJANGO_SETTINGS_MODULE"] = "gutguide.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_start_without_secret_key_fails_loudly():
    result = run_manage("check")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_check_deploy_is_clean_under_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="a-real-production-key-" + "k8Jd02_xQ" * 6,
        DJANGO_ALLOWED_HOSTS="gutguide.example",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_debug_start_needs_no_secret_key():
    result = run_manage("check", DJANGO_DEBUG="1")

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "header",
    [
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "X-Frame-Options",
        "Cross-Origin-Opener-Policy",
    ],
)
def test_security_headers_on_pages(client, db, header):
    assert header in client.get("/")
    assert header in client.get("/no-such-page/")


def test_csp_forbids_framing_and_inline_script(client, db):
    csp = client.get("/")["Content-Security-Policy"]

    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp


@override_settings(SECURE_SSL_REDIRECT=True, SECURE_HSTS_SECONDS=31536000)
def test_http_redirects_to_https_but_proxied_https_is_served(client, db):
    plain = client.get("/articles/")
    proxied = client.get("/articles/", headers={"x-forwarded-proto": "https"})

    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/articles/"
    assert proxied.status_code == 200
    assert proxied["Strict-Transport-Security"].startswith("max-age=31536000")


@override_settings(SECURE_SSL_REDIRECT=True)
def test_healthz_answers_plain_http_for_load_balancers(client, db):
    assert client.get("/healthz").status_code == 200
