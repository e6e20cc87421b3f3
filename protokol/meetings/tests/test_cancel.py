"""Must show: a meeting not yet held can be cancelled (aflyst) with a reason, by its secretariat only, in one
audited step; a cancelled meeting is never held, approved, published or changed afterwards; one whose
agenda was sent stays public as cancelled, one cancelled as a draft stays private."""

import pytest

from protokol.common.errors import ProtokolError
from protokol.common.models import AuditEntry
from protokol.common.users import system_user
from protokol.meetings import queries, rules, services
from protokol.meetings.enums import MeetingStatus
from protokol.meetings.models import Meeting
from protokol.meetings.tests import factories

pytestmark = pytest.mark.django_db

REASON = "Mødet aflyses, da der ikke er sager nok."


def _sent(body=None):
    meeting = factories.meeting(body)
    factories.item(meeting, "Budget")
    factories.item(meeting, "Lukket sag", public=False)
    return services.publish_agenda(meeting, by=system_user())


def test_a_sent_meeting_is_cancelled_with_its_reason_and_stays_public():
    meeting = _sent()
    sent_at = meeting.agenda_published_at
    secretariat = factories.member(meeting.body, role="secretariat")

    services.cancel_meeting(meeting, reason=f"  {REASON} ", by=secretariat)

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert meeting.get_status_display() == "Aflyst"
    assert meeting.cancelled_reason == REASON and meeting.cancelled_at is not None
    assert meeting.agenda_published_at == sent_at and meeting.kind == "agenda"
    entry = AuditEntry.objects.filter(action="meeting.cancelled").get()
    assert entry.actor == secretariat and entry.reason == REASON
    assert entry.before == {"status": "agenda_published"} and entry.after == {"status": "cancelled"}
    public = queries.public_user()
    assert queries.visible_meetings(public).filter(pk=meeting.pk).exists()
    shown = queries.visible_meetings(public).get(pk=meeting.pk)
    assert shown.shown_kind == "agenda"
    # Closed items keep their rule: their content only for the body, their number and title for all.
    assert queries.visible_items(public).filter(meeting=meeting).count() == 2
    assert list(
        queries.items_with_content(public).filter(meeting=meeting).values_list("title", flat=True)
    ) == ["Budget"]
    member = factories.member(meeting.body)
    assert queries.items_with_content(member).filter(meeting=meeting).count() == 2
    assert rules.can_see_closed(member, meeting)


def test_a_draft_cancelled_stays_private():
    meeting = factories.meeting()
    factories.item(meeting, "Kladdepunkt")
    services.cancel_meeting(meeting, reason=REASON, by=system_user())
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED and meeting.agenda_published_at is None
    assert not meeting.agenda_sent
    assert not queries.visible_meetings(queries.public_user()).filter(pk=meeting.pk).exists()
    member = factories.member(meeting.body)
    assert not queries.visible_meetings(member).filter(pk=meeting.pk).exists()
    assert not rules.can_see_closed(member, meeting)
    assert (
        queries.visible_meetings(factories.member(meeting.body, role="secretariat"))
        .filter(pk=meeting.pk)
        .exists()
    )


def test_only_the_secretariat_cancels_and_only_with_a_reason():
    meeting = _sent()
    with pytest.raises(rules.Forbidden):
        services.cancel_meeting(meeting, reason=REASON, by=factories.member(meeting.body))
    with pytest.raises(ProtokolError, match="begrundelse"):
        services.cancel_meeting(meeting, reason="   ", by=system_user())
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.AGENDA_PUBLISHED
    assert not AuditEntry.objects.filter(action="meeting.cancelled").exists()


@pytest.mark.parametrize("steps", [1, 2, 3])
def test_a_held_meeting_cannot_be_cancelled(steps):
    meeting = _sent()
    by = system_user()
    services.mark_held(meeting, by=by)
    if steps > 1:
        services.approve_minutes(meeting, by=by)
    if steps > 2:
        services.publish_minutes(meeting, by=by)
    with pytest.raises(ProtokolError, match="kan ikke aflyses"):
        services.cancel_meeting(meeting, reason=REASON, by=by)
    assert Meeting.objects.get(pk=meeting.pk).status != MeetingStatus.CANCELLED


def test_a_cancelled_meeting_is_never_held_published_or_changed():
    by = system_user()
    meeting = _sent()
    item = meeting.items.order_by("position").first()
    services.cancel_meeting(meeting, reason=REASON, by=by)
    with pytest.raises(ProtokolError, match="aflyst"):
        services.cancel_meeting(meeting, reason=REASON, by=by)
    refused = [
        lambda: services.mark_held(meeting, by=by),
        lambda: services.approve_minutes(meeting, by=by),
        lambda: services.publish_minutes(meeting, by=by),
        lambda: services.publish_agenda(meeting, by=by),
        lambda: services.update_meeting(meeting=meeting, location="Andetsteds", by=by, reason="ret"),
        lambda: services.add_item(meeting=meeting, title="Nyt", by=by, reason="ret"),
        lambda: services.update_item(item=item, title="Ny titel", by=by, reason="ret"),
        lambda: services.set_sections(item=item, sections=[("Resume", "Ny")], by=by, reason="ret"),
        lambda: services.record_decision(item=item, text="Godkendt.", by=by, reason="ret"),
        lambda: services.remove_item(item=item, by=by),
        lambda: services.move_item(item=item, to_position=1, by=by),
    ]
    for attempt in refused:
        with pytest.raises(ProtokolError, match="aflyst"):
            attempt()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED and meeting.location == "Mødelokale 1"
    assert meeting.items.count() == 2 and not item.decisions.exists()
    draft = factories.meeting(meeting.body)
    factories.item(draft)
    services.cancel_meeting(draft, reason=REASON, by=by)
    with pytest.raises(ProtokolError, match="aflyst"):
        services.publish_agenda(draft, by=by)
