"""Other sites' scripts may use the JSON API: public reads, token writes, never the visitor's cookie."""

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


def test_a_members_cookie_never_counts_across_origins(client, two_bodies):
    # A browser shows another origin's script an answer to a request with cookies only when the answer
    # allows credentials; this one never does, so the member's session reads nothing for that script.
    a = two_bodies["Direktionen"]
    client.force_login(factories.member(a["body"]))
    response = client.get(f"/api/items/{a['closed'].pk}", **ORIGIN)
    assert CANARY in response.content.decode()  # what the member's own, same-origin page may read
    assert "Access-Control-Allow-Credentials" not in response
    assert response["Access-Control-Allow-Origin"] == "*"


def test_only_the_api_is_opened(client, two_bodies):
    assert "Access-Control-Allow-Origin" not in client.get("/", **ORIGIN)
    assert "Access-Control-Allow-Origin" not in client.get("/workspace/", **ORIGIN)
