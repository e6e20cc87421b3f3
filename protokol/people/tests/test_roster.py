"""A body's memberships seen from one day, and whom the attendance screen offers."""

from datetime import date

import pytest

from protokol.meetings import services as meeting_services
from protokol.meetings.tests import factories
from protokol.people import queries, services
from protokol.people.enums import AttendanceStatus, MembershipRole
from protokol.people.tests.factories import person, seat

DAY = date(2026, 6, 10)


@pytest.fixture
def committee(system):
    return factories.body("Kultur- og Fritidsudvalget")


def _names(memberships):
    return [m.person.name for m in memberships]


def test_the_roster_splits_current_upcoming_and_former_and_orders_each_lists_deputies(committee):
    seat(committee, "Anna Andersen", letter="A", role=MembershipRole.CHAIR)
    seat(committee, "Bo Berg", letter="V", end=date(2026, 5, 31))
    seat(committee, "Carl Carlsen", letter="V", start=date(2026, 6, 1))
    seat(committee, "Dorte Dam", letter="Ø", start=date(2026, 7, 1))
    seat(committee, "Frida Frost", letter="V", role=MembershipRole.DEPUTY)
    seat(committee, "Erik Eriksen", letter="A", role=MembershipRole.DEPUTY)
    seat(committee, "Gorm Gram", letter="A", role=MembershipRole.DEPUTY)
    seat(committee, "Hans Holm", letter=None, role=MembershipRole.DEPUTY)
    r = queries.roster(committee, DAY)
    assert _names(r.members) == ["Anna Andersen", "Carl Carlsen"]
    assert [(p.letter if p else None, _names(ms)) for p, ms in r.deputies] == [
        ("A", ["Erik Eriksen", "Gorm Gram"]),
        ("V", ["Frida Frost"]),
        (None, ["Hans Holm"]),
    ]
    assert _names(r.upcoming) == ["Dorte Dam"]
    assert _names(r.former) == ["Bo Berg"]


def test_deputy_choices_offer_the_members_list_first_and_never_one_taking_part(committee, system):
    bo = seat(committee, "Bo Berg", letter="V").person
    seat(committee, "Anna Andersen", letter="A")
    seat(committee, "Erik Eriksen", letter="A", role=MembershipRole.DEPUTY)
    seat(committee, "Frida Frost", letter="V", role=MembershipRole.DEPUTY)
    seat(committee, "Gorm Gram", letter="V", role=MembershipRole.DEPUTY)
    seat(committee, "Ulla Ung", letter="V", role=MembershipRole.DEPUTY, end=date(2026, 1, 31))
    m = factories.meeting(committee, day=DAY)
    factories.item(m, "Bibliotek")
    meeting_services.publish_agenda(m, by=system)
    services.prefill_attendance(meeting=m, by=system)
    services.set_attendance(meeting=m, person=bo, status=AttendanceStatus.EXCUSED, by=system)
    assert _names(queries.deputy_choices(m, for_person=bo)) == ["Frida Frost", "Gorm Gram", "Erik Eriksen"]
    guest = person(committee.organization, "Karen Kommunaldirektør")
    services.add_guest(meeting=m, person=guest, by=system)
    frida = committee.seats.get(person__name="Frida Frost").person
    services.call_in_deputy(meeting=m, for_person=bo, by=system)
    assert _names(queries.deputy_choices(m, for_person=bo)) == ["Gorm Gram", "Erik Eriksen"]
    offered = [p.name for p in queries.guest_choices(m)]
    assert "Karen Kommunaldirektør" not in offered and frida.name not in offered and "Bo Berg" not in offered
    assert "Ulla Ung" in offered and "Gorm Gram" in offered


def test_absences_by_item_name_who_left_which_item(committee, system):
    anna = seat(committee, "Anna Andersen", letter="A").person
    seat(committee, "Bo Berg", letter="V")
    m = factories.meeting(committee, day=DAY)
    first, second = factories.item(m, "Bibliotek"), factories.item(m, "Svømmehal")
    meeting_services.publish_agenda(m, by=system)
    services.prefill_attendance(meeting=m, by=system)
    services.set_item_absence(item=second, person=anna, by=system)
    by_item = queries.absences_by_item(m)
    assert first.pk not in by_item
    assert [(a.person.name, a.kind) for a in by_item[second.pk]] == [("Anna Andersen", "not_taking_part")]
