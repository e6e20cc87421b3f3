"""Single sign-on against a real OpenID Connect provider (oidc-provider, run with Node on loopback).

The flow is the browser's: the workspace sends to the provider's authorization endpoint (with a PKCE
challenge), the provider's login page and consent are walked by an HTTP client, and the provider's answer
(code and state) is brought back to the workspace's callback, which fetches the token, checks it and sets
the roles from the groups claim.
"""

from __future__ import annotations

from datetime import timedelta
from unittest import mock
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from django.core.exceptions import SuspiciousOperation
from django.utils import timezone

from protokol.workspace.tests.oidc_provider import (
    CLIENT_ID,
    CLIENT_SECRET,
    OTHER_CLIENT_ID,
    OTHER_CLIENT_SECRET,
    code_flow_token,
    login_at_provider,
    running_provider,
)

CALLBACK = "http://testserver/workspace/oidc/callback/"


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    with running_provider([CALLBACK], tmp_path_factory.mktemp("oidc") / "provider.log") as running:
        yield running


@pytest.fixture
def sso(settings, provider):
    settings.PROTOKOL_OIDC_ISSUER = provider.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_RP_SCOPES = "openid profile email groups"
    return provider


def provider_answer(client, account: str) -> str:
    """The workspace's login at the provider, up to the provider's answer (the callback URL, not yet used)."""
    start = client.get("/workspace/oidc/authenticate/")
    assert start.status_code == 302
    return login_at_provider(start["Location"], account, CALLBACK)


def sign_in(client, account: str):
    return client.get(provider_answer(client, account).removeprefix("http://testserver"))


def entries(action: str):
    from protokol.common.models import AuditEntry

    return list(AuditEntry.objects.filter(action=action).order_by("id"))


def test_the_code_flow_with_pkce_logs_in_with_the_roles_of_the_groups(db, client, sso, board, finance):
    from protokol.meetings.enums import Role
    from protokol.meetings.models import BodyMembership
    from protokol.people.models import ProviderLogin

    sso.set_accounts(
        {
            "u-1001": {
                "name": "Anne Jensen",
                "email": "anne@fjordby.dk",
                "groups": [
                    f"protokol-{board.slug}-medlem",
                    f"protokol-{finance.slug}-sekretariat",
                    "alle-ansatte",
                ],
            }
        }
    )
    start = client.get("/workspace/oidc/authenticate/")
    asked = parse_qs(urlsplit(start["Location"]).query)
    assert start["Location"].startswith(f"{sso.issuer}/auth?")
    assert asked["code_challenge_method"] == ["S256"] and len(asked["code_challenge"][0]) >= 43
    assert asked["client_id"] == [CLIENT_ID] and asked["redirect_uri"] == [CALLBACK]

    back = login_at_provider(start["Location"], "u-1001", CALLBACK)
    response = client.get(back.removeprefix("http://testserver"))
    assert response.status_code == 302 and response["Location"] == "/workspace/"

    login = ProviderLogin.objects.select_related("user").get(subject="u-1001")
    user = login.user
    assert not user.has_usable_password() and user.email == "anne@fjordby.dk"
    assert set(BodyMembership.objects.filter(user=user).values_list("body__slug", "role")) == {
        (board.slug, Role.MEMBER),
        (finance.slug, Role.SECRETARIAT),
    }
    assert not user.is_superuser and not user.is_staff
    home = client.get("/workspace/")
    assert home.status_code == 200 and board.name in home.content.decode()
    assert entries("auth.login")[-1].actor == user and entries("auth.login")[-1].after["method"] == "sso"
    change = entries("account.roles_from_provider")[-1]
    assert change.before == {"roles": [], "admin": False}
    assert change.after["roles"] == sorted([f"{board.slug}:member", f"{finance.slug}:secretariat"])


def test_the_provider_refuses_an_authorization_request_without_pkce(sso):
    query = urlencode(
        {
            "response_type": "code",
            "client_id": CLIENT_ID,
            "redirect_uri": CALLBACK,
            "scope": "openid",
            "state": "x" * 20,
        }
    )
    response = requests.get(f"{sso.issuer}/auth?{query}", allow_redirects=False, timeout=10)
    answer = parse_qs(urlsplit(response.headers["Location"]).query)
    assert answer["error"] == ["invalid_request"] and "PKCE" in answer["error_description"][0]


def test_a_group_removed_at_the_provider_removes_the_access_at_the_next_login(
    db, client, sso, board, meeting
):
    from protokol.meetings import services
    from protokol.meetings.models import BodyMembership
    from protokol.meetings.tests import factories

    item = services.add_item(
        meeting=meeting,
        title="Personalesag",
        public=False,
        subject_confidential=True,
        by=factories.system_user(),
    )
    services.publish_agenda(meeting=meeting, by=factories.system_user())
    closed = f"/workspace/meetings/{meeting.pk}/items/{item.pk}/"

    sso.set_accounts({"u-2002": {"groups": [f"protokol-{board.slug}-medlem", "protokol-admin"]}})
    assert sign_in(client, "u-2002").status_code == 302
    assert client.get(closed).status_code == 200
    client.post("/workspace/logout/")

    sso.set_accounts({"u-2002": {"groups": ["alle-ansatte"]}})
    assert sign_in(client, "u-2002").status_code == 302
    from protokol.people.models import ProviderLogin

    user = ProviderLogin.objects.get(subject="u-2002").user
    assert not BodyMembership.objects.filter(user=user).exists()
    assert not user.is_superuser and not user.is_staff
    assert client.get(closed).status_code == 404
    assert board.name not in client.get("/workspace/").content.decode()
    change = entries("account.roles_from_provider")[-1]
    assert change.before == {"roles": [f"{board.slug}:member"], "admin": True}
    assert change.after == {"roles": [], "admin": False}


def test_the_person_is_found_by_the_stable_claim_not_by_name(db, client, sso, org):
    from protokol.people.models import Person

    namesake = Person.objects.create(organization=org, name="Bo Holm")
    person = Person.objects.create(organization=org, name="B. Holm (gift Nielsen)", login_subject="u-3003")
    sso.set_accounts({"u-3003": {"name": "Bo Holm", "groups": []}})
    assert sign_in(client, "u-3003").status_code == 302

    person.refresh_from_db()
    namesake.refresh_from_db()
    assert person.user is not None and person.user.provider_login.subject == "u-3003"
    assert namesake.user is None
    # The same sub is the same account at the next login, whatever the name has become.
    client.post("/workspace/logout/")
    sso.set_accounts({"u-3003": {"name": "Bo Holm Nielsen", "groups": []}})
    sign_in(client, "u-3003")
    person.refresh_from_db()
    assert (
        Person.objects.filter(user__isnull=False).count() == 1 and person.user.first_name == "Bo Holm Nielsen"
    )


def test_a_token_for_another_audience_is_refused(db, sso):
    from protokol.workspace.oidc import OidcBackend

    sso.set_accounts({"u-4004": {"groups": []}})
    ours = code_flow_token(sso, "u-4004", CLIENT_ID, CLIENT_SECRET, CALLBACK)
    theirs = code_flow_token(sso, "u-4004", OTHER_CLIENT_ID, OTHER_CLIENT_SECRET, CALLBACK)
    backend = OidcBackend()
    assert backend.verify_token(ours["id_token"], nonce="n" * 20)["sub"] == "u-4004"
    with pytest.raises(SuspiciousOperation, match="another client"):
        backend.verify_token(theirs["id_token"], nonce="n" * 20)


def test_an_expired_token_is_refused(db, client, sso, board):
    from protokol.workspace.oidc import OidcBackend

    sso.set_accounts({"u-5005": {"groups": [f"protokol-{board.slug}-medlem"]}})
    token = code_flow_token(sso, "u-5005", CLIENT_ID, CLIENT_SECRET, CALLBACK)
    backend = OidcBackend()
    assert backend.verify_token(token["id_token"], nonce="n" * 20)["sub"] == "u-5005"
    later = timezone.now() + timedelta(days=1)
    with (
        mock.patch.object(timezone, "now", return_value=later),
        pytest.raises(SuspiciousOperation, match="expired"),
    ):
        backend.verify_token(token["id_token"], nonce="n" * 20)

    # Through the workspace: the provider's answer, taken with a clock a day on, logs nobody in.
    answer = provider_answer(client, "u-5005")
    with mock.patch.object(timezone, "now", return_value=later):
        response = client.get(answer.removeprefix("http://testserver"))
    assert response.status_code == 302 and response["Location"] == "/workspace/login/?sso=failed"
    assert client.get("/workspace/").status_code == 302
    failed = entries("auth.login_failed")[-1]
    assert failed.after["method"] == "sso" and "expired" in failed.reason


def test_a_replayed_state_is_refused(db, client, sso, board):
    sso.set_accounts({"u-6006": {"groups": [f"protokol-{board.slug}-medlem"]}})
    answer = provider_answer(client, "u-6006").removeprefix("http://testserver")
    assert client.get(answer).status_code == 302
    assert client.get("/workspace/").status_code == 200
    client.post("/workspace/logout/")

    # The same answer again, with no login under way: refused.
    replay = client.get(answer)
    assert replay["Location"] == "/workspace/login/?sso=failed"
    assert client.get("/workspace/").status_code == 302
    # The same answer again while another login is under way (its own state in the session): refused.
    client.get("/workspace/oidc/authenticate/")
    replay = client.get(answer)
    assert replay["Location"] == "/workspace/login/?sso=failed"
    assert client.get("/workspace/").status_code == 302
    assert len(entries("auth.login_failed")) == 2
    assert "state" in entries("auth.login_failed")[-1].reason


def test_without_a_provider_the_sso_urls_are_not_there(db, client):
    assert client.get("/workspace/oidc/authenticate/").status_code == 404
    assert client.get("/workspace/oidc/callback/?code=x&state=y").status_code == 404
    assert "sso-login" not in client.get("/workspace/login/").content.decode()


def test_the_login_page_offers_the_provider(db, client, sso):
    page = client.get("/workspace/login/").content.decode()
    assert 'id="sso-login"' in page and 'name="password"' in page


def test_the_id_token_alone_gives_the_groups_where_userinfo_is_off(db, client, settings, sso, board):
    from protokol.meetings.models import BodyMembership

    settings.PROTOKOL_OIDC_USERINFO = False
    sso.set_accounts({"u-8008": {"groups": [f"protokol-{board.slug}-sekretariat"]}})
    assert sign_in(client, "u-8008").status_code == 302
    assert BodyMembership.objects.filter(
        user__provider_login__subject="u-8008", body=board, role="secretariat"
    ).exists()
