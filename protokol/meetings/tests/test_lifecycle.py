"""The meeting lifecycle: every allowed and every refused transition; frozen minutes; the audit log."""

import itertools

import pytest

from protokol.cases import services as case_services
from protokol.common.errors import ProtokolError
from protokol.common.models import AuditEntry
from protokol.meetings import services
from protokol.meetings.enums import NEXT_STATUS, MeetingStatus
from protokol.meetings.models import Amendment, Meeting
from protokol.meetings.tests import factories

pytestmark = pytest.mark.django_db

TRANSITIONS = {
    MeetingStatus.AGENDA_PUBLISHED: services.publish_agenda,
    MeetingStatus.HELD: services.mark_held,
    MeetingStatus.MINUTES_APPROVED: services.approve_minutes,
    MeetingStatus.MINUTES_PUBLISHED: services.publish_minutes,
}
# The line of the lifecycle; cancelling, off it, is in test_cancel.py.
ORDER = [s for s in MeetingStatus if s != MeetingStatus.CANCELLED]


def meeting_in(status, by):
    m = factories.meeting()
    factories.item(m, "Godkendelse af dagsorden")
    for target in ORDER[1 : ORDER.index(status) + 1]:
        TRANSITIONS[target](m, by=by)
    m.refresh_from_db()
    assert m.status == status
    return m


@pytest.mark.parametrize("start,target", list(itertools.product(ORDER, ORDER[1:])))
def test_each_transition_is_allowed_only_to_the_next_status(system, start, target):
    m = meeting_in(start, system)
    if NEXT_STATUS.get(start) == target:
        TRANSITIONS[target](m, by=system)
        assert Meeting.objects.get(pk=m.pk).status == target
        assert AuditEntry.objects.filter(action=f"meeting.{target}", object_id=str(m.pk)).exists()
    else:
        with pytest.raises(ProtokolError, match="kan ikke gå fra"):
            TRANSITIONS[target](m, by=system)
        assert Meeting.objects.get(pk=m.pk).status == start


def test_an_agenda_without_items_cannot_be_published(system):
    m = factories.meeting()
    with pytest.raises(ProtokolError, match="uden punkter"):
        services.publish_agenda(m, by=system)
    assert Meeting.objects.get(pk=m.pk).status == MeetingStatus.DRAFT


def test_publishing_numbers_the_items_in_agenda_order(system):
    m = factories.meeting()
    b = factories.item(m, "B")
    a = factories.item(m, "A")
    services.move_item(item=a, to_position=0, by=system)
    services.publish_agenda(m, by=system)
    assert [(i.number, i.title) for i in m.items.order_by("position")] == [(1, "A"), (2, "B")]
    with pytest.raises(ProtokolError, match="låst"):
        services.move_item(item=b, to_position=0, by=system)


@pytest.mark.parametrize(
    "change",
    [
        lambda item, by, **kw: services.update_item(item=item, title="Ny titel", by=by, **kw),
        lambda item, by, **kw: services.record_decision(item=item, text="Ikke godkendt.", by=by, **kw),
        lambda item, by, **kw: services.set_sections(
            item=item, sections=[("Resume", "Ny tekst")], by=by, **kw
        ),
        lambda item, by, **kw: services.set_route(item=item, names=["Økonomiudvalget"], by=by, **kw),
        lambda item, by, **kw: services.add_item(meeting=item.meeting, title="Sent punkt", by=by, **kw),
        lambda item, by, **kw: case_services.add_attachment(item=item, title="Nyt bilag", by=by, **kw),
        lambda item, by, **kw: services.update_meeting(
            meeting=item.meeting, location="Andetsteds", by=by, **kw
        ),
    ],
    ids=["title", "decision", "sections", "route", "new item", "attachment", "meeting"],
)
def test_approved_minutes_change_only_by_amendment(system, change):
    m = meeting_in(MeetingStatus.HELD, system)
    item = m.items.get()
    services.record_decision(item=item, text="Godkendt.", by=system)
    services.approve_minutes(m, by=system)
    digest = Meeting.objects.get(pk=m.pk).minutes_hash
    item.refresh_from_db()

    with pytest.raises(ProtokolError, match="godkendt"):
        change(item, system)
    assert services.minutes_digest(m) == digest  # nothing changed
    assert not Amendment.objects.exists()

    change(item, system, reason="Stavefejl rettet efter godkendelse")
    amendment = Amendment.objects.get()
    assert amendment.reason == "Stavefejl rettet efter godkendelse"
    assert amendment.by == system
    assert AuditEntry.objects.filter(action__endswith=".amendment", reason=amendment.reason).count() == 1


def test_every_write_is_in_the_audit_log_with_its_actor(system):
    secretary = factories.user("sekretaer")
    org = factories.organization()
    body = services.create_body(organization=org, name="Teknisk Udvalg", by=system)
    services.add_membership(body=body, user=secretary, role="secretariat", by=system)
    before = AuditEntry.objects.count()
    m = services.create_meeting(body=body, date=__import__("datetime").date(2026, 5, 4), by=secretary)
    case = case_services.resolve_case(
        organization=org, number="26/1234", journal_number="02.00.00", by=secretary
    )
    item = services.add_item(meeting=m, title="Vejplan", case=case, by=secretary)
    services.set_sections(item=item, sections=[("Sagsfremstilling", "Tekst")], by=secretary)
    case_services.add_attachment(
        item=item, title="Kort", content=b"%PDF-1.4", file_name="kort.pdf", by=secretary
    )
    services.publish_agenda(m, by=secretary)
    services.mark_held(m, by=secretary)
    services.record_decision(item=item, text="Godkendt.", by=secretary)
    services.approve_minutes(m, by=secretary)
    services.publish_minutes(m, by=secretary)
    entries = list(AuditEntry.objects.order_by("id")[before:])
    assert [e.action for e in entries] == [
        "meeting.create",
        "case.create",
        "item.create",
        "item.sections",
        "attachment.add",
        "meeting.agenda_published",
        "meeting.held",
        "decision.record",
        "meeting.minutes_approved",
        "meeting.minutes_published",
    ]
    assert {e.actor for e in entries} == {secretary}
    assert entries[-3].after["text"] == "Godkendt."


def test_a_case_links_its_items_across_meetings_and_bodies(system):
    org = factories.organization()
    board = factories.body("Direktionen", org=org)
    council = factories.body("Kommunalbestyrelsen", org=org)
    case = case_services.resolve_case(organization=org, number="326-2016-26184", by=system)
    first = factories.item(factories.meeting(board), "Facebook", case=case)
    again = case_services.resolve_case(organization=org, number="326-2016-26184", by=system)
    second = factories.item(factories.meeting(council), "Facebook", case=again)
    assert again == case
    assert set(case.items.all()) == {first, second}


def test_minutes_changed_behind_the_systems_back_no_longer_match(reference_meeting, system):
    assert services.minutes_match(reference_meeting)
    decision = reference_meeting.items.get(number=5).decisions.get()
    # An amendment through the services keeps the checksum in step ...
    services.record_decision(item=decision.item, text="Anbefales ikke.", by=system, reason="Fejl i referatet")
    reference_meeting.refresh_from_db()
    assert services.minutes_match(reference_meeting)
    amendment = Amendment.objects.get()
    assert amendment.change["minutes_hash"]["after"] == reference_meeting.minutes_hash
    # ... a direct write to the database does not.
    type(decision).objects.filter(pk=decision.pk).update(text="Godkendt uden videre.")
    assert not services.minutes_match(reference_meeting)
