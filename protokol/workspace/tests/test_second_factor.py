"""The second factor (TOTP with recovery codes) before anything closed, and password login switched off.

The rest of the suite runs with PROTOKOL_REQUIRE_2FA off (protokol/conftest.py); these tests switch it on.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django_otp.oath import totp

from protokol.common.testing import REPO_ROOT
from protokol.workspace.tests.conftest import PASSWORD, login


@pytest.fixture
def required(settings):
    settings.PROTOKOL_REQUIRE_2FA = True
    return settings


@pytest.fixture
def closed_item(board, meeting, secretary):
    from protokol.meetings import services

    item = services.add_item(
        meeting=meeting, title="Personalesag", public=False, subject_confidential=True, by=secretary
    )
    services.publish_agenda(meeting=meeting, by=secretary)
    return item


def _code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _wrong(device) -> str:
    return f"{(int(_code(device)) + 1) % 1_000_000:06d}"


def entries(action: str):
    from protokol.common.models import AuditEntry

    return list(AuditEntry.objects.filter(action=action).order_by("id"))


def test_the_second_factor_is_required_by_default():
    env = {k: v for k, v in os.environ.items() if k != "PROTOKOL_REQUIRE_2FA"}
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import protokol.settings as s; print(s.PROTOKOL_REQUIRE_2FA, s.PROTOKOL_LOCAL_LOGIN)",
        ],
        env={**env, "PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == ["True", "True"]


def test_a_member_without_a_second_factor_is_sent_to_enrol_before_any_closed_item(
    db, client, required, member, meeting, closed_item
):
    from django_otp.plugins.otp_static.models import StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    login(client, member)
    item_url = f"/workspace/meetings/{meeting.pk}/items/{closed_item.pk}/"
    portal_item = f"/meetings/{meeting.pk}/items/{closed_item.number}/"
    for url in (item_url, f"/workspace/meetings/{meeting.pk}/", "/workspace/", "/admin/", portal_item, "/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/workspace/second-factor/setup/?next="), url

    page = client.get(f"/workspace/second-factor/setup/?next={item_url}")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml' in html and 'id="totp-secret"' in html
    device = TOTPDevice.objects.get(user=member, confirmed=False)

    enrolled = client.post("/workspace/second-factor/setup/", {"token": _code(device), "next": item_url})
    assert enrolled.status_code == 200
    codes = enrolled.context["codes"]
    assert len(codes) == 10 and all(c in enrolled.content.decode() for c in codes)
    assert StaticToken.objects.filter(device__user=member).count() == 10
    assert TOTPDevice.objects.get(user=member).confirmed
    assert entries("second_factor.enrolled")[-1].actor == member

    assert client.get(item_url).status_code == 200
    # A new login asks for the code, not for a new enrolment.
    client.logout()
    login(client, member)
    assert client.get(item_url)["Location"].startswith("/workspace/second-factor/?next=")


def test_a_login_without_any_role_needs_no_second_factor(db, client, required, org):
    from protokol.meetings.tests import factories

    nobody = factories.user("borger")
    login(client, nobody)
    assert client.get("/workspace/").status_code == 200


def test_a_wrong_code_is_refused_and_the_attempts_throttled(
    db, client, required, settings, member, meeting, closed_item
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # only the login throttle counts here, not django-otp's own pause
    device = TOTPDevice.objects.create(user=member, name="authenticator", confirmed=True)
    item_url = f"/workspace/meetings/{meeting.pk}/items/{closed_item.pk}/"
    login(client, member)
    assert (
        client.get(item_url)["Location"] == f"/workspace/second-factor/?next={item_url.replace('/', '%2F')}"
    )

    for _ in range(settings.LOGIN_FAILURES_ALLOWED):
        refused = client.post("/workspace/second-factor/", {"token": _wrong(device), "next": item_url})
        assert refused.status_code == 400
        assert client.get(item_url).status_code == 302
    # Now even the right code waits out the pause.
    throttled = client.post("/workspace/second-factor/", {"token": _code(device), "next": item_url})
    assert throttled.status_code == 429 and "For mange forkerte koder" in throttled.content.decode()
    assert client.get(item_url).status_code == 302
    assert len(entries("second_factor.failed")) == settings.LOGIN_FAILURES_ALLOWED

    # After the pause the right code lets the member in.
    from protokol.common.models import FailedLogin

    FailedLogin.objects.all().delete()
    verified = client.post("/workspace/second-factor/", {"token": _code(device), "next": item_url})
    assert verified.status_code == 302 and verified["Location"] == item_url
    assert client.get(item_url).status_code == 200
    assert entries("second_factor.verified")[-1].after == {"device": "totp"}


def test_a_recovery_code_works_once(db, client, required, member, meeting, closed_item):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from protokol.people import accounts

    TOTPDevice.objects.create(user=member, name="authenticator", confirmed=True)
    code = accounts.new_recovery_codes(user=member, by=member)[0]
    item_url = f"/workspace/meetings/{meeting.pk}/items/{closed_item.pk}/"
    login(client, member)
    assert client.post("/workspace/second-factor/", {"token": code, "next": item_url}).status_code == 302
    assert client.get(item_url).status_code == 200
    client.logout()
    login(client, member)
    assert client.post("/workspace/second-factor/", {"token": code, "next": item_url}).status_code == 400
    assert client.get(item_url).status_code == 302


def test_the_next_address_stays_on_the_site(db, client, required, member):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=member, name="authenticator", confirmed=True)
    login(client, member)
    response = client.post(
        "/workspace/second-factor/", {"token": _code(device), "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == "/workspace/"


# Password login switched off ---------------------------------------------------------------------


def test_local_login_off_hides_the_form_and_refuses_a_posted_password(db, client, settings, secretary):
    settings.PROTOKOL_LOCAL_LOGIN = False
    page = client.get("/workspace/login/").content.decode()
    assert 'name="password"' not in page and 'id="password-login"' not in page

    posted = client.post("/workspace/login/", {"username": "sekretaer", "password": PASSWORD})
    assert posted.status_code == 200 and "slået fra" in posted.content.decode()
    assert client.get("/workspace/").status_code == 302
    admin = client.post("/admin/login/", {"username": "sekretaer", "password": PASSWORD, "next": "/admin/"})
    assert admin.status_code == 200 and client.get("/workspace/").status_code == 302
    failed = entries("auth.login_failed")
    assert [e.reason for e in failed] == ["password login is off"] * 2

    # Switched on, the same password logs in (the refusal above was the switch, not the password).
    settings.PROTOKOL_LOCAL_LOGIN = True
    assert (
        client.post("/workspace/login/", {"username": "sekretaer", "password": PASSWORD}).status_code == 302
    )


def test_break_glass_lets_only_the_named_accounts_in_and_is_audited(db, client, settings, chef, secretary):
    settings.PROTOKOL_LOCAL_LOGIN = False
    settings.PROTOKOL_BREAK_GLASS_USERS = ["Chef"]
    refused = client.post("/workspace/login/break-glass/", {"username": "sekretaer", "password": PASSWORD})
    assert refused.status_code == 200 and client.get("/workspace/").status_code == 302
    assert 'name="password"' in client.get("/workspace/login/break-glass/").content.decode()
    # The break-glass account at the ordinary login: refused too.
    ordinary = client.post("/workspace/login/", {"username": "chef", "password": "pw-for-tests-123"})
    assert ordinary.status_code == 200 and client.get("/workspace/").status_code == 302

    entered = client.post(
        "/workspace/login/break-glass/", {"username": "chef", "password": "pw-for-tests-123"}
    )
    assert entered.status_code == 302 and client.get("/workspace/").status_code == 200
    assert entries("auth.break_glass")[-1].actor == chef
    assert entries("auth.login")[-1].actor == chef


def test_a_break_glass_login_still_needs_the_second_factor(db, client, settings, required, chef):
    settings.PROTOKOL_LOCAL_LOGIN = False
    settings.PROTOKOL_BREAK_GLASS_USERS = ["chef"]
    client.post("/workspace/login/break-glass/", {"username": "chef", "password": "pw-for-tests-123"})
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/workspace/second-factor/setup/")


def test_logins_logouts_and_failed_logins_are_audited(db, client, secretary):
    client.post("/workspace/login/", {"username": "sekretaer", "password": "wrong"})
    client.post("/workspace/login/", {"username": "sekretaer", "password": PASSWORD})
    client.post("/workspace/logout/")
    assert entries("auth.login_failed")[-1].actor_name == "sekretaer"
    assert (
        entries("auth.login")[-1].actor == secretary
        and entries("auth.login")[-1].after["method"] == "password"
    )
    assert entries("auth.logout")[-1].actor == secretary
