"""A held committee meeting with the whole legal record, for the tests of every channel that prints it."""

from dataclasses import dataclass
from datetime import date

from protokol.common.users import system_user
from protokol.meetings import services as meeting_services
from protokol.meetings.models import Meeting
from protokol.meetings.tests import factories
from protokol.people import services
from protokol.people.enums import AttendanceStatus, MembershipRole
from protokol.people.models import Person
from protokol.people.tests.factories import seat

DAY = date(2026, 3, 4)


@dataclass
class Scene:
    meeting: Meeting
    chair: Person
    excused: Person
    deputy: Person
    absent: Person
    not_on_item: Person


def held_meeting_with_attendance(body_name: str = "Teknik- og Miljøudvalget") -> Scene:
    """Chair, vice-chair and members; one afbud with the list's deputy called in, one absent without
    notice, the municipal director as a guest, and a member who did not take part in item 2."""
    by = system_user()
    committee = factories.body(body_name)
    meeting = factories.meeting(committee, day=DAY)
    factories.item(meeting, "Trafiksikkerhedsplan for Nørregade", number=1)
    factories.item(meeting, "Renovering af Havneparken", number=2)
    chair = seat(committee, "Anna Andersen", letter="A", role=MembershipRole.CHAIR, with_login=True).person
    seat(committee, "Bo Berg", letter="V", role=MembershipRole.VICE_CHAIR)
    excused = seat(committee, "Carl Carlsen", letter="A").person
    absent = seat(committee, "Finn Friis", letter="C").person
    not_on_item = seat(committee, "Gitte Gram", letter="Ø").person
    deputy = seat(committee, "Dorte Dam", letter="A", role=MembershipRole.DEPUTY, with_login=True).person
    director = services.create_person(
        organization=committee.organization, name="Eva Ek", title="Kommunaldirektør", by=by
    )
    meeting_services.publish_agenda(meeting, by=by)
    services.prefill_attendance(meeting=meeting, by=by)
    services.set_attendance(meeting=meeting, person=excused, status=AttendanceStatus.EXCUSED, by=by)
    services.set_attendance(meeting=meeting, person=absent, status=AttendanceStatus.ABSENT, by=by)
    services.call_in_deputy(meeting=meeting, for_person=excused, by=by)
    services.add_guest(meeting=meeting, person=director, by=by)
    services.set_item_absence(item=meeting.items.get(number=2), person=not_on_item, by=by)
    meeting_services.mark_held(meeting, by=by)
    for item in meeting.items.all():
        meeting_services.record_decision(item=item, text="Godkendt.", by=by)
    return Scene(meeting, chair, excused, deputy, absent, not_on_item)
