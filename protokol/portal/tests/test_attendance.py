"""The minutes' attendance lines on the public meeting page: with the minutes, never before them."""

import pytest
from django.urls import reverse

from protokol.meetings import services
from protokol.people.tests.scenes import held_meeting_with_attendance

LINES = [
    "Til stede: Anna Andersen (A), formand, Bo Berg (V), næstformand, Gitte Gram (Ø), Dorte Dam (A)",
    "Fraværende: Carl Carlsen (A) (afbud), Finn Friis (C) (uden afbud)",
    "Stedfortræder: Dorte Dam (A) for Carl Carlsen (A)",
    "Desuden deltog: Eva Ek, Kommunaldirektør",
    "Gitte Gram (Ø) deltog ikke i behandlingen af dette punkt.",
]


@pytest.fixture
def scene(system):
    return held_meeting_with_attendance()


def _page(client, meeting) -> str:
    response = client.get(reverse("portal:meeting", args=[meeting.pk]))
    assert response.status_code == 200
    return " ".join(response.content.decode().replace("<strong>", "").replace("</strong>", "").split())


def test_published_minutes_show_who_was_there_and_who_was_not(client, scene, system):
    meeting = scene.meeting
    services.approve_minutes(meeting, by=system)
    services.publish_minutes(meeting, by=system)
    page = _page(client, meeting)
    for line in LINES:
        assert line in page
    assert page.count("deltog ikke i behandlingen") == 1
    assert "@" not in page.split("<main", 1)[-1]
    item = _page_of_item(client, meeting, 2)
    assert LINES[-1] in item


def _page_of_item(client, meeting, number: int) -> str:
    response = client.get(reverse("portal:item", args=[meeting.pk, number]))
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_before_the_minutes_are_published_the_public_sees_no_attendance(client, scene, system):
    services.approve_minutes(scene.meeting, by=system)
    page = _page(client, scene.meeting)
    assert "Fraværende" not in page and "Stedfortræder" not in page and "deltog ikke" not in page
