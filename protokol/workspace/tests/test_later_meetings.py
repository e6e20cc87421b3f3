"""Where an item went next (forwarded, postponed) is shown only to whom that later meeting is visible.

The later meeting is usually a draft of the next body or of the same body; to a plain member it answers
404, so the minutes must not name it either.
"""

from datetime import date

import pytest
from django.urls import reverse

from protokol.cases import services as case_services
from protokol.meetings import services
from protokol.meetings.enums import Outcome, Role
from protokol.meetings.tests import factories
from protokol.workspace.tests.conftest import login

pytestmark = pytest.mark.django_db

FORWARDED = "Sendt videre til Økonomiudvalget, mødet 9. marts 2031."


def minutes_page(client, user, meeting) -> str:
    login(client, user)
    response = client.get(reverse("workspace:minutes", args=[meeting.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def forwarded(meeting, secretary, finance, org, system):
    """Direktionen's published meeting recommends a case; it goes on Økonomiudvalget's draft agenda."""
    services.add_membership(body=finance, user=secretary, role=Role.SECRETARIAT, by=system)
    case = case_services.resolve_case(organization=org, number="326-2016-26184", by=secretary)
    item = factories.item(meeting, "Facebook", case=case, route=["Direktion", "Økonomiudvalg"])
    target = services.create_meeting(body=finance, date=date(2031, 3, 9), by=secretary)
    services.publish_agenda(meeting, by=secretary)
    services.record_decision(item=item, text="Anbefales.", outcome=Outcome.RECOMMENDED, by=secretary)
    services.forward_item(item=item, by=secretary)
    return target


def test_a_member_is_not_told_of_a_draft_meeting_the_case_was_forwarded_to(
    client, meeting, member, secretary, forwarded
):
    login(client, member)
    assert client.get(reverse("workspace:meeting", args=[forwarded.pk])).status_code == 404
    page = minutes_page(client, member, meeting)
    assert "Facebook" in page and "Sendt videre" not in page
    assert FORWARDED in minutes_page(client, secretary, meeting)


def test_a_member_is_told_once_the_next_agenda_is_published(client, meeting, member, secretary, forwarded):
    services.publish_agenda(forwarded, by=secretary)
    assert FORWARDED in minutes_page(client, member, meeting)


def test_the_secretariat_of_the_first_body_alone_does_not_see_the_next_bodys_draft(
    client, meeting, forwarded, board, system
):
    other_secretary = factories.member(board, role=Role.SECRETARIAT, username="kun-direktionen")
    assert "Sendt videre" not in minutes_page(client, other_secretary, meeting)


def test_a_member_is_not_told_of_the_draft_meeting_an_item_was_postponed_to(
    client, meeting, member, secretary, board
):
    item = factories.item(meeting, "Udsættes")
    later = services.create_meeting(body=board, date=date(2030, 7, 1), by=secretary)
    services.publish_agenda(meeting, by=secretary)
    services.postpone_item(item=item, by=secretary, text="Udsat.")
    assert later.items.filter(postponed_from=item).exists()
    page = minutes_page(client, member, meeting)
    assert "Udsættes" in page and "Udsat til" not in page
    assert "Udsat til" in minutes_page(client, secretary, meeting)
    services.publish_agenda(later, by=secretary)
    assert "Udsat til" in minutes_page(client, member, meeting)
