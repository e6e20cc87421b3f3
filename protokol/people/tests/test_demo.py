"""The demo municipality's people: parties, seats that change during the year, attendance, signatures."""

from datetime import timedelta

import pytest
from django.utils import timezone

from protokol.meetings import demo
from protokol.meetings.enums import MeetingStatus
from protokol.meetings.models import Body, Meeting
from protokol.people import queries
from protokol.people.demo import CHANGE_DAYS_AGO, PARTIES
from protokol.people.enums import AttendanceStatus, MembershipRole
from protokol.people.models import Attendance, ItemAbsence, Party, Person, Signature

pytestmark = pytest.mark.django_db


def test_the_demo_municipality_has_its_people():
    # One generation for every check: it takes a while.
    demo.generate(meetings=12, seed=1)
    _councillors_with_party_letters_and_logins_for_signing()
    _a_member_leaves_and_a_deputy_takes_over_during_the_year()
    _every_held_meeting_has_attendance_with_afbud_deputies_and_item_absence()
    _approved_minutes_are_signed_by_the_participants_with_a_login_to_the_text_approved()


def _councillors_with_party_letters_and_logins_for_signing() -> None:
    assert set(PARTIES) <= set(Party.objects.values_list("letter", flat=True))
    council = Body.objects.get(name="Kommunalbestyrelsen")
    seats = queries.seats_on(council, timezone.localdate())
    assert seats.count() == 15 and seats.first().role == MembershipRole.CHAIR
    assert all(s.person.party is not None for s in seats)
    assert set(Person.objects.exclude(user=None).values_list("user__username", flat=True)) == {
        "borgmester",
        "medlem",
        "direktoer",
    }


def _a_member_leaves_and_a_deputy_takes_over_during_the_year() -> None:
    change = timezone.localdate() - timedelta(days=CHANGE_DAYS_AGO)
    council = Body.objects.get(name="Kommunalbestyrelsen")
    finance = Body.objects.get(name="Økonomiudvalget")
    before = {s.person.name for s in queries.seats_on(council, change - timedelta(days=1))}
    after = {s.person.name for s in queries.seats_on(council, change)}
    assert before - after == {"Louise Dam"} and after - before == {"Rasmus Lauridsen"}
    finance_before = {s.person.name for s in queries.seats_on(finance, change - timedelta(days=1))}
    finance_after = {s.person.name for s in queries.seats_on(finance, change)}
    assert finance_before - finance_after == {"Louise Dam"} and finance_after - finance_before == {
        "Jens Vestergaard"
    }
    deputies = queries.deputies_on(finance, change, party_id=Party.objects.get(letter="V").pk)
    assert [m.person.name for m in deputies] == ["Rasmus Lauridsen"]


def _every_held_meeting_has_attendance_with_afbud_deputies_and_item_absence() -> None:
    held = Meeting.objects.exclude(status__in=[MeetingStatus.DRAFT, MeetingStatus.AGENDA_PUBLISHED])
    assert held.exists()
    assert all(m.attendance.exists() for m in held)
    assert Attendance.objects.filter(status=AttendanceStatus.EXCUSED).exists()
    assert Attendance.objects.exclude(substitute_for=None).exists()
    assert Attendance.objects.filter(role="", voting_right=False).exists()
    assert ItemAbsence.objects.exists()
    # No one is offered for a meeting outside their membership.
    for row in Attendance.objects.filter(substitute_for=None).exclude(role="").select_related("meeting"):
        assert queries.memberships_on(row.meeting.body, row.meeting.date).filter(person=row.person).exists()


def _approved_minutes_are_signed_by_the_participants_with_a_login_to_the_text_approved() -> None:
    approved = Meeting.objects.filter(
        status__in=[MeetingStatus.MINUTES_APPROVED, MeetingStatus.MINUTES_PUBLISHED]
    )
    signed = Signature.objects.filter(meeting__in=approved)
    assert signed.exists()
    assert all(s.digest == s.meeting.minutes_hash for s in signed.select_related("meeting"))
    for meeting in approved:
        with_login = queries.took_part(meeting).exclude(person__user=None)
        assert set(meeting.signatures.values_list("person_id", flat=True)) == set(
            with_login.values_list("person_id", flat=True)
        )
