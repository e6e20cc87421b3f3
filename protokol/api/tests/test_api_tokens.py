"""Must show: no token → read-only public; a token scoped to one body cannot write to another; its writes
are in the audit log under the token's own user."""

import base64

import pytest

from protokol.api.models import ApiToken
from protokol.api.tests.conftest import CANARY
from protokol.api.tokens import create_token
from protokol.cases.tests.files import pdf_bytes
from protokol.common.models import AuditEntry
from protokol.meetings.rules import Forbidden


def _auth(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_without_token_reads_are_public_and_writes_refused(client, two_bodies):
    a = two_bodies["Direktionen"]
    listed = client.get("/api/meetings").json()
    assert {m["id"] for m in listed["results"]} == {b["meeting"].pk for b in two_bodies.values()}
    assert client.get(f"/api/meetings/{a['draft'].pk}").status_code == 404
    meeting = client.get(f"/api/meetings/{a['meeting'].pk}").json()
    closed = next(i for i in meeting["items"] if i["id"] == a["closed"].pk)
    assert closed["content_visible"] is False and closed["sections"] == [] and closed["case"] is None
    assert CANARY not in client.get(f"/api/meetings/{a['meeting'].pk}").content.decode()
    assert client.get(f"/api/items/{a['open'].pk}").json()["attachments"][0]["title"] == "Bilag"

    refused = client.post(
        "/api/meetings", {"body_id": a["body"].pk, "date": "2026-06-01"}, content_type="application/json"
    )
    assert refused.status_code == 401 and "API-nøgle" in refused.json()["message"]
    assert (
        client.patch(
            f"/api/items/{a['open'].pk}", {"title": "X"}, content_type="application/json"
        ).status_code
        == 401
    )
    assert client.get("/api/meetings", **_auth("pk_wrong")).status_code == 401


def test_token_writes_its_own_body_through_the_services_and_the_audit_log(client, two_bodies, token_a):
    token, secret = token_a
    a = two_bodies["Direktionen"]
    created = client.post(
        "/api/meetings",
        {"body_id": a["body"].pk, "date": "2026-06-01", "start_time": "12:30:00", "location": "Mødelokale 9"},
        content_type="application/json",
        **_auth(secret),
    )
    assert created.status_code == 201, created.content
    meeting_id = created.json()["id"]
    item = client.post(
        f"/api/meetings/{meeting_id}/items",
        {
            "title": "Budget",
            "case_number": "2026-11-000123",
            "journal_number": "00.30.10",
            "route": ["Direktionen"],
        },
        content_type="application/json",
        **_auth(secret),
    )
    assert item.status_code == 201, item.content
    item_id = item.json()["id"]
    assert item.json()["case"]["number"] == "2026-11-000123"
    att = client.post(
        f"/api/items/{item_id}/attachments",
        {
            "title": "Notat",
            "file_name": "notat.pdf",
            "mime_type": "application/pdf",
            "content_base64": base64.b64encode(pdf_bytes("Notat om budget")).decode(),
        },
        content_type="application/json",
        **_auth(secret),
    )
    assert att.status_code == 201 and att.json()["size"] == len(pdf_bytes("Notat om budget"))
    patched = client.patch(
        f"/api/items/{item_id}", {"title": "Budget 2027"}, content_type="application/json", **_auth(secret)
    )
    assert patched.status_code == 200 and patched.json()["title"] == "Budget 2027"
    stale = client.patch(
        f"/api/items/{item_id}",
        {"title": "Y", "expected_version": 1},
        content_type="application/json",
        **_auth(secret),
    )
    assert stale.status_code == 409 and stale.json()["message"]
    decision = client.post(
        f"/api/items/{a['open'].pk}/decisions",
        {"text": "Godkendt."},
        content_type="application/json",
        **_auth(secret),
    )
    assert decision.status_code == 201 and decision.json()["outcome"] == "approved"

    entries = AuditEntry.objects.filter(actor=token.user)
    assert {
        "meeting.create",
        "item.create",
        "attachment.add",
        "item.update",
        "decision.record",
        "case.create",
    } <= set(entries.values_list("action", flat=True))
    assert entries.first().actor_name == token.user.get_username()
    assert not token.user.is_active

    # The token's reads are its body's secretariat's: its drafts and closed items, nothing of the other body.
    assert client.get(f"/api/meetings/{a['draft'].pk}", **_auth(secret)).status_code == 200
    assert client.get(f"/api/items/{a['closed'].pk}", **_auth(secret)).json()["content_visible"] is True
    b = two_bodies["Økonomiudvalget"]
    assert client.get(f"/api/items/{b['closed'].pk}", **_auth(secret)).json()["content_visible"] is False
    assert client.get(f"/api/meetings/{b['draft'].pk}", **_auth(secret)).status_code == 404


def test_token_cannot_write_to_another_body(client, two_bodies, token_a):
    token, secret = token_a
    b = two_bodies["Økonomiudvalget"]
    attempts = [
        ("post", "/api/meetings", {"body_id": b["body"].pk, "date": "2026-06-01"}),
        ("patch", f"/api/meetings/{b['meeting'].pk}", {"location": "Andetsteds"}),
        ("post", f"/api/meetings/{b['meeting'].pk}/items", {"title": "Indsmuglet"}),
        ("post", f"/api/meetings/{b['meeting'].pk}/status", {"status": "held"}),
        ("patch", f"/api/items/{b['open'].pk}", {"title": "Ændret"}),
        ("post", f"/api/items/{b['open'].pk}/decisions", {"text": "Godkendt."}),
        ("post", f"/api/items/{b['open'].pk}/attachments", {"title": "Bilag"}),
    ]
    before = AuditEntry.objects.count()
    for method, url, data in attempts:
        response = getattr(client, method)(url, data, content_type="application/json", **_auth(secret))
        assert response.status_code == 403, (url, response.content)
        assert response.json()["message"]
    assert AuditEntry.objects.count() == before
    b["open"].refresh_from_db()
    assert b["open"].title == "Åbent punkt"
    # A revoked token writes nothing at all.
    token.active = False
    token.save()
    a = two_bodies["Direktionen"]
    response = client.post(
        "/api/meetings",
        {"body_id": a["body"].pk, "date": "2026-06-01"},
        content_type="application/json",
        **_auth(secret),
    )
    assert response.status_code == 401


def test_only_an_administrator_creates_tokens_and_the_secret_is_not_stored(two_bodies):
    from protokol.meetings.tests import factories

    body = two_bodies["Direktionen"]["body"]
    with pytest.raises(Forbidden):
        create_token(name="X", body=body, by=factories.user())
    admin = factories.user(is_superuser=True)
    token, secret = create_token(name="Acadre", body=body, by=admin)
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret.startswith("pk_") and secret not in stored.token_hash and stored.prefix in secret
    assert AuditEntry.objects.filter(action="apitoken.create", actor=admin).exists()


def test_errors_are_json_with_a_message(client, two_bodies, token_a):
    _token, secret = token_a
    a = two_bodies["Direktionen"]
    bad = client.post(
        "/api/meetings",
        {"body_id": a["body"].pk, "date": "not a date"},
        content_type="application/json",
        **_auth(secret),
    )
    assert bad.status_code == 400 and bad.json()["message"] and bad.json()["errors"]
    broken = client.post("/api/meetings", "{", content_type="application/json", **_auth(secret))
    assert broken.status_code == 400 and broken.json()["message"]
    rule = client.post(
        f"/api/meetings/{a['draft'].pk}/status",
        {"status": "held"},
        content_type="application/json",
        **_auth(secret),
    )
    assert rule.status_code == 400 and "Kladde" in rule.json()["message"]
    assert client.get("/api/items/999999").json()["message"]
