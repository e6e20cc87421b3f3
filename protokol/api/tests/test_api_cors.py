"""Other sites' scripts may use the JSON API: public reads, token writes, never the visitor's cookie (nor
on the site itself)."""

from protokol.api.tests.conftest import CANARY
from protokol.api.tokens import create_token
from protokol.meetings.tests import factories

ORIGIN = {"HTTP_ORIGIN": "https://avis.example"}


def test_a_public_read_is_open_to_other_origins(client, two_bodies):
    response = client.get("/api/meetings", **ORIGIN)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response


def test_the_preflight_allows_a_token_write(client, two_bodies):
    response = client.options(
        "/api/meetings",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
        **ORIGIN,
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "POST" in response["Access-Control-Allow-Methods"]
    allowed = {h.strip().lower() for h in response["Access-Control-Allow-Headers"].split(",")}
    assert {"authorization", "content-type"} <= allowed

    body = two_bodies["Direktionen"]["body"]
    _token, secret = create_token(name="Avisen", body=body, by=factories.user(is_superuser=True))
    written = client.post(
        "/api/meetings",
        {"body_id": body.pk, "date": "2026-06-01"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
        **ORIGIN,
    )
    assert written.status_code == 201 and written["Access-Control-Allow-Origin"] == "*"


def test_a_members_cookie_never_counts(client, two_bodies):
    # Not across origins (no answer allows credentials) and not on the site itself: the API reads as the
    # public unless a token says otherwise, so its answers never depend on an ambient credential.
    a = two_bodies["Direktionen"]
    client.force_login(factories.member(a["body"]))
    for origin in (ORIGIN, {}):
        response = client.get(f"/api/items/{a['closed'].pk}", **origin)
        assert response.status_code == 200 and CANARY not in response.content.decode()
        assert "Access-Control-Allow-Credentials" not in response
        assert "Cookie" not in response.get("Vary", "")
    assert response["Access-Control-Allow-Origin"] == "*"
    _token, secret = create_token(name="Intranet", body=a["body"], by=factories.user(is_superuser=True))
    with_token = client.get(f"/api/items/{a['closed'].pk}", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert CANARY in with_token.content.decode()


def test_only_the_api_is_opened(client, two_bodies):
    assert "Access-Control-Allow-Origin" not in client.get("/", **ORIGIN)
    assert "Access-Control-Allow-Origin" not in client.get("/workspace/", **ORIGIN)
