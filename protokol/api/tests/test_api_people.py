"""Must show: the JSON API reads persons, memberships and attendance (public fields only) and writes them
with a token through the people services; a write the services refuse stores nothing."""

from datetime import date

import pytest

from protokol.api.tests.test_api_tokens import _auth
from protokol.common.models import AuditEntry
from protokol.common.users import system_user
from protokol.meetings.tests import factories as meeting_factories
from protokol.people import services as people
from protokol.people.enums import AttendanceStatus, MembershipRole
from protokol.people.models import Attendance, ItemAbsence, Membership, Party, Person
from protokol.people.tests.factories import party, seat

EMAIL = "anna.kanarie@example.dk"


def _post(client, url: str, data: dict, secret: str):
    return client.post(url, data, content_type="application/json", **_auth(secret))


def _stored() -> tuple:
    return (
        Person.objects.count(),
        Party.objects.count(),
        list(Membership.objects.values_list("pk", "end_date").order_by("pk")),
        list(Attendance.objects.values_list("pk", "status").order_by("pk")),
        ItemAbsence.objects.count(),
        AuditEntry.objects.count(),
    )


def test_reads_give_public_fields_only(client, two_bodies):
    a = two_bodies["Direktionen"]
    body, meeting = a["body"], a["meeting"]
    login = meeting_factories.user("kanariebruger")
    anna = people.create_person(
        organization=body.organization,
        name="Anna Andersen",
        party=party(body.organization, "A", "Socialdemokratiet"),
        user=login,
        email=EMAIL,
        by=system_user(),
    )
    chair = people.add_membership(
        person=anna, body=body, role=MembershipRole.CHAIR, start_date=date(2026, 1, 1), by=system_user()
    )
    bo = seat(body, "Bo Berg", letter="V", end=date(2026, 2, 28)).person
    people.set_attendance(meeting=meeting, person=anna, status=AttendanceStatus.PRESENT, by=system_user())
    people.set_item_absence(item=a["open"], person=anna, by=system_user())
    people.set_item_absence(item=a["closed"], person=anna, by=system_user())
    # Someone the public knows nothing of: no seat, no attendance.
    people.create_person(organization=body.organization, name="Uden Plads", by=system_user())

    persons = client.get("/api/persons").json()
    assert [p["name"] for p in persons["results"]] == ["Anna Andersen", "Bo Berg"]
    assert persons["results"][0]["party"] == {
        "id": anna.party_id,
        "letter": "A",
        "name": "Socialdemokratiet",
    }
    detail = client.get(f"/api/persons/{anna.pk}").json()
    assert set(detail) == {"id", "name", "party", "title", "memberships"}
    assert detail["memberships"][0] | {"body": None} == {
        "id": chair.pk,
        "person": {"id": anna.pk, "name": "Anna Andersen", "party": "A"},
        "body": None,
        "role": "formand",
        "voting_right": True,
        "start_date": "2026-01-01",
        "end_date": None,
        "deputy_position": None,
    }
    on_day = client.get("/api/memberships", {"body": body.pk, "on": "2026-03-02"}).json()
    assert [m["person"]["name"] for m in on_day["results"]] == ["Anna Andersen"]
    history = client.get("/api/memberships", {"person": bo.pk}).json()
    assert history["results"][0]["end_date"] == "2026-02-28"

    # Attendance is part of the minutes: the public reads it once they are published.
    early = client.get(f"/api/meetings/{meeting.pk}").json()
    assert early["participants"] == [] and early["attendance"] == []
    assert all(not i.get("absent") for i in early["items"])
    from protokol.meetings import services as meeting_services

    meeting_services.mark_held(meeting, by=system_user())
    meeting_services.approve_minutes(meeting, by=system_user())
    meeting_services.publish_minutes(meeting, by=system_user())
    shown = client.get(f"/api/meetings/{meeting.pk}").json()
    assert shown["participants"] == [
        {
            "name": "Anna Andersen",
            "party": "A",
            "role": "formand",
            "present": True,
            "substitute_for": None,
            "excused": None,
            "voting": None,
        }
    ]
    assert shown["attendance"][0]["person"]["id"] == anna.pk and shown["attendance"][0]["status"] == "present"
    items = {i["id"]: i for i in shown["items"]}
    assert items[a["open"].pk]["absent"] == ["Anna Andersen"]
    # A closed item's absences are no public field.
    assert items[a["closed"].pk]["absent"] == []
    answers = [client.get(u).content.decode() for u in ("/api/persons", f"/api/persons/{anna.pk}")]
    answers.append(client.get(f"/api/meetings/{meeting.pk}").content.decode())
    assert not any(EMAIL in x or "kanariebruger" in x or "email" in x for x in answers)


def test_token_writes_persons_memberships_and_attendance_through_the_services(client, two_bodies, token_a):
    token, secret = token_a
    a = two_bodies["Direktionen"]
    body, meeting = a["body"], a["meeting"]
    assert (
        _post(client, "/api/parties", {"letter": "A", "name": "Socialdemokratiet"}, secret).status_code == 201
    )
    created = _post(
        client, "/api/persons", {"name": "Anna Andersen", "party_letter": "A", "email": EMAIL}, secret
    )
    assert created.status_code == 201, created.content
    assert EMAIL not in created.content.decode() and created.json()["party"]["letter"] == "A"
    anna = Person.objects.get(pk=created.json()["id"])
    assert anna.email == EMAIL  # kept, never shown
    bo = _post(client, "/api/persons", {"name": "Bo Berg", "party_letter": "A"}, secret).json()["id"]
    erik = _post(client, "/api/persons", {"name": "Erik Eriksen", "party_letter": "A"}, secret).json()["id"]
    guest = _post(client, "/api/persons", {"name": "Dorte Dahl", "title": "Kommunaldirektør"}, secret).json()
    seat_of = {}
    for pid, role in ((anna.pk, "formand"), (bo, "medlem"), (erik, "stedfortraeder")):
        response = _post(
            client,
            "/api/memberships",
            {"person_id": pid, "body_id": body.pk, "role": role, "start_date": "2026-01-01"},
            secret,
        )
        assert response.status_code == 201, response.content
        seat_of[pid] = response.json()
    assert seat_of[erik]["deputy_position"] == 1

    attendance = _post(
        client, f"/api/meetings/{meeting.pk}/attendance", {"person_id": bo, "status": "excused"}, secret
    )
    assert attendance.status_code == 200, attendance.content
    assert [(x["person"]["id"], x["status"]) for x in attendance.json()] == [(bo, "excused")]
    deputy = _post(client, f"/api/meetings/{meeting.pk}/deputies", {"for_person_id": bo}, secret)
    assert deputy.status_code == 201, deputy.content
    called = next(x for x in deputy.json() if x["person"]["id"] == erik)
    assert called["substitute_for"]["id"] == bo and called["role"] == "stedfortraeder"
    _post(
        client, f"/api/meetings/{meeting.pk}/attendance", {"person_id": anna.pk, "status": "present"}, secret
    )
    added = _post(client, f"/api/meetings/{meeting.pk}/guests", {"person_id": guest["id"]}, secret)
    assert added.status_code == 201 and added.json()[-1]["role"] == ""
    absence = _post(client, f"/api/items/{a['open'].pk}/absences", {"person_id": anna.pk}, secret)
    assert absence.status_code == 200 and absence.json()["absent"] == ["Anna Andersen"]
    cleared = _post(
        client, f"/api/items/{a['open'].pk}/absences", {"person_id": anna.pk, "kind": None}, secret
    )
    assert cleared.json()["absent"] == []
    ended = _post(client, f"/api/memberships/{seat_of[bo]['id']}/end", {"end_date": "2026-06-30"}, secret)
    assert ended.status_code == 200 and ended.json()["end_date"] == "2026-06-30"

    # The public reads the attendance with the published minutes; the token (the secretariat) at once.
    assert client.get(f"/api/meetings/{meeting.pk}").json()["participants"] == []
    participants = client.get(f"/api/meetings/{meeting.pk}", **_auth(secret)).json()["participants"]
    assert [(p["name"], p["present"], p["substitute_for"]) for p in participants] == [
        ("Bo Berg", False, None),
        ("Erik Eriksen", True, "Bo Berg"),
        ("Anna Andersen", True, None),
        ("Dorte Dahl", True, None),
    ]
    actions = set(AuditEntry.objects.filter(actor=token.user).values_list("action", flat=True))
    assert {
        "party.create",
        "person.create",
        "membership.create",
        "membership.end",
        "attendance.set",
        "attendance.deputy",
        "attendance.guest",
        "attendance.item",
    } <= actions


def test_a_refused_write_stores_nothing(client, two_bodies, token_a):
    _token, secret = token_a
    a, b = two_bodies["Direktionen"], two_bodies["Økonomiudvalget"]
    anna = seat(a["body"], "Anna Andersen", letter="A").person
    left = seat(a["body"], "Lise Leth", letter="A", end=date(2026, 2, 1))
    other = seat(b["body"], "Ole Olsen", letter="V").person
    deputy = seat(a["body"], "Erik Eriksen", letter="A", role=MembershipRole.DEPUTY).person
    before = _stored()
    refused = [
        # the services' rules (400)
        ("/api/persons", {"name": "Ny", "party_letter": "Q"}, 400),
        ("/api/persons", {"name": "   "}, 400),
        ("/api/parties", {"letter": "A", "name": "Igen"}, 400),
        (
            "/api/memberships",
            {"person_id": anna.pk, "body_id": a["body"].pk, "start_date": "2026-02-01"},
            400,
        ),
        (
            "/api/memberships",
            {
                "person_id": deputy.pk,
                "body_id": a["body"].pk,
                "start_date": "2026-05-01",
                "end_date": "2026-04-01",
            },
            400,
        ),
        (f"/api/memberships/{left.pk}/end", {"end_date": "2025-01-01"}, 400),
        (
            f"/api/meetings/{a['meeting'].pk}/attendance",
            {"person_id": left.person_id, "status": "present"},
            400,
        ),
        (f"/api/meetings/{a['draft'].pk}/attendance", {"person_id": anna.pk, "status": "present"}, 400),
        (f"/api/meetings/{a['meeting'].pk}/deputies", {"for_person_id": anna.pk}, 400),
        (f"/api/items/{a['open'].pk}/absences", {"person_id": anna.pk}, 400),
        # another body's (403)
        (
            "/api/memberships",
            {"person_id": other.pk, "body_id": b["body"].pk, "start_date": "2026-01-01"},
            403,
        ),
        (f"/api/meetings/{b['meeting'].pk}/attendance", {"person_id": other.pk, "status": "excused"}, 403),
        (f"/api/meetings/{b['meeting'].pk}/guests", {"person_id": anna.pk}, 403),
        (f"/api/items/{b['open'].pk}/absences", {"person_id": other.pk}, 403),
        # invalid data (400) and unknown ids (404)
        ("/api/persons", {"name": "Ny", "email": "ikke en adresse"}, 400),
        (f"/api/meetings/{a['meeting'].pk}/attendance", {"person_id": anna.pk, "status": "maybe"}, 400),
        (f"/api/meetings/{a['meeting'].pk}/guests", {"person_id": 10**12}, 404),
    ]
    for url, data, status in refused:
        response = _post(client, url, data, secret)
        assert response.status_code == status, (url, data, response.content)
        assert response.json()["message"]
        assert _stored() == before, (url, data)
    # Without a token nothing is written either.
    anonymous = client.post("/api/persons", {"name": "Ny"}, content_type="application/json")
    assert anonymous.status_code == 401 and _stored() == before


@pytest.mark.parametrize("name", ["MembershipRoleValue", "AttendanceStatusValue", "ItemAbsenceKindValue"])
def test_the_api_literals_are_the_people_choices(name):
    from typing import get_args

    from protokol.api import schemas
    from protokol.people import enums

    choices = {
        "MembershipRoleValue": enums.MembershipRole,
        "AttendanceStatusValue": enums.AttendanceStatus,
        "ItemAbsenceKindValue": enums.ItemAbsenceKind,
    }[name]
    assert list(get_args(getattr(schemas, name))) == list(choices.values)
