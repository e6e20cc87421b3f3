"""Must show: OParl publishes the members (`Person`, `Membership`, `Organization.membership`, a party as an
Organization in `onBehalfOf`) and who took part in a meeting (`Meeting.participant`), every object valid
OParl 1.1; and no e-mail address or user account of a person reaches OParl or the public JSON API."""

import json
from datetime import date

import pytest
from django.utils import timezone

from protokol.api.models import DeletedObject
from protokol.api.tests.test_oparl_walk import BASE, walk
from protokol.common.users import system_user
from protokol.meetings import services
from protokol.meetings.enums import MeetingStatus
from protokol.meetings.models import Meeting
from protokol.meetings.tests import factories as meeting_factories
from protokol.people import services as people
from protokol.people.enums import AttendanceStatus, MembershipRole
from protokol.people.models import Person
from protokol.people.tests.factories import party, seat

EMAIL = "kanarie.fugl@example.dk"
GUEST_EMAIL = "direktoer.kanarie@example.dk"
USERNAME = "kanariebruger"
API = "http://testserver/api/"


def _plant(meeting: Meeting) -> dict:
    """Members (one with an e-mail address and a login), a deputy called in, a guest with an e-mail address
    and an item absence at a meeting, and a member who left."""
    by = system_user()
    body, org = meeting.body, meeting.body.organization
    start = date(meeting.date.year - 1, 1, 1)
    login = meeting_factories.user(USERNAME)
    anna = people.create_person(
        organization=org, name="Anna Kanarie", party=party(org, "A"), user=login, email=EMAIL, by=by
    )
    people.add_membership(person=anna, body=body, role=MembershipRole.CHAIR, start_date=start, by=by)
    bo = seat(body, "Bo Berg", letter="V", start=start).person
    erik = seat(body, "Erik Eriksen", letter="V", role=MembershipRole.DEPUTY, start=start).person
    left = seat(body, "Lise Leth", letter="A", start=start, end=date(meeting.date.year - 1, 6, 30))
    guest = people.create_person(
        organization=org, name="Dorte Direktør", title="Kommunaldirektør", email=GUEST_EMAIL, by=by
    )
    reason = "Fremmøde registreret"
    people.prefill_attendance(meeting=meeting, by=by, reason=reason)
    people.set_attendance(meeting=meeting, person=bo, status=AttendanceStatus.EXCUSED, by=by, reason=reason)
    people.call_in_deputy(meeting=meeting, for_person=bo, by=by, amendment=reason)
    people.add_guest(meeting=meeting, person=guest, by=by, reason=reason)
    item = meeting.items.filter(public=True).first()
    people.set_item_absence(item=item, person=anna, by=by, reason=reason)
    return {"anna": anna, "bo": bo, "erik": erik, "left": left, "guest": guest, "item": item}


def _published_minutes(org) -> Meeting:
    return (
        Meeting.objects.filter(body__organization=org, status=MeetingStatus.MINUTES_PUBLISHED)
        .order_by("-date")
        .first()
    )


def _crawl_api(client) -> list[tuple[str, str]]:
    """Every answer of the JSON API an anonymous caller reaches from its lists."""
    bodies: list[tuple[str, str]] = []

    def get(url: str) -> dict:
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:200])
        bodies.append((url, response.content.decode()))
        return response.json()

    get(API + "bodies")
    for name in ("persons", "memberships", "meetings"):
        offset, count = 0, 1
        while offset < count:
            page = get(f"{API}{name}?limit=200&offset={offset}")
            count = page["count"]
            offset += 200
            for obj in page["results"]:
                if name == "persons":
                    get(f"{API}persons/{obj['id']}")
                if name == "meetings":
                    meeting = get(f"{API}meetings/{obj['id']}")
                    for item in meeting["items"]:
                        get(f"{API}items/{item['id']}")
    return bodies


@pytest.mark.django_db
def test_walk_finds_persons_memberships_and_participants_and_no_email_or_login(client, demo, settings):
    settings.PROTOKOL_OPARL_PAGE_SIZE = 7
    meeting = _published_minutes(demo)
    planted = _plant(meeting)

    report = walk(client)
    assert report["errors"] == [], "\n".join(report["errors"][:30])
    assert {"Person", "Membership"} <= report["types"]
    objects = {}
    for page, body in report["bodies"]:
        if page.startswith(BASE) and body.startswith("{"):
            data = json.loads(body)
            for obj in data["data"] if "links" in data else [data]:
                objects[obj["id"]] = obj

    def url(kind: str, pk: int) -> str:
        return f"http://testserver/oparl/v1/{kind}/{pk}"

    anna = objects[url("person", planted["anna"].pk)]
    assert anna["name"] == "Anna Kanarie" and set(anna) <= {
        "id",
        "type",
        "body",
        "name",
        "status",
        "membership",
        "created",
        "modified",
    }
    (chair,) = anna["membership"]
    assert chair["role"] == "Formand" and chair["votingRight"] is True
    assert chair["organization"] == url("organization", meeting.body_id)
    a = objects[chair["onBehalfOf"]]
    assert (a["type"], a["shortName"], a["organizationType"]) == (
        "https://schema.oparl.org/1.1/Organization",
        "A",
        "Partei",
    )
    assert objects[url("person", planted["guest"].pk)]["status"] == ["Kommunaldirektør"]
    left = objects[url("membership", planted["left"].pk)]
    assert left["endDate"] == f"{meeting.date.year - 1}-06-30"
    organization = objects[url("organization", meeting.body_id)]
    assert url("membership", planted["left"].pk) in organization["membership"]
    assert chair["id"] in organization["membership"]
    # Those present: the chair, the deputy called in and the guest; not the member with afbud.
    shown = objects[url("meeting", meeting.pk)]
    assert {url("person", planted[k].pk) for k in ("anna", "erik", "guest")} <= set(shown["participant"])
    assert url("person", planted["bo"].pk) not in shown["participant"]
    assert all(p in objects for p in shown["participant"])

    api = _crawl_api(client)
    assert any(str(planted["guest"].pk) in u for u, _ in api)
    for secret in (EMAIL, GUEST_EMAIL, USERNAME):
        leaks = [u for u, body in report["bodies"] + api if secret.casefold() in body.casefold()]
        assert leaks == [], secret
    # The e-mail addresses are kept (for notifications), only never shown.
    assert Person.objects.get(pk=planted["anna"].pk).email == EMAIL


@pytest.mark.django_db
def test_a_meeting_names_its_participants_once_its_minutes_are_published(client, system):
    body = meeting_factories.body("Økonomiudvalget")
    seat(body, "Anna Andersen", letter="A")
    meeting = meeting_factories.meeting(body, day=date(2026, 6, 1))
    meeting_factories.item(meeting, "Budget")
    services.publish_agenda(meeting, by=system)
    people.prefill_attendance(meeting=meeting, by=system)
    assert "participant" not in client.get(f"/oparl/v1/meeting/{meeting.pk}").json()
    services.mark_held(meeting, by=system)
    # Attendance is part of the minutes: the public reads it once they are published.
    assert "participant" not in client.get(f"/oparl/v1/meeting/{meeting.pk}").json()
    services.approve_minutes(meeting, by=system)
    services.publish_minutes(meeting, by=system)
    participants = client.get(f"/oparl/v1/meeting/{meeting.pk}").json()["participant"]
    assert len(participants) == 1 and client.get(participants[0]).json()["name"] == "Anna Andersen"

    # A guest added and taken off again: both changes reach mirrors through modified_since.
    guest = people.create_person(organization=body.organization, name="Dorte Direktør", by=system)
    since = timezone.now()
    row = people.add_guest(meeting=meeting, person=guest, by=system, reason="Deltog også.")
    listed = client.get(
        f"/oparl/v1/body/{body.organization_id}/meeting", {"modified_since": since.isoformat()}
    )
    assert len(listed.json()["data"][0]["participant"]) == 2
    since = timezone.now()
    people.remove_attendance(attendance=row, by=system, reason="Deltog alligevel ikke.")
    listed = client.get(
        f"/oparl/v1/body/{body.organization_id}/meeting", {"modified_since": since.isoformat()}
    )
    assert [m["participant"] for m in listed.json()["data"]] == [participants]
    person = client.get(f"/oparl/v1/person/{guest.pk}").json()
    assert person["deleted"] is True


@pytest.mark.django_db
def test_persons_of_bodies_without_anything_public_and_their_logins_stay_out(client, system):
    public_body = meeting_factories.body("Økonomiudvalget")
    org = public_body.organization
    member = seat(public_body, "Anna Andersen", letter="A")
    loner = people.create_person(organization=org, name="Uden Plads", email=EMAIL, by=system)
    listed = client.get(f"/oparl/v1/body/{org.pk}/person").json()
    assert [p["name"] for p in listed["data"]] == ["Anna Andersen"]
    assert client.get(f"/oparl/v1/person/{loner.pk}").status_code == 404
    assert (
        client.get(f"/oparl/v1/person/{member.person_id}")
        .json()["membership"][0]["id"]
        .endswith(f"/membership/{member.pk}")
    )
    organizations = client.get(f"/oparl/v1/body/{org.pk}/organization").json()["data"]
    assert [o.get("organizationType") for o in organizations] == ["Gremium", "Partei"]


@pytest.mark.django_db
def test_a_deleted_member_reaches_mirrors_as_deleted(client, system):
    body = meeting_factories.body("Økonomiudvalget")
    org = body.organization
    kept = seat(body, "Anna Andersen", letter="A")
    gone = seat(body, "Bo Berg", letter="V")
    since = timezone.now()
    gone.person.delete()  # as an administrator would, in the admin
    assert DeletedObject.objects.filter(type="Person", object_id=gone.person_id, public=True).exists()
    person = client.get(f"/oparl/v1/person/{gone.person_id}").json()
    assert person["deleted"] is True
    assert client.get(f"/oparl/v1/membership/{gone.pk}").json()["deleted"] is True
    changed = client.get(f"/oparl/v1/body/{org.pk}/person", {"modified_since": since.isoformat()}).json()
    assert [(p["id"].rsplit("/", 1)[1], p.get("deleted")) for p in changed["data"]] == [
        (str(gone.person_id), True)
    ]
    organization = client.get(f"/oparl/v1/organization/{body.pk}").json()
    assert organization["membership"] == [f"http://testserver/oparl/v1/membership/{kept.pk}"]

    # A person whose only seat is deleted leaves the public set: deleted for mirrors, still in the database.
    since = timezone.now()
    kept.delete()
    assert client.get(f"/oparl/v1/person/{kept.person_id}").json()["deleted"] is True
    changed = client.get(f"/oparl/v1/body/{org.pk}/person", {"modified_since": since.isoformat()}).json()
    assert [p["id"].rsplit("/", 1)[1] for p in changed["data"]] == [str(kept.person_id)]
    assert "membership" not in client.get(f"/oparl/v1/organization/{body.pk}").json()
    assert Person.objects.filter(pk=kept.person_id).exists()
