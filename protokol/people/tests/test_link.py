"""Linking a name in a document to a person: one match is that person, none or two make a new one."""

import pytest

from protokol.common.errors import ProtokolError
from protokol.meetings.tests import factories
from protokol.people import services
from protokol.people.enums import AttendanceStatus
from protokol.people.models import Party, Person
from protokol.people.tests.factories import person


@pytest.fixture
def org(system):
    return factories.organization("Fjordby Kommune")


def test_one_match_by_name_and_letter_is_that_person(org, system):
    anna = person(org, "Anna  Andersen", letter="A")
    person(org, "Anna Andersen", letter="V")
    linked = services.link_person(organization=org, name="anna andersen", party_letter="A", by=system)
    assert linked.person == anna and not linked.created and not linked.warning


def test_a_person_without_a_party_matches_a_name_with_a_letter(org, system):
    bo = person(org, "Bo Berg")
    assert services.link_person(organization=org, name="Bo Berg", party_letter="V", by=system).person == bo


def test_no_match_makes_a_person_with_the_party_created_if_missing(org, system):
    linked = services.link_person(organization=org, name="Ida Isaksen", party_letter="Ø", by=system)
    assert linked.created and not linked.warning
    assert linked.person.party == Party.objects.get(organization=org, letter="Ø", name="Enhedslisten")
    local = services.link_person(organization=org, name="Jens Juhl", party_letter="L", by=system)
    assert local.person.party.name == "Liste L"


def test_two_candidates_are_never_guessed_between(org, system):
    person(org, "Carl Carlsen", letter="A")
    person(org, "Carl Carlsen", letter="V")
    linked = services.link_person(organization=org, name="Carl Carlsen", by=system)
    assert linked.created and "2 personer hedder Carl Carlsen" in linked.warning
    assert Person.objects.filter(name="Carl Carlsen").count() == 3
    # Among those the meeting already names, the one it made is found again.
    again = services.link_person(organization=org, name="Carl Carlsen", among=[linked.person], by=system)
    assert again.person == linked.person and not again.created


def test_recorded_attendance_refuses_a_person_of_another_organisation(org, system):
    meeting = factories.meeting(factories.body("Økonomiudvalget", org=org))
    stranger = person(factories.organization("Andetby Kommune"), "Kim Krog")
    with pytest.raises(ProtokolError, match="anden organisation"):
        services.record_document_attendance(
            meeting=meeting, attendees=[services.Attendee(person=stranger)], by=system
        )


def test_recorded_attendance_is_the_documents_and_the_same_twice_is_no_change(org, system):
    meeting = factories.meeting(factories.body("Økonomiudvalget", org=org))
    anna, bo = person(org, "Anna Andersen", letter="A"), person(org, "Bo Berg", letter="V")
    attendees = [
        services.Attendee(person=anna),
        services.Attendee(person=bo, status=AttendanceStatus.EXCUSED),
    ]
    assert services.record_document_attendance(meeting=meeting, attendees=attendees, by=system)
    assert not services.record_document_attendance(meeting=meeting, attendees=attendees, by=system)
    assert services.record_document_attendance(meeting=meeting, attendees=attendees[:1], by=system)
    assert list(meeting.attendance.values_list("person__name", "status")) == [("Anna Andersen", "present")]
