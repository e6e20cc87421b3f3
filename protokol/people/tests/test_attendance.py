"""Memberships over time, deputies in the list's order, attendance per meeting and item, and quorum."""

from datetime import date

import pytest

from protokol.common.errors import ProtokolError
from protokol.meetings import services as meeting_services
from protokol.meetings.tests import factories
from protokol.people import queries, services
from protokol.people.enums import AttendanceStatus, MembershipRole
from protokol.people.tests.factories import seat

DAY = date(2026, 6, 10)


@pytest.fixture
def committee(system):
    return factories.body("Teknik- og Miljøudvalget")


@pytest.fixture
def sent(committee, system):
    m = factories.meeting(committee, day=DAY)
    factories.item(m, "Trafikplan")
    meeting_services.publish_agenda(m, by=system)
    return m


def _names(rows):
    return [r.person.name for r in rows]


def test_a_member_whose_membership_ended_is_not_offered_for_a_later_meeting(committee, sent, system):
    seat(committee, "Anna Andersen", letter="A")
    seat(committee, "Bo Berg", letter="V", end=date(2026, 5, 31))  # left before the meeting
    seat(committee, "Carl Carlsen", letter="V", start=date(2026, 6, 1))  # took over
    seat(committee, "Dorte Dam", letter="Ø", start=date(2026, 7, 1))  # not yet
    assert _names(services.prefill_attendance(meeting=sent, by=system)) == ["Anna Andersen", "Carl Carlsen"]
    bo = committee.seats.get(person__name="Bo Berg").person
    with pytest.raises(ProtokolError, match="var ikke medlem af Teknik- og Miljøudvalget den 10.06.2026"):
        services.set_attendance(meeting=sent, person=bo, status=AttendanceStatus.PRESENT, by=system)
    assert not sent.attendance.filter(person=bo).exists()


def test_a_deputy_is_called_in_in_the_lists_order(committee, sent, system):
    anna = seat(committee, "Anna Andersen", letter="A").person
    seat(committee, "Erik Eriksen", letter="A", role=MembershipRole.DEPUTY)  # first on A's list
    seat(committee, "Frida Frost", letter="A", role=MembershipRole.DEPUTY)
    seat(committee, "Gorm Gram", letter="V", role=MembershipRole.DEPUTY)  # another list
    services.prefill_attendance(meeting=sent, by=system)
    with pytest.raises(ProtokolError, match="afbud"):
        services.call_in_deputy(meeting=sent, for_person=anna, by=system)  # Anna is there
    services.set_attendance(meeting=sent, person=anna, status=AttendanceStatus.EXCUSED, by=system)
    called = services.call_in_deputy(meeting=sent, for_person=anna, by=system)
    assert (called.person.name, called.substitute_for, called.role) == (
        "Erik Eriksen",
        anna,
        MembershipRole.DEPUTY,
    )
    with pytest.raises(ProtokolError, match="allerede indkaldt"):
        services.call_in_deputy(meeting=sent, for_person=anna, by=system)


def test_another_deputy_than_the_next_needs_a_reason(committee, sent, system):
    anna = seat(committee, "Anna Andersen", letter="A").person
    seat(committee, "Erik Eriksen", letter="A", role=MembershipRole.DEPUTY)
    frida = seat(committee, "Frida Frost", letter="A", role=MembershipRole.DEPUTY).person
    services.prefill_attendance(meeting=sent, by=system)
    services.set_attendance(meeting=sent, person=anna, status=AttendanceStatus.EXCUSED, by=system)
    with pytest.raises(
        ProtokolError, match="ikke den næste stedfortræder på listen \\(Erik Eriksen \\(A\\)\\)"
    ):
        services.call_in_deputy(meeting=sent, for_person=anna, deputy=frida, by=system)
    assert not sent.attendance.filter(person=frida).exists()
    called = services.call_in_deputy(
        meeting=sent, for_person=anna, deputy=frida, reason="Erik Eriksen er inhabil i sagen.", by=system
    )
    assert called.substitute_reason == "Erik Eriksen er inhabil i sagen."


def test_a_deputy_whose_membership_ended_is_passed_over(committee, sent, system):
    anna = seat(committee, "Anna Andersen", letter="A").person
    seat(committee, "Erik Eriksen", letter="A", role=MembershipRole.DEPUTY, end=date(2026, 3, 1))
    seat(committee, "Frida Frost", letter="A", role=MembershipRole.DEPUTY)
    services.prefill_attendance(meeting=sent, by=system)
    services.set_attendance(meeting=sent, person=anna, status=AttendanceStatus.EXCUSED, by=system)
    assert services.call_in_deputy(meeting=sent, for_person=anna, by=system).person.name == "Frida Frost"


def test_the_quorum_warning_appears_when_half_or_fewer_take_part(committee, sent, system):
    people = [seat(committee, f"Medlem {n}", letter="A").person for n in range(4)]
    item = sent.items.get()
    services.prefill_attendance(meeting=sent, by=system)
    assert queries.quorum(item).warning is False  # 4 of 4
    services.set_attendance(meeting=sent, person=people[0], status=AttendanceStatus.EXCUSED, by=system)
    assert (queries.quorum(item).taking_part, queries.quorum(item).warning) == (3, False)  # 3 of 4
    services.set_item_absence(item=item, person=people[1], by=system)
    assert (queries.quorum(item).taking_part, queries.quorum(item).warning) == (2, True)  # 2 of 4: half
    assert queries.quorum_by_item(sent)[item.pk].warning is True
    services.set_item_absence(item=item, person=people[1], kind=None, by=system)
    assert queries.quorum(item).warning is False


def test_attendance_is_in_the_interchange_and_an_item_absence_on_the_item(committee, sent, system):
    anna = seat(committee, "Anna Andersen", letter="A").person
    seat(committee, "Bo Berg", letter="V", role=MembershipRole.CHAIR)
    seat(committee, "Erik Eriksen", letter="A", role=MembershipRole.DEPUTY)
    services.prefill_attendance(meeting=sent, by=system)
    services.set_attendance(meeting=sent, person=anna, status=AttendanceStatus.EXCUSED, by=system)
    services.call_in_deputy(meeting=sent, for_person=anna, by=system)
    bo = committee.seats.get(person__name="Bo Berg").person
    services.set_item_absence(item=sent.items.get(), person=bo, by=system)
    from protokol.meetings.interchange import export_meeting

    doc = export_meeting(sent)
    assert {
        p["name"]: (p["party"], p["role"], p["present"], p["substitute_for"]) for p in doc["participants"]
    } == {
        "Anna Andersen": ("A", "medlem", False, None),
        "Bo Berg": ("V", "formand", True, None),
        "Erik Eriksen": ("A", "stedfortraeder", True, "Anna Andersen"),
    }
    assert doc["absent"] == ["Anna Andersen"]
    assert doc["items"][0]["absent"] == ["Bo Berg"]


def test_attendance_waits_for_the_agenda_and_a_change_after_approval_is_an_amendment(committee, system):
    m = factories.meeting(committee, day=DAY)
    factories.item(m, "Trafikplan")
    anna = seat(committee, "Anna Andersen", letter="A").person
    with pytest.raises(ProtokolError, match="udsendt"):
        services.prefill_attendance(meeting=m, by=system)
    meeting_services.publish_agenda(m, by=system)
    services.prefill_attendance(meeting=m, by=system)
    meeting_services.mark_held(m, by=system)
    meeting_services.approve_minutes(m, by=system)
    m.refresh_from_db()
    sealed = m.minutes_hash
    with pytest.raises(ProtokolError, match="begrundelse"):
        services.set_attendance(meeting=m, person=anna, status=AttendanceStatus.EXCUSED, by=system)
    services.set_attendance(
        meeting=m, person=anna, status=AttendanceStatus.EXCUSED, by=system, reason="Anna meldte afbud."
    )
    m.refresh_from_db()
    amendment = m.amendments.get()
    assert amendment.reason == "Anna meldte afbud." and amendment.change["action"] == "attendance.set"
    assert m.minutes_hash != sealed and meeting_services.minutes_match(m)


def test_a_secretariat_of_another_body_cannot_record_attendance(committee, sent, system):
    anna = seat(committee, "Anna Andersen", letter="A").person
    outsider = factories.member(
        factories.body("Andet udvalg", org=committee.organization), role="secretariat"
    )
    from protokol.meetings.rules import Forbidden

    with pytest.raises(Forbidden):
        services.set_attendance(meeting=sent, person=anna, status=AttendanceStatus.EXCUSED, by=outsider)
    assert not sent.attendance.exists()
