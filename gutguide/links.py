"""
Checking outside links: what one URL answers, asked the way a polite crawler asks. Imports no
app. Only `manage.py check_links` calls this, never a request: a slow or dead site must not
slow a page.

A HEAD request first (no body to download); servers that refuse HEAD or answer it with an
error get a GET, whose body is not read. Redirects are followed. The answer is a status code,
or the reason there was none (timeout, refused connection, unknown host, bad certificate).
"""

import http.client
import socket
import ssl
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import LinkCheck

MAX_ERROR_LENGTH = 300


@dataclass(frozen=True)
class Answer:
    url: str
    status_code: int | None = None
    error: str = ""

    @property
    def ok(self):
        return self.status_code is not None and self.status_code < 400


def _request(opener, url, method, timeout):
    # Only http(s) addresses get here (see check()).
    request = urllib.request.Request(  # noqa: S310
        url,
        method=method,
        headers={
            "User-Agent": settings.GUTGUIDE_LINK_CHECK_USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
        },
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        error.close()
        return error.code, ""
    except urllib.error.URLError as error:
        return None, _reason(error.reason)
    except TimeoutError:
        return None, "timed out"
    except (http.client.HTTPException, ssl.SSLError, OSError, ValueError) as error:
        return None, _reason(error)


def _reason(reason):
    if isinstance(reason, TimeoutError):
        return "timed out"
    if isinstance(reason, socket.gaierror):
        return "unknown host"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return "bad certificate"
    return (str(reason) or type(reason).__name__)[:MAX_ERROR_LENGTH]


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the redirect itself is the answer


def check(url, timeout=None):
    """What `url` answers now: HEAD, then GET when HEAD failed or answered an error.

    A DOI (at GUTGUIDE_DOI_RESOLVER) is not followed to its publisher: the resolver's
    redirect says the DOI exists (publishers often refuse robots, which says nothing about
    the DOI), its 404 that it does not."""
    if not url.lower().startswith(("http://", "https://")):
        return Answer(url, error="not an http(s) address")
    timeout = timeout or settings.GUTGUIDE_LINK_CHECK_TIMEOUT
    opener = urllib.request.build_opener(*([NoRedirects] if is_doi_url(url) else []))
    status, error = _request(opener, url, "HEAD", timeout)
    if status is None or status >= 400:
        status, error = _request(opener, url, "GET", timeout)
    return Answer(url, status, error)


def check_all(urls, workers=None):
    """Check every URL (several at once) and store each answer (LinkCheck). Returns the
    answers, in the order given."""
    urls = list(dict.fromkeys(urls))
    workers = max(1, workers or settings.GUTGUIDE_LINK_CHECK_WORKERS)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        answers = list(pool.map(check, urls))
    store(answers)
    return answers


@transaction.atomic
def store(answers):
    now = timezone.now()
    for answer in answers:
        LinkCheck.objects.update_or_create(
            url=answer.url,
            defaults={
                "status_code": answer.status_code,
                "error": answer.error[:MAX_ERROR_LENGTH],
                "checked_at": now,
            },
        )


def is_doi_url(url):
    return url.startswith(doi_url(""))


def doi_url(doi):
    """Where a DOI is checked: the configured resolver (GUTGUIDE_DOI_RESOLVER) and the DOI."""
    return f"{settings.GUTGUIDE_DOI_RESOLVER.rstrip('/')}/{doi}"
