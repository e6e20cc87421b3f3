"""The planning screens: annual plan, themes, follow-ups, communication list, through the views."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from protokol.meetings import services as meeting_services
from protokol.meetings.tests import factories
from protokol.planning import services as planning_services
from protokol.planning.models import FollowUp, MeetingSeries, PlannedTheme

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(client, system):
    org = factories.organization("Kalundborg Kommune")
    board = factories.body("Direktionen", org=org)
    secretary = factories.member(board, role="secretariat")
    client.force_login(secretary)
    return client, board, secretary


def test_a_series_generates_drafts_and_a_theme_lands_on_one(setup):
    client, board, _ = setup
    today = timezone.localdate()
    monday = today + timedelta(days=(7 - today.weekday()) % 7 or 7)
    response = client.post(
        reverse("workspace:series_new", args=[board.slug]),
        {
            "name": "Direktionsmøder",
            "rule": "FREQ=WEEKLY;BYDAY=MO",
            "first_date": monday.isoformat(),
            "start_time": "12:30",
            "location": "Mødelokale 9",
            "exceptions": (monday + timedelta(days=7)).isoformat(),
            "horizon_days": 30,
        },
    )
    assert response.status_code == 302
    series = MeetingSeries.objects.get()
    client.post(reverse("workspace:series_generate", args=[board.slug, series.pk]))
    days = sorted(board.meetings.values_list("date", flat=True))
    assert monday in days and monday + timedelta(days=7) not in days
    month = (monday + timedelta(days=14)).strftime("%Y-%m")
    client.post(
        reverse("workspace:theme_new", args=[board.slug]),
        {"title": "Living Lab", "month": month, "public": "on"},
    )
    theme = PlannedTheme.objects.get()
    assert theme.item is not None and theme.item.meeting.date.strftime("%Y-%m") == month
    page = client.get(reverse("workspace:plan", args=[board.slug])).content.decode()
    assert "Living Lab" in page and "FREQ=WEEKLY;BYDAY=MO" in page


def test_a_follow_up_from_the_minutes_becomes_overdue_and_is_closed(setup, system):
    client, board, secretary = setup
    m = factories.meeting(board, day=timezone.localdate() - timedelta(days=40))
    item = factories.item(m, "Opfølgning på styringstemaet")
    meeting_services.publish_agenda(m, by=system)
    meeting_services.record_decision(item=item, text="Notat justeres.", by=system)
    url = reverse("workspace:item_follow_ups", args=[m.pk, item.pk])
    due = timezone.localdate() - timedelta(days=1)
    assert (
        client.post(
            url, {"what": "Notat justeres", "responsible_name": "Sekretariatet", "due": due}
        ).status_code
        == 302
    )
    fu = FollowUp.objects.get()
    assert fu.decision is not None
    plan = client.get(reverse("workspace:plan", args=[board.slug])).content.decode()
    assert "Notat justeres" in plan and "Overskredet" in plan
    client.post(reverse("workspace:follow_up_close", args=[fu.pk]), {f"f{fu.pk}-note": "Notatet er rettet."})
    fu.refresh_from_db()
    assert fu.status == "done" and fu.note == "Notatet er rettet."
    assert "Notat justeres" not in client.get(reverse("workspace:plan", args=[board.slug])).content.decode()


def test_the_communication_list_is_recorded_and_exported(setup, system):
    client, board, _ = setup
    m = factories.meeting(board, day=date(2016, 5, 30))
    item = factories.item(m, "Kalundborg Kommune på Facebook")
    meeting_services.publish_agenda(m, by=system)
    meeting_services.record_decision(item=item, text="Anbefales.", by=system)
    url = reverse("workspace:communication", args=[m.pk])
    prefix = f"c{item.pk}"
    response = client.post(
        url,
        {
            "item": item.pk,
            f"{prefix}-audiences": ["organisation", "public"],
            f"{prefix}-channels": ["intranet"],
            f"{prefix}-responsible_name": "Kommunikationschefen",
            f"{prefix}-message": "Vi kommer på Facebook.",
            f"{prefix}-done": "on",
        },
    )
    assert response.status_code == 302
    text = client.get(reverse("workspace:communication_text", args=[m.pk])).content.decode()
    assert "Punkt 1: Kalundborg Kommune på Facebook" in text
    assert (
        "Vi kommer på Facebook." in text and "Til: Organisationen, Offentligheden · Kanal: Intranet" in text
    )
    assert text in client.get(url).content.decode().replace("&#x27;", "'").replace("&quot;", '"')


def test_a_member_cannot_reach_the_planning_screens(client, system):
    board = factories.body("Direktionen", org=factories.organization())
    client.force_login(factories.member(board))
    m = factories.meeting(board)
    for url in (
        reverse("workspace:plan", args=[board.slug]),
        reverse("workspace:communication", args=[m.pk]),
    ):
        assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "next_url, goes_to",
    [
        ("https://evil.example/login", None),
        ("//evil.example/", None),
        ("/\\evil.example/", None),
        ("javascript:alert(1)", None),
        ("/workspace/", "/workspace/"),
    ],
)
def test_closing_a_follow_up_goes_back_only_to_a_page_of_this_site(setup, system, next_url, goes_to):
    client, board, _ = setup
    m = factories.meeting(board)
    item = factories.item(m, "Opfølgning")
    meeting_services.publish_agenda(m, by=system)
    fu = planning_services.create_follow_up(item=item, what="Notat justeres", by=system)
    response = client.post(
        reverse("workspace:follow_up_close", args=[fu.pk]), {f"f{fu.pk}-note": "Gjort.", "next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"] == (goes_to or reverse("workspace:plan", args=[board.slug]))
    fu.refresh_from_db()
    assert fu.status == "done"
