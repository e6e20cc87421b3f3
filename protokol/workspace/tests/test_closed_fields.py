"""The item editor and the decision form take a closed item's public fields."""

import pytest
from django.urls import reverse

from protokol.meetings import services
from protokol.meetings.models import AgendaItem
from protokol.meetings.tests import factories
from protokol.workspace.tests.conftest import login

pytestmark = pytest.mark.django_db


def test_a_closed_item_gets_its_public_title_and_reason_from_the_editor(client, meeting, secretary):
    login(client, secretary)
    page = client.get(reverse("workspace:item_new", args=[meeting.pk])).content.decode()
    assert 'id="closed-fields"' in page and 'name="public_title"' in page and 'name="closed_reason"' in page
    client.post(
        reverse("workspace:item_new", args=[meeting.pk]),
        {
            "title": "Køb af Havnegade 3",
            "public": "0",
            "public_title": "Køb af ejendom",
            "closed_reason": "property",
            "closed_reason_text": "Prisen forhandles.",
        },
    )
    item = AgendaItem.objects.get(meeting=meeting, title="Køb af Havnegade 3")
    assert (item.public, item.public_title, item.closed_reason) == (False, "Køb af ejendom", "property")
    assert item.closed_reason_text == "Prisen forhandles." and not item.subject_confidential


def test_the_decision_form_of_a_closed_item_takes_its_public_text(client, meeting, secretary):
    closed = factories.item(meeting, "Køb af Havnegade 3", public=False)
    open_item = factories.item(meeting, "Budget")
    services.publish_agenda(meeting, by=secretary)
    login(client, secretary)
    page = client.get(reverse("workspace:minutes", args=[meeting.pk])).content.decode()
    assert f'id="id_{closed.pk}_public_text"' in page and f'id="id_{open_item.pk}_public_text"' not in page
    client.post(
        reverse("workspace:decision", args=[meeting.pk, closed.pk]),
        {"text": "Købet godkendes til 3,9 mio. kr.", "public_text": "Købet godkendes."},
    )
    decision = closed.decisions.get()
    assert (decision.text, decision.public_text) == ("Købet godkendes til 3,9 mio. kr.", "Købet godkendes.")
