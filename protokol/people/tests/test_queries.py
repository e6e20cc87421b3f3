"""Who may know of whom, and who was present, for the readers of many meetings at once (the APIs)."""

from datetime import date

import pytest

from protokol.meetings import services as meeting_services
from protokol.meetings.enums import Role
from protokol.meetings.models import Body, Meeting
from protokol.meetings.queries import public_user
from protokol.meetings.tests import factories
from protokol.people import queries, services
from protokol.people.enums import AttendanceStatus, MembershipRole
from protokol.people.tests.factories import person, seat

DAY = date(2026, 6, 10)


@pytest.fixture
def committee(system):
    return factories.body("Teknik- og Miljøudvalget")


@pytest.fixture
def sent(committee, system):
    m = factories.meeting(committee, day=DAY)
    factories.item(m, "Trafikplan")
    factories.item(m, "Budget")
    meeting_services.publish_agenda(m, by=system)
    return m


def test_visible_persons_are_members_and_participants_and_the_secretariats_whole_organisation(
    committee, sent, system
):
    org = committee.organization
    member = seat(committee, "Anna Andersen", letter="A").person
    former = seat(committee, "Bo Berg", letter="V", start=date(2025, 1, 1), end=date(2025, 12, 31)).person
    guest = person(org, "Dorte Direktør")
    services.add_guest(meeting=sent, person=guest, by=system)
    loner = person(org, "Uden Plads")
    draft = factories.meeting(committee, day=date(2026, 9, 1))
    drafted_guest = person(org, "Kun I Kladden")
    # Attendance is recorded from the agenda on; a draft's can be there from an earlier life.
    draft.attendance.create(person=drafted_guest, role="", voting_right=False)

    def names(user) -> set[str]:
        return set(
            queries.visible_persons(
                user,
                bodies=Body.objects.filter(pk=committee.pk),
                meetings=Meeting.objects.filter(pk=sent.pk),
            ).values_list("name", flat=True)
        )

    assert names(public_user()) == {member.name, former.name, guest.name}
    secretary = factories.member(committee, role=Role.SECRETARIAT)
    assert names(secretary) == {member.name, former.name, guest.name, loner.name, drafted_guest.name}
    admin = factories.user(is_superuser=True)
    other = factories.organization("Andenby Kommune")
    person(other, "Fremmed")
    assert "Fremmed" in names(admin) and "Fremmed" not in names(secretary)


def test_visible_memberships_include_past_ones_of_those_bodies_only(committee, system):
    kept = seat(committee, "Anna Andersen", letter="A", start=date(2025, 1, 1), end=date(2025, 12, 31))
    seat(factories.body("Økonomiudvalget"), "Bo Berg", letter="V")
    assert list(queries.visible_memberships(Body.objects.filter(pk=committee.pk))) == [kept]


def test_present_by_meeting_in_list_order_without_those_away(committee, sent, system):
    anna = seat(committee, "Anna Andersen", letter="A").person
    bo = seat(committee, "Bo Berg", letter="A").person
    erik = seat(committee, "Erik Eriksen", letter="A", role=MembershipRole.DEPUTY).person
    services.prefill_attendance(meeting=sent, by=system)
    services.set_attendance(meeting=sent, person=bo, status=AttendanceStatus.EXCUSED, by=system)
    services.call_in_deputy(meeting=sent, for_person=bo, by=system)
    other = factories.meeting(committee, day=date(2026, 7, 1))
    assert queries.present_by_meeting([sent.pk, other.pk]) == {sent.pk: [anna.pk, erik.pk]}


def test_item_absent_by_item_names_as_item_absent_does(committee, sent, system):
    anna = seat(committee, "Anna Andersen", letter="A").person
    bo = seat(committee, "Bo Berg", letter="A").person
    services.prefill_attendance(meeting=sent, by=system)
    first, second = sent.items.order_by("position")
    services.set_item_absence(item=first, person=bo, by=system)
    services.set_item_absence(item=first, person=anna, by=system)
    found = queries.item_absent_by_item([first.pk, second.pk])
    assert found == {first.pk: ["Anna Andersen", "Bo Berg"]} and found[first.pk] == queries.item_absent(first)
