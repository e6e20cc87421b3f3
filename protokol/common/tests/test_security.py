"""Site security: headers on every response, throttled logins, a clean deployment check."""

import os
import subprocess
import sys

import pytest
from django.urls import reverse

from protokol.common.testing import REPO_ROOT
from protokol.meetings.tests import factories

pytestmark = pytest.mark.django_db


def test_every_page_carries_the_security_headers(client):
    for url in ("/", reverse("workspace:login"), "/admin/login/"):
        response = client.get(url)
        assert response.status_code == 200
        csp = response["Content-Security-Policy"]
        assert (
            "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp
        )
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("url", ["workspace:login", "admin:login"])
def test_login_is_throttled_after_repeated_failures(client, settings, url):
    settings.LOGIN_FAILURES_ALLOWED = 3
    factories.user("sekretaer")  # password test-password-123
    login = reverse(url)
    for _ in range(3):
        response = client.post(login, {"username": "sekretaer", "password": "forkert"})
        assert response.status_code == 200 and not response.wsgi_request.user.is_authenticated
    # Now even the right password waits.
    response = client.post(login, {"username": "sekretaer", "password": "test-password-123"})
    assert "For mange mislykkede forsøg" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another user name is not held up by this one's failures.
    factories.user("medlem", is_staff=True)  # the admin lets only staff in
    response = client.post(login, {"username": "medlem", "password": "test-password-123"})
    assert response.status_code == 302


def test_forms_need_their_csrf_token(db):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("workspace:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403


def test_the_deployment_check_is_clean_with_production_settings(tmp_path):
    env = dict(
        os.environ,
        PROTOKOL_HTTPS="1",
        PROTOKOL_DEBUG="0",
        PROTOKOL_SECRET_KEY="x" * 30 + "-production-secret-key-for-the-check-only-" + "y" * 20,
        PROTOKOL_ALLOWED_HOSTS="moeder.example.dk",
        PROTOKOL_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="protokol.settings",
    )
    env.pop(
        "DJANGO_ALLOW_ASYNC_UNSAFE", None
    )  # set by the browser tests in this process, never in production
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("url", ["workspace:login", "admin:login"])
def test_a_look_alike_user_name_shares_the_names_throttle(client, settings, url):
    settings.LOGIN_FAILURES_ALLOWED = 3
    factories.user("direktoer", is_staff=True)
    login = reverse(url)
    for typed in ("direktoer", "DIREKTOER", "Direktoer"):
        client.post(login, {"username": typed, "password": "forkert"})
    for look_alike in ("d\uff49rektoer", "DIREKTOER", "direktoer"):  # a fullwidth "i" first
        response = client.post(login, {"username": look_alike, "password": "test-password-123"})
        assert "For mange mislykkede forsøg" in response.content.decode(), look_alike
        assert "_auth_user_id" not in client.session


def test_user_names_are_one_name_however_typed(client):
    user = factories.user("D\uff49rektør")
    assert user.username == "direktør"
    response = client.post(
        reverse("workspace:login"), {"username": "DIREKTØR", "password": "test-password-123"}
    )
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def test_the_migration_normalises_existing_names_where_it_can(db):
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    users.bulk_create(  # as they were stored before names were normalised (bulk_create skips pre_save)
        [get_user_model()(username=n) for n in ("Anne", "BO", "bo", "C\uff41rl")]
    )
    import_module("protokol.common.migrations.0003_normalize_usernames").normalize_usernames(apps, None)
    names = set(users.values_list("username", flat=True))
    assert {"anne", "carl", "bo", "BO"} <= names  # "BO" kept: "bo" was taken
    assert not names & {"Anne", "C\uff41rl"}


def test_a_page_built_for_a_logged_in_user_is_private(client):
    from protokol.common.users import system_user
    from protokol.meetings import services

    body = factories.body("Direktionen")
    meeting = factories.meeting(body)
    factories.item(meeting, "Lukket sag", public=False, sections=[("Sagsfremstilling", "Hemmelig tekst.")])
    services.publish_agenda(meeting, by=system_user())
    page = f"/meetings/{meeting.pk}/"
    assert "private" not in client.get(page).get("Cache-Control", "")  # the visitor's page may be shared
    client.force_login(factories.member(body))
    for url in (page, "/", "/workspace/"):
        response = client.get(url)
        assert response.status_code == 200 and "private" in response["Cache-Control"], url
    assert "Hemmelig tekst." in client.get(page).content.decode()
