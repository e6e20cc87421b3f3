"""Approved minutes show their checksum, and say so when the database no longer agrees with it."""

import pytest

from protokol.common.users import system_user
from protokol.meetings import services
from protokol.meetings.models import Decision
from protokol.meetings.tests import factories

pytestmark = pytest.mark.django_db

MATCH = "Referatet svarer til den godkendte udgave."
MISMATCH = "Referatet svarer ikke længere til den godkendte udgave."


@pytest.fixture
def approved():
    by = system_user()
    meeting = factories.meeting(factories.body("Kontroludvalget"))
    item = factories.item(meeting, "Nyt svømmebad", sections=[("Sagsfremstilling", "Et bad til byen.")])
    services.publish_agenda(meeting, by=by)
    services.mark_held(meeting, by=by)
    services.record_decision(item=item, text="Godkendt.", by=by)
    services.approve_minutes(meeting, by=by)
    services.publish_minutes(meeting, by=by)
    meeting.refresh_from_db()
    return meeting, item


def test_the_public_minutes_show_the_stored_checksum(client, approved):
    meeting, _item = approved
    assert len(meeting.minutes_hash) == 64
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert meeting.minutes_hash in page
    assert MATCH in page and MISMATCH not in page


def test_a_decision_changed_behind_the_systems_back_shows_on_the_minutes(client, approved):
    meeting, item = approved
    # No service, no amendment, no audit entry: a write straight to the table.
    Decision.objects.filter(item=item).update(text="Ikke godkendt.")
    assert not services.minutes_match(meeting)
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert MISMATCH in page and meeting.minutes_hash in page
    assert 'class="checksum mismatch"' in page


def test_a_recorded_amendment_keeps_the_minutes_matching(client, approved):
    meeting, item = approved
    services.record_decision(
        item=item, text="Godkendt med en rettelse.", by=system_user(), reason="Skrivefejl"
    )
    meeting.refresh_from_db()
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert MATCH in page and meeting.minutes_hash in page


def test_agendas_carry_no_checksum(client):
    meeting = factories.meeting(factories.body("Dagsordensudvalget"))
    factories.item(meeting, "Punkt")
    services.publish_agenda(meeting, by=system_user())
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "minutes-checksum" not in page
