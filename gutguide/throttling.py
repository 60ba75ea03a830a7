"""Login throttling's view of who a client is (django-axes' AXES_CLIENT_IP_CALLABLE).
Imports no app."""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


def client_ip(request):
    """The client's address. Without proxies (TRUSTED_PROXY_COUNT = 0) it is REMOTE_ADDR.
    Behind N trusted proxies, each appends the address it received from to
    X-Forwarded-For, so the Nth entry from the right is the one the outermost proxy saw;
    entries further left come from the client and may be forged."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.headers.get("x-forwarded-for", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response, credentials):
    """The page after too many failed logins (django-axes' AXES_LOCKOUT_CALLABLE): the
    admin's look, one message whoever asked, status 429."""
    context = {**admin.site.each_context(request), "title": "Too many failed logins"}
    return render(request, "admin/locked_out.html", context, status=429)
