"""Login throttling (django-axes): per account and per client address, one generic message,
unlocked by the cool-off or by an administrator's command."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from tests.factories import make_staff_user

LOCKED = "Too many failed logins"


def log_in(client, username, password, ip="203.0.113.1", **headers):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=ip,
        headers=headers,
    )


def fail(client, count, username="editor", ip="203.0.113.1"):
    for _ in range(count):
        response = log_in(client, username, "wrong-password", ip=ip)
        assert response.status_code in (200, 429)


@pytest.fixture
def editor(db):
    return make_staff_user("editor")


def test_a_wrong_password_gets_the_usual_generic_message(client, editor):
    response = log_in(client, "editor", "wrong-password")

    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.text


def test_the_right_password_after_the_failure_limit_is_refused(client, editor):
    fail(client, settings.AXES_FAILURE_LIMIT)

    response = log_in(client, "editor", "pw-editor-123")

    assert response.status_code == 429
    assert LOCKED in response.text
    assert "_auth_user_id" not in client.session


def test_fewer_failures_than_the_limit_still_let_the_right_password_in(client, editor):
    fail(client, settings.AXES_FAILURE_LIMIT - 1)

    response = log_in(client, "editor", "pw-editor-123")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_a_success_resets_the_count(client, editor):
    fail(client, settings.AXES_FAILURE_LIMIT - 1)
    log_in(client, "editor", "pw-editor-123")
    client.logout()
    fail(client, settings.AXES_FAILURE_LIMIT - 1)

    assert log_in(client, "editor", "pw-editor-123").status_code == 302


def test_an_account_is_locked_whatever_address_the_tries_come_from(client, editor):
    for n in range(settings.AXES_FAILURE_LIMIT):
        fail(client, 1, ip=f"198.51.100.{n + 1}")

    assert log_in(client, "editor", "pw-editor-123", ip="192.0.2.99").status_code == 429
    # Another account from one of those addresses is not affected.
    make_staff_user("other")
    assert log_in(client, "other", "pw-other-123", ip="198.51.100.1").status_code == 302


def test_a_client_address_is_locked_whatever_accounts_it_tries(client, editor):
    for n in range(settings.AXES_FAILURE_LIMIT):
        fail(client, 1, username=f"guess-{n}", ip="203.0.113.7")

    assert log_in(client, "editor", "pw-editor-123", ip="203.0.113.7").status_code == 429
    assert log_in(client, "editor", "pw-editor-123", ip="203.0.113.8").status_code == 302


def test_the_lockout_message_is_the_same_for_existing_and_unknown_accounts(client, db):
    make_staff_user("zelda")
    fail(client, settings.AXES_FAILURE_LIMIT, username="zelda", ip="203.0.113.1")
    fail(client, settings.AXES_FAILURE_LIMIT, username="nobody", ip="203.0.113.2")

    existing = log_in(client, "zelda", "x", ip="203.0.113.1")
    unknown = log_in(client, "nobody", "x", ip="203.0.113.2")

    assert existing.status_code == unknown.status_code == 429
    assert existing.text == unknown.text
    assert "zelda" not in existing.text
    assert "GutGuide editors" in existing.text  # the admin's own look


def test_lockout_ends_after_the_cool_off(client, editor):
    fail(client, settings.AXES_FAILURE_LIMIT)
    assert log_in(client, "editor", "pw-editor-123").status_code == 429

    # The cool-off has passed since the last failure.
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC)
        - settings.AXES_COOLOFF_TIME
        - datetime.timedelta(seconds=1)
    )

    assert log_in(client, "editor", "pw-editor-123").status_code == 302


def test_an_administrator_can_unlock_an_account_at_once(client, editor):
    fail(client, settings.AXES_FAILURE_LIMIT, ip="203.0.113.1")
    fail(client, settings.AXES_FAILURE_LIMIT, username="nobody", ip="203.0.113.1")

    call_command("axes_reset_username", "editor", verbosity=0)
    call_command("axes_reset_ip", "203.0.113.1", verbosity=0)

    assert log_in(client, "editor", "pw-editor-123").status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_forwarded_address_is_the_client(client, editor):
    # Every request comes from the proxy's address; the clients differ.
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(
            client,
            f"guess-{n}",
            "wrong",
            ip="10.0.0.2",
            x_forwarded_for="forged, 203.0.113.50",
        )

    blocked = log_in(
        client, "editor", "pw-editor-123", ip="10.0.0.2", x_forwarded_for="203.0.113.50"
    )
    other = log_in(client, "editor", "pw-editor-123", ip="10.0.0.2", x_forwarded_for="203.0.113.51")

    assert blocked.status_code == 429
    assert other.status_code == 302
