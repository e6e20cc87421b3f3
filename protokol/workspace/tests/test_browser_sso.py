"""Single sign-on in Debian's Chromium (Playwright) against a real OpenID Connect provider on loopback.

A councillor logs in through the provider, enrols the second factor (the QR code's key typed as an app
would use it), and lands in the workspace with the roles the provider's groups give; with the group removed
at the provider, the next login has no access to that body.
"""

import os
from datetime import date

import pytest
from django_otp.oath import totp

from protokol.workspace.tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, running_provider

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser]


def _code(secret: str) -> str:
    from base64 import b32decode

    key = secret.replace(" ", "")
    key += "=" * (-len(key) % 8)
    return f"{totp(b32decode(key)):06d}"


def test_login_through_the_provider_gives_the_groups_roles_and_a_removed_group_takes_them(
    live_server, browser, transactional_db, settings, tmp_path, board, secretary
):
    from protokol.meetings import services
    from protokol.meetings.models import BodyMembership
    from protokol.people.models import ProviderLogin

    meeting = services.create_meeting(body=board, date=date(2030, 6, 3), by=secretary)
    item = services.add_item(
        meeting=meeting, title="Personalesag", public=False, subject_confidential=True, by=secretary
    )
    services.publish_agenda(meeting, by=secretary)
    url = live_server.url
    callback = f"{url}/workspace/oidc/callback/"

    with running_provider([callback], tmp_path / "provider.log") as provider:
        settings.PROTOKOL_OIDC_ISSUER = provider.issuer
        settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
        settings.OIDC_RP_SCOPES = "openid profile email groups"
        settings.PROTOKOL_LOCAL_LOGIN = False
        settings.PROTOKOL_REQUIRE_2FA = True
        provider.set_accounts(
            {"u-7007": {"name": "Karen Kristensen", "groups": [f"protokol-{board.slug}-medlem"]}}
        )

        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="da-DK")
        page.set_default_timeout(20_000)
        page.goto(f"{url}/workspace/login/")
        assert page.locator("input[name=password]").count() == 0
        page.get_by_role("link", name="Log ind med kommunens login").click()
        page.get_by_label("Konto").fill("u-7007")
        page.get_by_role("button", name="Log ind").click()

        # Back from the provider: a member of the body, who enrols the second factor first.
        page.get_by_role("heading", name="Sæt tofaktorgodkendelse op").wait_for()
        assert page.url.startswith(f"{url}/workspace/second-factor/setup/")
        assert page.locator("#totp-qr").get_attribute("src").startswith("data:image/svg+xml")
        page.get_by_label("2. Skriv den sekscifrede kode, appen viser").fill(
            _code(page.inner_text("#totp-secret"))
        )
        page.get_by_role("button", name="Bekræft").click()
        assert page.locator("#recovery-codes li").count() == 10
        page.get_by_role("link", name="Fortsæt").click()
        page.get_by_role("heading", name="Arbejdsrum", level=1).wait_for()
        assert board.name in page.inner_text("main")
        user = ProviderLogin.objects.get(subject="u-7007").user
        assert list(BodyMembership.objects.filter(user=user).values_list("body_id", "role")) == [
            (board.pk, "member")
        ]
        page.goto(f"{url}/workspace/meetings/{meeting.pk}/items/{item.pk}/")
        assert "Personalesag" in page.inner_text("main")

        # The group is removed at the provider; the next login has no access to the body.
        provider.set_accounts({"u-7007": {"name": "Karen Kristensen", "groups": []}})
        page.goto(f"{url}/workspace/")
        page.get_by_role("button", name="Log ud").click()
        page.get_by_role("link", name="Log ind med kommunens login").click()
        page.wait_for_url(f"{url}/workspace/")
        page.get_by_role("heading", name="Arbejdsrum", level=1).wait_for()
        assert board.name not in page.inner_text("main")
        assert not BodyMembership.objects.filter(user=user).exists()
        response = page.goto(f"{url}/workspace/meetings/{meeting.pk}/items/{item.pk}/")
        assert response.status == 404
        page.close()
