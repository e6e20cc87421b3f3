"""Must show: the JSON API reads an item's votes, protokoltilførsler and disqualified members where the
caller reads its decisions (never a closed item's to the public, never the grounds) and writes them with a
token through the services, storing nothing on a refusal; OParl's AgendaItem carries the outcome of the
vote (`result`) and the vote and statement lines as printed (`resolutionText`) once the minutes are public.
"""

import pytest

from protokol.api.tests.oparl_schema import errors
from protokol.api.tests.test_api_tokens import _auth
from protokol.common.models import AuditEntry
from protokol.common.users import system_user
from protokol.meetings import services as meeting_services
from protokol.meetings.models import Amendment
from protokol.people import services as people
from protokol.people import votes
from protokol.people.models import Ballot, Disqualification, Statement, Vote
from protokol.people.tests.factories import seat

GROUNDS = "Kanarie-inhabilitetsgrund"
DECISION = "Indstillingen blev godkendt."
OPARL = "http://testserver/oparl/v1/"


def _post(client, url: str, data: dict, secret: str | None):
    return client.post(url, data, content_type="application/json", **(_auth(secret) if secret else {}))


def _stored() -> tuple:
    return (
        list(Vote.objects.values_list("pk", "result").order_by("pk")),
        Ballot.objects.count(),
        list(Statement.objects.values_list("pk", "text").order_by("pk")),
        list(Disqualification.objects.values_list("pk", "reason").order_by("pk")),
        Amendment.objects.count(),
        AuditEntry.objects.count(),
    )


@pytest.fixture
def held(two_bodies):
    """Direktionen's meeting held with five members present (A 2, V, F, Ø) and both items decided."""
    by = system_user()
    a = two_bodies["Direktionen"]
    members = {
        name: seat(a["body"], name, letter=letter).person
        for name, letter in (
            ("Anna Andersen", "A"),
            ("Bent Bach", "A"),
            ("Dan Dahl", "V"),
            ("Finn Fisk", "F"),
            ("Gitte Gram", "Ø"),
        )
    }
    people.prefill_attendance(meeting=a["meeting"], by=by)
    meeting_services.mark_held(a["meeting"], by=by)
    meeting_services.record_decision(item=a["open"], text=DECISION, by=by)
    meeting_services.record_decision(
        item=a["closed"], text="Lukket beslutning.", public_text="Sagen blev afgjort.", by=by
    )
    return a, members


def _publish(meeting) -> None:
    meeting_services.approve_minutes(meeting, by=system_user())
    meeting_services.publish_minutes(meeting, by=system_user())


def test_token_writes_votes_statements_and_disqualification_through_the_services(client, held, token_a):
    token, secret = token_a
    a, p = held
    item = a["open"].pk
    disqualified = _post(
        client,
        f"/api/items/{item}/disqualifications",
        {"person_id": p["Gitte Gram"].pk, "grounds": GROUNDS, "self_declared": False},
        secret,
    )
    assert disqualified.status_code == 201, disqualified.content
    assert disqualified.json()["disqualified"] == ["Gitte Gram"]
    assert GROUNDS not in disqualified.content.decode()
    assert Disqualification.objects.get().self_declared is False

    vote = _post(
        client,
        f"/api/items/{item}/votes",
        {
            "question": "Indstillingen",
            "parties": {"A": "for", "V": "against"},
            "persons": {str(p["Finn Fisk"].pk): "abstain"},
        },
        secret,
    )
    assert vote.status_code == 201, vote.content
    assert vote.json() == {
        "id": Vote.objects.get().pk,
        "question": "Indstillingen",
        "result": "adopted",
        "for": ["A"],
        "against": ["V"],
        "abstain": ["F"],
        "counts": {"for": 2, "against": 1, "abstain": 1},
    }
    statement = _post(
        client,
        f"/api/items/{item}/statements",
        {"author_ids": [p["Dan Dahl"].pk, p["Finn Fisk"].pk], "text": "Vi kan ikke tiltræde indstillingen."},
        secret,
    )
    assert statement.status_code == 201, statement.content
    assert statement.json()["by"] == ["Dan Dahl (V)", "Finn Fisk (F)"]

    second = _post(
        client, f"/api/items/{item}/votes", {"question": "Igen", "parties": {"A": "against"}}, secret
    )
    assert second.status_code == 201 and second.json()["result"] == "rejected"
    removed = _post(client, f"/api/items/{item}/votes/{second.json()['id']}/remove", {}, secret)
    assert removed.status_code == 200, removed.content
    shown = removed.json()
    assert [v["question"] for v in shown["votes"]] == ["Indstillingen"]
    assert shown["statements"] == [
        {
            "id": statement.json()["id"],
            "by": ["Dan Dahl (V)", "Finn Fisk (F)"],
            "text": "Vi kan ikke tiltræde indstillingen.",
        }
    ]
    assert shown["disqualified"] == ["Gitte Gram"]
    removed = _post(client, f"/api/items/{item}/statements/{statement.json()['id']}/remove", {}, secret)
    assert removed.status_code == 200, removed.content
    assert removed.json()["statements"] == [] and not Statement.objects.exists()
    actions = set(AuditEntry.objects.filter(actor=token.user).values_list("action", flat=True))
    assert {
        "item.vote",
        "item.vote.remove",
        "item.statement",
        "item.statement.remove",
        "item.disqualified",
    } <= actions


def test_a_refused_write_stores_nothing(client, held, two_bodies, token_a):
    _token, secret = token_a
    a, p = held
    b = two_bodies["Økonomiudvalget"]
    other = seat(b["body"], "Ole Olsen", letter="V").person
    item = a["open"].pk
    votes.record_vote(
        item=a["open"], question="Indstillingen", parties={"A": "for", "V": "for"}, by=system_user()
    )
    people.set_item_absence(item=a["open"], person=p["Gitte Gram"], by=system_user())
    foreign_vote = votes.record_vote(
        item=a["closed"], question="Lukket", parties={"A": "for"}, by=system_user()
    )
    own_vote = Vote.objects.get(item=a["open"])
    before = _stored()
    refused = [
        # the services' rules (400)
        (f"/api/items/{item}/votes", {"question": " ", "parties": {"A": "for"}}, secret, 400),
        (
            f"/api/items/{item}/votes",
            {"question": "X", "persons": {str(p["Gitte Gram"].pk): "for"}},
            secret,
            400,
        ),
        (f"/api/items/{item}/votes", {"question": "X", "parties": {"Q": "for"}}, secret, 400),
        (
            f"/api/items/{item}/statements",
            {"author_ids": [p["Anna Andersen"].pk], "text": "Flertal"},
            secret,
            400,
        ),
        (f"/api/items/{item}/statements", {"author_ids": [p["Finn Fisk"].pk], "text": "  "}, secret, 400),
        (f"/api/items/{item}/disqualifications", {"person_id": p["Dan Dahl"].pk}, secret, 400),  # voted
        # before the meeting is held
        (
            f"/api/items/{a['draft'].items.get().pk}/votes",
            {"question": "X", "parties": {"A": "for"}},
            secret,
            400,
        ),
        # another body's item (403) and no token (401)
        (
            f"/api/items/{b['open'].pk}/votes",
            {"question": "X", "persons": {str(other.pk): "for"}},
            secret,
            403,
        ),
        (f"/api/items/{b['open'].pk}/statements", {"author_ids": [other.pk], "text": "X"}, secret, 403),
        (f"/api/items/{b['open'].pk}/disqualifications", {"person_id": other.pk}, secret, 403),
        (f"/api/items/{item}/votes", {"question": "X", "parties": {"A": "for"}}, None, 401),
        (f"/api/items/{item}/votes/{own_vote.pk}/remove", {}, None, 401),
        # invalid data (400) and unknown ids (404)
        (f"/api/items/{item}/votes", {"question": "X", "parties": {"A": "maybe"}}, secret, 400),
        (f"/api/items/{item}/statements", {"author_ids": [], "text": "X"}, secret, 400),
        (f"/api/items/{item}/votes", {"question": "X", "persons": {str(10**12): "for"}}, secret, 404),
        (f"/api/items/{item}/votes/{foreign_vote.pk}/remove", {}, secret, 404),
    ]
    for url, data, token, status in refused:
        response = _post(client, url, data, token)
        assert response.status_code == status, (url, data, response.content)
        assert response.json()["message"]
        assert _stored() == before, (url, data)

    # Approved minutes change only with a reason, and then as an amendment.
    meeting_services.approve_minutes(a["meeting"], by=system_user())
    before = _stored()
    response = _post(client, f"/api/items/{item}/votes/{own_vote.pk}/remove", {}, secret)
    assert response.status_code == 400 and _stored() == before
    response = _post(
        client, f"/api/items/{item}/votes/{own_vote.pk}/remove", {"reason": "Fejlregistreret"}, secret
    )
    assert response.status_code == 200 and response.json()["votes"] == []
    assert Amendment.objects.count() == before[4] + 1


def test_reads_show_the_record_where_the_decisions_are_read_and_never_the_grounds(client, held, token_a):
    _token, secret = token_a
    a, p = held
    by = system_user()
    votes.declare_disqualified(item=a["open"], person=p["Gitte Gram"], grounds=GROUNDS, by=by)
    votes.declare_disqualified(item=a["closed"], person=p["Gitte Gram"], grounds=GROUNDS, by=by)
    votes.record_vote(
        item=a["open"], question="Indstillingen", parties={"A": "for", "V": "against", "F": "abstain"}, by=by
    )
    votes.add_statement(item=a["open"], authors=[p["Finn Fisk"]], text="F er imod.", by=by)
    votes.record_vote(
        item=a["closed"], question="Lukket kanarieafstemning", parties={"A": "for", "V": "against"}, by=by
    )
    votes.add_statement(item=a["closed"], authors=[p["Dan Dahl"]], text="Lukket kanarietilførsel", by=by)
    url = f"/api/meetings/{a['meeting'].pk}"

    def items(**auth) -> dict[int, dict]:
        response = client.get(url, **auth)
        assert response.status_code == 200
        assert GROUNDS not in response.content.decode()
        return {i["id"]: i for i in response.json()["items"]}

    # The secretariat reads it all at once; the public nothing before the minutes are published.
    secretariat = items(**_auth(secret))
    assert secretariat[a["closed"].pk]["votes"][0]["question"] == "Lukket kanarieafstemning"
    assert secretariat[a["open"].pk]["disqualified"] == ["Gitte Gram"]
    early = items()
    assert all(i["votes"] == i["statements"] == i["disqualified"] == [] for i in early.values())

    _publish(a["meeting"])
    public = items()
    shown = public[a["open"].pk]
    assert [(v["for"], v["against"], v["counts"]) for v in shown["votes"]] == [
        (["A"], ["V"], {"for": 2, "against": 1, "abstain": 1})
    ]
    assert shown["statements"][0]["by"] == ["Finn Fisk (F)"] and shown["disqualified"] == ["Gitte Gram"]
    closed = public[a["closed"].pk]
    assert closed["votes"] == closed["statements"] == closed["disqualified"] == []
    answer = client.get(url).content.decode() + client.get(f"/api/items/{a['closed'].pk}").content.decode()
    assert "kanarie" not in answer.lower()
    assert client.get(f"/api/items/{a['open'].pk}").json()["votes"] == shown["votes"]


def test_oparl_agenda_item_carries_the_result_and_the_printed_record_once_published(client, held):
    a, p = held
    by = system_user()
    votes.declare_disqualified(item=a["open"], person=p["Gitte Gram"], grounds=GROUNDS, by=by)
    votes.record_vote(
        item=a["open"],
        question="Ændringsforslag fra V",
        parties={"V": "for", "A": "against", "F": "against"},
        by=by,
    )
    votes.record_vote(
        item=a["open"], question="Indstillingen", parties={"A": "for", "V": "for", "F": "against"}, by=by
    )
    votes.add_statement(item=a["open"], authors=[p["Finn Fisk"]], text="F finder budgettet usocialt.", by=by)
    votes.record_vote(item=a["closed"], question="Lukket kanarieafstemning", parties={"A": "for"}, by=by)

    def agenda_item(item) -> dict:
        response = client.get(f"{OPARL}agendaItem/{item.pk}")
        assert response.status_code == 200
        obj = response.json()
        assert errors(obj, "AgendaItem.json") == []
        assert GROUNDS not in response.content.decode()
        return obj

    early = agenda_item(a["open"])
    assert "result" not in early and "resolutionText" not in early
    _publish(a["meeting"])
    shown = agenda_item(a["open"])
    assert shown["result"] == "Vedtaget"  # the last vote's outcome
    assert shown["resolutionText"] == "\n\n".join(
        [
            DECISION,
            "Afstemning om ændringsforslag fra V:\nFor stemte: V (1). Imod stemte: A, F (3).\n"
            "Forslaget blev forkastet.",
            "Afstemning om indstillingen:\nFor stemte: A, V (3). Imod stemte: F (1).\nForslaget blev vedtaget.",
            "Protokoltilførsel fra Finn Fisk (F): F finder budgettet usocialt.",
            "Gitte Gram (Ø) deltog ikke i behandlingen af punktet på grund af inhabilitet.",
        ]
    )
    closed = agenda_item(a["closed"])
    assert closed.get("resolutionText") == "Sagen blev afgjort." and "result" not in closed
    meeting = client.get(f"{OPARL}meeting/{a['meeting'].pk}").json()
    assert errors(meeting, "Meeting.json") == []
    assert "kanarie" not in client.get(f"{OPARL}meeting/{a['meeting'].pk}").content.decode().lower()


def test_openapi_shows_the_writes(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/items/{item_id}/votes",
        "/api/items/{item_id}/votes/{vote_id}/remove",
        "/api/items/{item_id}/statements",
        "/api/items/{item_id}/disqualifications",
    ):
        assert "post" in paths[path], path
    item = client.get("/api/openapi.json").json()["components"]["schemas"]["ItemOut"]["properties"]
    assert {"votes", "statements", "disqualified"} <= set(item)
