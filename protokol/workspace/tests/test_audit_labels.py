"""The audit log's pages speak Danish: every action by its label, never the code the services write."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from protokol.cases import services as case_services
from protokol.common.audit import log_action
from protokol.common.audit_actions import AuditAction, UnknownAuditAction, label_of
from protokol.common.models import AuditEntry
from protokol.meetings import services
from protokol.meetings.tests import factories
from protokol.people import services as people_services
from protokol.people import votes

pytestmark = pytest.mark.django_db


def test_an_unknown_action_is_refused(meeting, secretary):
    with pytest.raises(UnknownAuditAction):
        log_action(by=secretary, action="item.opened", obj=meeting)
    with pytest.raises(UnknownAuditAction):
        log_action(by=secretary, action="item.opened.amendment", obj=meeting)
    assert not AuditEntry.objects.filter(action__startswith="item.opened").exists()
    # a member's amendment is known, and shown as a correction of that action
    log_action(by=secretary, action="item.open.amendment", obj=meeting)
    assert str(label_of("item.open.amendment")).startswith(str(AuditAction.ITEM_OPEN.label))


def test_every_action_code_in_the_source_is_a_member():
    """The codes the services write literally (a typo would only fail when that write runs)."""
    root = Path(__file__).resolve().parents[2]
    written = set()
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        written |= set(re.findall(r'action="([a-z_]+\.[a-z_.]+)"', path.read_text()))
    assert len(written) > 40
    assert written - set(AuditAction.values) == set()


def _codes_in(page: str, codes: set[str]) -> set[str]:
    return {code for code in codes if code in page}


def test_the_log_pages_show_labels_not_codes(client, meeting, secretary, member, system):
    # The main actions on a meeting, through the services, up to an amendment of approved minutes.
    item = factories.item(meeting, "Cykelsti")
    closed = factories.item(meeting, "Personalesag", public=False)
    services.update_item(item=item, by=secretary, title="Cykelsti langs åen")
    services.update_item(item=closed, by=secretary, public=True)
    case_services.add_attachment(item=item, title="Kort", by=secretary, text="kort over stien")
    services.publish_agenda(meeting, by=secretary)
    anna = people_services.create_person(
        organization=meeting.body.organization, name="Anna", user=member, by=secretary
    )
    people_services.add_membership(person=anna, body=meeting.body, start_date=meeting.date, by=secretary)
    people_services.prefill_attendance(meeting=meeting, by=secretary)
    services.mark_held(meeting, by=secretary)
    item, closed = (meeting.items.get(pk=i.pk) for i in (item, closed))  # the held meeting
    services.record_decision(item=item, text="Godkendt.", by=secretary)
    votes.record_vote(
        item=item, question="Godkendes stien?", persons={anna: "for"}, by_party=False, by=secretary
    )
    votes.declare_disqualified(item=closed, person=anna, by=secretary)
    services.approve_minutes(meeting, by=secretary)
    item = meeting.items.get(pk=item.pk)
    services.record_decision(item=item, text="Godkendt med en rettelse.", by=secretary, reason="Stavefejl")
    services.publish_minutes(meeting, by=secretary)

    codes = set(AuditEntry.objects.filter(meeting_id=meeting.pk).values_list("action", flat=True))
    assert {
        "meeting.create",
        "item.create",
        "item.update",
        "item.open",
        "attachment.add",
        "meeting.agenda_published",
        "attendance.prefill",
        "decision.record",
        "item.vote",
        "item.disqualified",
        "meeting.minutes_approved",
        "decision.record.amendment",
        "meeting.minutes_published",
    } <= codes
    every_code = codes | set(AuditAction.values)

    client.force_login(secretary)
    log = client.get(reverse("workspace:log", args=[meeting.pk])).content.decode()
    assert _codes_in(log, every_code) == set()
    assert str(AuditAction.ITEM_OPEN.label) in log and str(AuditAction.DECISION_RECORD.label) in log
    assert str(label_of("decision.record.amendment")) in log

    minutes = client.get(reverse("workspace:minutes", args=[meeting.pk])).content.decode()
    assert "Stavefejl" in minutes  # the history of corrections is on the page
    assert _codes_in(minutes, every_code) == set()
    assert str(AuditAction.DECISION_RECORD.label) in minutes

    admin = get_user_model().objects.create_superuser("revisor", "revisor@example.org", "pw-for-tests-123")
    client.force_login(admin)
    listing = client.get(reverse("admin:common_auditentry_changelist")).content.decode()
    assert str(AuditAction.ITEM_OPEN.label) in listing
    assert _codes_in(re.sub(r"href=\"[^\"]*\"", "", listing), every_code) == set()  # links filter by code
    entry = AuditEntry.objects.get(action="item.open")
    detail = client.get(reverse("admin:common_auditentry_change", args=[entry.pk])).content.decode()
    assert str(AuditAction.ITEM_OPEN.label) in detail and "item.open" not in detail
