"""Must show: the secretariat cancels a meeting from its screen with a reason; a member cannot; the screen
of a cancelled meeting says so and offers nothing to change."""

import pytest
from django.urls import reverse

from protokol.common.users import system_user
from protokol.meetings import services
from protokol.meetings.enums import MeetingStatus
from protokol.meetings.tests import factories
from protokol.workspace.tests.conftest import login

pytestmark = pytest.mark.django_db

REASON = "Aflyst, da formanden er syg og næstformanden bortrejst."


def test_the_secretariat_cancels_a_sent_meeting_with_a_reason(client, meeting, secretary):
    factories.item(meeting, "Budgetopfølgning")
    services.publish_agenda(meeting, by=system_user())
    login(client, secretary)
    url = reverse("workspace:meeting", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert reverse("workspace:cancel_meeting", args=[meeting.pk]) in page and "Aflys mødet" in page

    refused = client.post(
        reverse("workspace:cancel_meeting", args=[meeting.pk]), {"reason": " "}, follow=True
    )
    assert "Skriv en begrundelse for aflysningen." in refused.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED

    response = client.post(
        reverse("workspace:cancel_meeting", args=[meeting.pk]), {"reason": REASON}, follow=True
    )
    page = response.content.decode()
    assert "Mødet er aflyst." in page and REASON in page
    assert "står som aflyst på den offentlige side" in page
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED and meeting.cancelled_reason == REASON
    # Nothing left to do or change: no cancel form, no new item, no edit of date and place.
    assert reverse("workspace:cancel_meeting", args=[meeting.pk]) not in page
    assert reverse("workspace:item_new", args=[meeting.pk]) not in page
    assert reverse("workspace:edit_meeting", args=[meeting.pk]) not in page
    again = client.post(reverse("workspace:status", args=[meeting.pk, "held"]), follow=True)
    assert "aflyst" in again.content.decode()
    assert MeetingStatus(type(meeting).objects.get(pk=meeting.pk).status) == MeetingStatus.CANCELLED


def test_a_draft_cancelled_is_said_to_stay_internal(client, meeting, secretary):
    login(client, secretary)
    page = client.get(reverse("workspace:meeting", args=[meeting.pk])).content.decode()
    assert "det aflyste møde forbliver internt" in page
    response = client.post(
        reverse("workspace:cancel_meeting", args=[meeting.pk]), {"reason": REASON}, follow=True
    )
    assert "Dagsordenen var ikke udsendt; mødet er ikke offentligt." in response.content.decode()


def test_a_member_cannot_cancel(client, meeting, member):
    factories.item(meeting, "Budgetopfølgning")
    services.publish_agenda(meeting, by=system_user())
    login(client, member)
    page = client.get(reverse("workspace:meeting", args=[meeting.pk])).content.decode()
    assert reverse("workspace:cancel_meeting", args=[meeting.pk]) not in page
    response = client.post(reverse("workspace:cancel_meeting", args=[meeting.pk]), {"reason": REASON})
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED
