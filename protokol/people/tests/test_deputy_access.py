"""A deputy called in for a member away reads that meeting as its members do (its closed items, its
decisions from the meeting on), and nothing of the body's other meetings; the call-in undone, the access
goes with it."""

from datetime import date

import pytest
from django.urls import reverse

from protokol.meetings import queries, rules
from protokol.meetings import services as meeting_services
from protokol.meetings.tests import factories
from protokol.people import services
from protokol.people.enums import AttendanceStatus, MembershipRole
from protokol.people.tests.factories import person, seat


@pytest.fixture
def scene(system):
    body = factories.body("Børne- og Skoleudvalget")
    anna = seat(body, "Anna Andersen", letter="A").person
    login = factories.user("erik")
    erik = person(body.organization, "Erik Eriksen", letter="A", user=login)
    services.add_membership(
        person=erik, body=body, role=MembershipRole.DEPUTY, start_date=date(2026, 1, 1), by=system
    )
    meetings = []
    for day in (date(2026, 6, 10), date(2026, 6, 24)):
        m = factories.meeting(body, day=day)
        factories.item(m, "Skolestruktur")
        factories.item(m, "Personalesag", public=False, public_title="Personalesag")
        meeting_services.publish_agenda(m, by=system)
        services.prefill_attendance(meeting=m, by=system)
        meetings.append(m)
    called, other = meetings
    services.set_attendance(meeting=called, person=anna, status=AttendanceStatus.EXCUSED, by=system)
    call_in = services.call_in_deputy(meeting=called, for_person=anna, by=system)
    assert call_in.person == erik
    return login, called, other, call_in


def _closed(meeting):
    return meeting.items.get(public=False)


def test_the_deputy_reads_the_closed_items_of_the_meeting_called_in_to_and_no_other(client, scene):
    login, called, other, _call_in = scene
    assert rules.can_see_closed(login, called) and not rules.can_see_closed(login, other)
    readable = set(queries.items_with_content(login).values_list("pk", flat=True))
    assert _closed(called).pk in readable and _closed(other).pk not in readable
    client.force_login(login)
    assert client.get(reverse("workspace:item", args=[called.pk, _closed(called).pk])).status_code == 200
    assert client.get(reverse("workspace:item", args=[other.pk, _closed(other).pk])).status_code == 404


def test_the_deputy_reads_the_decisions_from_the_meeting_on_as_members_do(scene, system):
    login, called, other, _call_in = scene
    assert not queries.decisions_visible(login, called)  # the agenda is sent; the meeting is not held
    meeting_services.mark_held(called, by=system)
    meeting_services.mark_held(other, by=system)
    called.refresh_from_db()
    other.refresh_from_db()
    assert queries.decisions_visible(login, called) and not queries.decisions_visible(login, other)


def test_undoing_the_call_in_takes_the_access_back(scene, system):
    login, called, _other, call_in = scene
    services.remove_attendance(attendance=call_in, by=system)
    assert not rules.can_see_closed(login, called)
    assert _closed(called).pk not in set(queries.items_with_content(login).values_list("pk", flat=True))


def test_a_deputy_on_the_list_but_not_called_in_reads_what_the_public_reads(scene):
    login, _called, other, _call_in = scene
    assert not rules.can_see_closed(login, other)
    assert not queries.items_with_content(login).filter(meeting=other, public=False).exists()
