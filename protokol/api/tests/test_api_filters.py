"""The JSON API filtered by a body's short name and by a case number, without telling more than the caller
may read: a closed item's case number finds nothing for a caller who may not read the item."""

import json

import pytest

from protokol.api.tests.conftest import CANARY


def _auth(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def closed_case(two_bodies):
    """A case only a closed item of Direktionen's published meeting is about."""
    from protokol.cases import services as case_services
    from protokol.common.users import system_user
    from protokol.meetings import services

    by = system_user()
    a = two_bodies["Direktionen"]
    case = case_services.resolve_case(
        organization=a["body"].organization, number="2026-99-000777", title=f"{CANARY} sag", by=by
    )
    item = services.add_item(
        meeting=a["meeting"], title=f"{CANARY} personalesag", public=False, case=case, reason="test", by=by
    )
    return case, item


def test_meetings_by_body_slug(client, two_bodies):
    a, b = two_bodies["Direktionen"], two_bodies["Økonomiudvalget"]
    listed = client.get("/api/meetings", {"body_slug": a["body"].slug}).json()
    assert listed["count"] == 1 and [m["id"] for m in listed["results"]] == [a["meeting"].pk]
    assert listed["results"][0]["body"]["slug"] == a["body"].slug
    other = client.get("/api/meetings", {"body_slug": b["body"].slug}).json()
    assert [m["id"] for m in other["results"]] == [b["meeting"].pk]
    assert client.get("/api/meetings", {"body_slug": "findes-ikke"}).json() == {"count": 0, "results": []}


def test_items_by_body_slug_and_by_case_number(client, two_bodies):
    a, b = two_bodies["Direktionen"], two_bodies["Økonomiudvalget"]
    items = client.get("/api/items", {"body_slug": a["body"].slug}).json()
    # The public sees the published agenda's items (the closed one by its public fields), not the draft's.
    assert {i["id"] for i in items["results"]} == {a["open"].pk, a["closed"].pk}
    assert items["count"] == 2
    closed = next(i for i in items["results"] if i["id"] == a["closed"].pk)
    assert closed["content_visible"] is False and CANARY not in str(items)

    number = a["open"].case.number
    by_case = client.get("/api/items", {"case": number}).json()
    assert [i["id"] for i in by_case["results"]] == [a["open"].pk]
    assert by_case["results"][0]["case"]["number"] == number
    assert [m["id"] for m in client.get("/api/meetings", {"case": number}).json()["results"]] == [
        a["meeting"].pk
    ]
    # Both filters together, and a case of the other body.
    assert client.get("/api/items", {"case": number, "body_slug": b["body"].slug}).json()["count"] == 0
    assert [i["id"] for i in client.get("/api/items", {"meeting": b["meeting"].pk}).json()["results"]] == [
        b["open"].pk,
        b["closed"].pk,
    ]


def test_a_closed_cases_number_finds_nothing_for_who_may_not_read_it(
    client, two_bodies, closed_case, token_a
):
    case, item = closed_case
    public_items = client.get("/api/items", {"case": case.number})
    assert public_items.status_code == 200
    assert public_items.json() == {"count": 0, "results": []}
    assert client.get("/api/meetings", {"case": case.number}).json() == {"count": 0, "results": []}
    # The item itself is listed (by its public fields) without the filter: only the case is withheld.
    listed = client.get("/api/items", {"meeting": item.meeting_id}).json()
    assert item.pk in {i["id"] for i in listed["results"]}
    assert case.number not in str(listed) and CANARY not in str(listed)
    assert client.get("/api/cases", {"number": case.number}).json()["count"] == 0

    # Who may read the closed item (the body's own token) finds it by its case.
    _token, secret = token_a
    found = client.get("/api/items", {"case": case.number}, **_auth(secret)).json()
    assert [i["id"] for i in found["results"]] == [item.pk]
    assert found["results"][0]["content_visible"] is True


def test_the_filters_are_in_the_openapi_document(client):
    doc = client.get("/api/openapi.json").json()
    meetings = {p["name"] for p in doc["paths"]["/api/meetings"]["get"]["parameters"]}
    items = {p["name"]: p for p in doc["paths"]["/api/items"]["get"]["parameters"]}
    assert {"body", "body_slug", "case", "since", "until"} <= meetings
    assert {"body", "body_slug", "case", "meeting", "since", "until", "limit", "offset"} <= set(items)
    assert "closed item" in items["case"]["description"]


def test_the_openapi_document_has_no_duplicated_key(client):
    """Python's json keeps the last of two equal keys; Swagger UI's parser refuses the whole document."""
    duplicated = []

    def pairs(items):
        keys = [k for k, _v in items]
        duplicated.extend(k for k in set(keys) if keys.count(k) > 1)
        return dict(items)

    doc = json.loads(client.get("/api/openapi.json").content, object_pairs_hook=pairs)
    assert duplicated == []
    download = doc["paths"]["/api/attachments/{attachment_id}/download"]["get"]["responses"]["200"]
    assert download["content"]["*/*"]["schema"]["format"] == "binary"
