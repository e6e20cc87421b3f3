"""The public annual plan, its calendar, and the feed of communicated decisions: nothing closed shows."""

from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone

from protokol.meetings import services as meeting_services
from protokol.meetings.tests import factories
from protokol.planning import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(system):
    board = factories.body("Direktionen", org=factories.organization())
    today = timezone.localdate()
    draft = factories.meeting(board, day=today + timedelta(days=20), location="Mødelokale 9")
    factories.item(draft, "Hemmelig kladdetitel")
    month = (today + timedelta(days=40)).replace(day=1)
    services.plan_theme(body=board, title="Living Lab", month=month, description="Erfaringer", by=system)
    services.plan_theme(body=board, title="Fortroligt udbud", month=month, public=False, by=system)
    return board


def test_the_public_plan_shows_dates_and_public_themes_only(client, board):
    page = client.get(f"/bodies/{board.slug}/plan/").content.decode()
    assert "Living Lab" in page and "Erfaringer" in page
    assert "Mødelokale 9" in page and "dagsorden ikke udsendt endnu" in page
    assert "Fortroligt udbud" not in page and "Hemmelig kladdetitel" not in page


def test_the_plan_calendar_is_valid_icalendar_without_closed_themes(client, board):
    response = client.get(f"/bodies/{board.slug}/plan.ics")
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    summaries = [str(e["summary"]) for e in cal.walk("VEVENT")]
    assert "Direktionen: Living Lab" in summaries and "Direktionen" in summaries
    assert not any("Fortroligt" in s or "Hemmelig" in s for s in summaries)
    assert b"Hemmelig" not in response.content and b"Fortroligt" not in response.content
    assert [str(e["status"]) for e in cal.walk("VEVENT") if str(e["summary"]) == "Direktionen"] == [
        "TENTATIVE"
    ]


def test_the_feed_of_communicated_decisions_holds_only_public_ones(client, system):
    board = factories.body("Direktionen", org=factories.organization())
    m = factories.meeting(board, day=timezone.localdate() - timedelta(days=3))
    open_item = factories.item(m, "Kommunen på Facebook")
    closed = factories.item(m, "Personalesag", public=False)
    meeting_services.publish_agenda(m, by=system)
    meeting_services.record_decision(item=open_item, text="Anbefales.", by=system)
    meeting_services.record_decision(
        item=closed, text="Hemmelig beslutning.", public_text="Indstillingen godkendt.", by=system
    )
    services.record_communication(
        item=open_item,
        audiences=["public"],
        channels=["website"],
        message="Vi kommer på Facebook.",
        done=True,
        by=system,
    )
    services.record_communication(
        item=closed, audiences=["managers"], channels=["meeting"], done=True, by=system
    )
    # A decision is public with the minutes, not before.
    assert "Anbefales." not in client.get("/communication/feed/").content.decode()
    meeting_services.mark_held(m, by=system)
    meeting_services.approve_minutes(m, by=system)
    meeting_services.publish_minutes(m, by=system)
    body = client.get("/communication/feed/").content.decode()
    assert "Kommunen på Facebook" in body and "Vi kommer på Facebook." in body and "Anbefales." in body
    assert "Personalesag" not in body and "Hemmelig" not in body


def test_the_item_page_shows_follow_ups_of_open_items_only(client, system):
    board = factories.body("Direktionen", org=factories.organization())
    m = factories.meeting(board, day=timezone.localdate() - timedelta(days=3))
    open_item = factories.item(m, "Styring")
    closed = factories.item(m, "Personalesag", public=False)
    meeting_services.publish_agenda(m, by=system)
    services.create_follow_up(item=open_item, what="Notat justeres", due=timezone.localdate(), by=system)
    services.create_follow_up(item=closed, what="Hemmelig opfølgning", by=system)
    open_item.refresh_from_db()
    closed.refresh_from_db()  # numbered when the agenda was published
    page = client.get(f"/meetings/{m.pk}/items/{open_item.number}/").content.decode()
    assert "Notat justeres" in page and "Åben" in page
    closed_page = client.get(f"/meetings/{m.pk}/items/{closed.number}/").content.decode()
    assert "Hemmelig opfølgning" not in closed_page
