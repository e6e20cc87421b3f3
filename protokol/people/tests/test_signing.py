"""Only those who took part sign; a signature is bound to the text signed."""

from datetime import date

import pytest

from protokol.common.errors import ProtokolError
from protokol.meetings import services as meeting_services
from protokol.meetings.rules import Forbidden
from protokol.meetings.tests import factories
from protokol.people import queries, services
from protokol.people.enums import AttendanceStatus, MembershipRole
from protokol.people.models import Signature
from protokol.people.tests.factories import seat


@pytest.fixture
def held(system):
    committee = factories.body("Børne- og Ungeudvalget")
    m = factories.meeting(committee, day=date(2026, 9, 2))
    factories.item(m, "Skolestruktur")
    present = seat(committee, "Anna Andersen", letter="A", with_login=True).person
    away = seat(committee, "Bo Berg", letter="V", with_login=True).person
    deputy = seat(committee, "Erik Eriksen", letter="V", role=MembershipRole.DEPUTY, with_login=True).person
    meeting_services.publish_agenda(m, by=system)
    with pytest.raises(ProtokolError, match="afholdt"):
        services.sign_minutes(meeting=m, by=present.user)
    services.prefill_attendance(meeting=m, by=system)
    services.set_attendance(meeting=m, person=away, status=AttendanceStatus.EXCUSED, by=system)
    services.call_in_deputy(meeting=m, for_person=away, by=system)
    meeting_services.mark_held(m, by=system)
    return m, present, away, deputy


def test_an_absent_member_cannot_sign(held):
    m, _present, away, _deputy = held
    with pytest.raises(Forbidden, match="Kun de medlemmer, der deltog i mødet"):
        services.sign_minutes(meeting=m, by=away.user)
    assert not Signature.objects.filter(meeting=m).exists()


def test_members_who_took_part_sign_deputies_included_and_once_per_text(held):
    m, present, _away, deputy = held
    services.sign_minutes(meeting=m, by=present.user)
    services.sign_minutes(meeting=m, by=present.user)  # a second click changes nothing
    services.sign_minutes(meeting=m, by=deputy.user)
    assert sorted(Signature.objects.filter(meeting=m).values_list("person__name", flat=True)) == [
        "Anna Andersen",
        "Erik Eriksen",
    ]


def test_a_signature_records_the_digest_and_an_amendment_asks_again(held, system):
    m, present, _away, deputy = held
    signed = services.sign_minutes(meeting=m, by=present.user)
    assert signed.digest == meeting_services.minutes_digest(m) and len(signed.digest) == 64
    meeting_services.approve_minutes(m, by=system)
    m.refresh_from_db()
    states = {s.person.name: s for s in queries.signature_states(m, digest=m.minutes_hash)}
    assert states["Anna Andersen"].current and not states["Erik Eriksen"].signature
    item = m.items.get()
    meeting_services.record_decision(
        item=item, text="Godkendt med en ændring.", by=system, reason="Rettet fejl."
    )
    m.refresh_from_db()
    states = {s.person.name: s for s in queries.signature_states(m, digest=m.minutes_hash)}
    assert states["Anna Andersen"].earlier_text and not states["Anna Andersen"].current
    again = services.sign_minutes(meeting=m, by=present.user)
    assert again.pk != signed.pk and again.digest == m.minutes_hash
    assert {s.person.name: s.current for s in queries.signature_states(m, digest=m.minutes_hash)} == {
        "Anna Andersen": True,
        "Erik Eriksen": False,
    }


def test_a_user_without_a_person_cannot_sign(held):
    m, *_ = held
    stranger = factories.member(m.body)  # a login of the body, but no person taking part
    with pytest.raises(Forbidden):
        services.sign_minutes(meeting=m, by=stranger)
