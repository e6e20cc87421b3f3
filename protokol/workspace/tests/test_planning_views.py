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
            "interval": "1",
            "unit": "week",
            "weekdays": ["0"],
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
    assert "Living Lab" in page and "Hver mandag kl. 12.30" in page
    assert MeetingSeries.objects.get().rule == "FREQ=WEEKLY;BYDAY=MO"


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


def test_a_series_in_words_round_trips_through_its_edit_form(setup):
    from protokol.workspace.tests.formdata import form_data

    client, board, _ = setup
    client.post(
        reverse("workspace:series_new", args=[board.slug]),
        {
            "name": "Udvalgsmøder",
            "interval": "2",
            "unit": "week",
            "weekdays": ["0"],
            "start_time": "09:00",
            "first_date": "2027-01-04",
            "skip_public_holidays": "on",
            "skip_school_holidays": "on",
            "school_weeks": "7, 42",
            "horizon_days": 120,
        },
    )
    series = MeetingSeries.objects.get()
    assert series.rule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"
    assert series.skip_public_holidays and series.skip_weeks == [7, 42]
    plan = client.get(reverse("workspace:plan", args=[board.slug])).content.decode()
    assert "Hver anden mandag kl. 9.00" in plan and "skoleferie (uge 7, 42)" in plan
    url = reverse("workspace:series_edit", args=[board.slug, series.pk])
    page = client.get(url).content.decode()
    data = form_data(page, form_id="series-form")
    assert data["interval"] == ["2"] and data["unit"] == ["week"] and data["weekdays"] == ["0"]
    assert data["start_time"] == ["09:00"] and data["school_weeks"] == ["7, 42"]
    assert data["skip_public_holidays"] == ["on"]
    assert client.post(url, data).status_code == 302  # unchanged: the same rule
    series.refresh_from_db()
    assert series.rule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO" and series.skip_weeks == [7, 42]
    # First Tuesday of every month, in words, at 16.
    data.update(
        {"interval": ["1"], "unit": ["month"], "weekdays": ["1"], "ordinal": ["1"], "start_time": ["16:00"]}
    )
    client.post(url, data)
    series.refresh_from_db()
    assert series.rule == "FREQ=MONTHLY;BYDAY=1TU"
    plan = client.get(reverse("workspace:plan", args=[board.slug])).content.decode()
    assert "Første tirsdag i måneden kl. 16.00" in plan


def test_a_series_is_edited_only_by_its_bodys_secretariat(setup, system):
    client, board, _ = setup
    other = factories.body("Økonomiudvalget", org=board.organization)
    series = planning_services.create_series(
        body=other, name="Ø", rule="FREQ=WEEKLY;BYDAY=MO", first_date=date(2027, 1, 4), by=system
    )
    assert client.get(reverse("workspace:series_edit", args=[other.slug, series.pk])).status_code == 404
    assert client.get(reverse("workspace:series_edit", args=[board.slug, series.pk])).status_code == 404
