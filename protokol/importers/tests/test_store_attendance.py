"""Importing the attendance a document states: linked to persons, never a guess, never twice."""

import copy

import pytest

from protokol.importers.store import store_document
from protokol.meetings.interchange import export_meeting
from protokol.meetings.models import Amendment, Organization
from protokol.meetings.tests.reference import reference_document
from protokol.people import services
from protokol.people.enums import AttendanceStatus, MembershipRole
from protokol.people.models import Attendance, ItemAbsence, Party, Person

pytestmark = pytest.mark.django_db

ORG = "Kalundborg Kommune"
PARTICIPANTS = [
    {"name": "Anna Andersen", "party": "A", "role": "formand", "present": True, "substitute_for": None},
    {"name": "Carl Carlsen", "party": "A", "role": "medlem", "present": False, "substitute_for": None},
    {"name": "Finn Friis", "party": "C", "role": "medlem", "present": False, "excused": False},
    {
        "name": "Dorte Dam",
        "party": "A",
        "role": "stedfortraeder",
        "present": True,
        "substitute_for": "Carl Carlsen",
    },
    {"name": "Eva Ek", "party": None, "role": "Kommunaldirektør", "present": True, "voting": False},
    "Gitte Gram",
]


def _doc() -> dict:
    doc = reference_document()
    doc["participants"] = copy.deepcopy(PARTICIPANTS)
    doc["items"][1]["absent"] = ["Gitte Gram"]
    return doc


def _org() -> Organization:
    return Organization.objects.get(name=ORG)


def test_attendance_is_linked_to_persons_and_exported_as_the_document_states_it(system):
    existing_org = store_document(reference_document(), by=system, organization=ORG).meeting.body.organization
    anna = services.create_person(
        organization=existing_org,
        name="Anna Andersen",
        party=services.party_for(organization=existing_org, letter="A", by=system),
        by=system,
    )
    result = store_document(_doc(), by=system, organization=ORG, source="ref.txt")
    meeting = result.meeting
    assert result.participants == 6 and result.warnings == []
    assert "6 deltagere" in result.summary()
    rows = {row.person.name: row for row in meeting.attendance.select_related("person", "substitute_for")}
    assert rows["Anna Andersen"].person == anna  # exactly one match: that person
    assert (rows["Anna Andersen"].role, rows["Anna Andersen"].status) == (MembershipRole.CHAIR, "present")
    assert rows["Carl Carlsen"].status == AttendanceStatus.EXCUSED
    assert rows["Finn Friis"].status == AttendanceStatus.ABSENT
    assert rows["Dorte Dam"].substitute_for == rows["Carl Carlsen"].person
    assert (rows["Eva Ek"].role, rows["Eva Ek"].voting_right, rows["Eva Ek"].person.title) == (
        "",
        False,
        "Kommunaldirektør",
    )
    assert rows["Gitte Gram"].role == MembershipRole.MEMBER and rows["Gitte Gram"].person.party is None
    # A new person gets the party of the document, created with the national party's name where missing.
    assert Party.objects.get(organization=_org(), letter="C").name == "Det Konservative Folkeparti"
    assert rows["Finn Friis"].person.party.letter == "C"
    assert list(ItemAbsence.objects.values_list("item__number", "person__name")) == [(2, "Gitte Gram")]
    exported = export_meeting(meeting)
    assert [item.get("absent") for item in exported["items"]][:2] == [None, ["Gitte Gram"]]
    assert {p["name"]: (p["present"], p["substitute_for"]) for p in exported["participants"]}[
        "Dorte Dam"
    ] == (True, "Carl Carlsen")


def test_importing_the_same_document_again_changes_nothing(system):
    store_document(_doc(), by=system, organization=ORG, source="ref.txt")
    persons, rows, absences = Person.objects.count(), Attendance.objects.count(), ItemAbsence.objects.count()
    again = store_document(_doc(), by=system, organization=ORG, source="ref.txt")
    assert (Person.objects.count(), Attendance.objects.count(), ItemAbsence.objects.count()) == (
        persons,
        rows,
        absences,
    )
    assert not Amendment.objects.exists() and again.warnings == []


def test_two_persons_of_the_name_are_never_guessed_between(system):
    org = store_document(reference_document(), by=system, organization=ORG).meeting.body.organization
    for _ in range(2):
        services.create_person(organization=org, name="Gitte Gram", by=system)
    result = store_document(_doc(), by=system, organization=ORG, source="ref.txt")
    assert len(result.warnings) == 1 and "Gitte Gram" in result.warnings[0]
    assert "advarsel" in result.summary()
    linked = result.meeting.attendance.get(person__name="Gitte Gram").person
    assert Person.objects.filter(name="Gitte Gram").count() == 3
    assert ItemAbsence.objects.get().person == linked
    # Importing it again finds the person it made the first time: no fourth person, no new warning.
    again = store_document(_doc(), by=system, organization=ORG, source="ref.txt")
    assert again.warnings == [] and Person.objects.filter(name="Gitte Gram").count() == 3
    assert again.meeting.attendance.get(person__name="Gitte Gram").person == linked


def test_the_party_letter_tells_two_persons_of_the_name_apart(system):
    org = store_document(reference_document(), by=system, organization=ORG).meeting.body.organization
    for letter in ("A", "V"):
        services.create_person(
            organization=org,
            name="Anna Andersen",
            party=services.party_for(organization=org, letter=letter, by=system),
            by=system,
        )
    result = store_document(_doc(), by=system, organization=ORG, source="ref.txt")
    assert result.warnings == []
    assert result.meeting.attendance.get(person__name="Anna Andersen").person.party.letter == "A"


def test_changed_attendance_of_approved_minutes_is_an_amendment_with_the_files_name(system):
    meeting = store_document(_doc(), by=system, organization=ORG, source="ref.txt").meeting
    assert meeting.is_frozen
    changed = _doc()
    changed["participants"][2]["present"] = True
    changed["items"][1].pop("absent")
    store_document(changed, by=system, organization=ORG, source="ref-rettet.txt")
    amendment = Amendment.objects.get()
    assert amendment.reason.endswith("ref-rettet.txt") and amendment.change["action"] == "attendance.import"
    assert meeting.attendance.get(person__name="Finn Friis").status == AttendanceStatus.PRESENT
    assert not ItemAbsence.objects.exists()
    meeting.refresh_from_db()
    from protokol.meetings.services import minutes_digest

    assert meeting.minutes_hash == minutes_digest(meeting)


def test_a_document_with_only_an_items_absence_keeps_the_meetings_attendance(system):
    meeting = store_document(_doc(), by=system, organization=ORG, source="ref.txt").meeting
    rows = Attendance.objects.count()
    only_item = reference_document()
    only_item["items"][0]["absent"] = ["Anna Andersen"]
    store_document(only_item, by=system, organization=ORG, source="ref-2.txt")
    assert Attendance.objects.count() == rows
    assert sorted(ItemAbsence.objects.values_list("item__number", "person__name")) == [
        (1, "Anna Andersen"),
        (2, "Gitte Gram"),
    ]
    assert (
        ItemAbsence.objects.get(item__number=1).person
        == meeting.attendance.get(person__name="Anna Andersen").person
    )
