"""Approved minutes show their checksum, and say so when the database no longer agrees with it.

The public checksum is taken of the public edition alone (what anyone can read), so it cannot be used to
test guesses at a closed item's decision; the body's members and secretariat see the internal edition's.
"""

import hashlib
import json

import pytest
from django.template.defaultfilters import date as date_filter
from django.utils import translation
from django.utils.timezone import localtime

from protokol.common.users import system_user
from protokol.meetings import services
from protokol.meetings.enums import ClosedReason
from protokol.meetings.interchange import export_meeting
from protokol.meetings.models import Body, Decision
from protokol.meetings.tests import factories

pytestmark = pytest.mark.django_db

MATCH = "Referatet svarer til den godkendte udgave."
MISMATCH = "Referatet svarer ikke længere til den godkendte udgave."
SECRET = "Ikke godkendt."
# What someone trying to recover the closed decision would try.
GUESSES = ["Godkendt.", "Anbefales.", "Taget til efterretning.", "Drøftet.", "Udsat.", SECRET, "Afvist."]


@pytest.fixture
def approved():
    by = system_user()
    meeting = factories.meeting(factories.body("Kontroludvalget"))
    item = factories.item(meeting, "Nyt svømmebad", sections=[("Sagsfremstilling", "Et bad til byen.")])
    closed = factories.item(
        meeting,
        "Køb af Strandvejen 12 fra Jens Hansen",
        public=False,
        public_title="Køb af ejendom",
        closed_reason=ClosedReason.PROPERTY,
        sections=[("Sagsfremstilling", "Prisen er 4,1 mio. kr.")],
    )
    services.publish_agenda(meeting, by=by)
    services.mark_held(meeting, by=by)
    services.record_decision(item=item, text="Godkendt.", by=by)
    services.record_decision(item=closed, text=SECRET, public_text="Sagen er afgjort.", by=by)
    services.approve_minutes(meeting, by=by)
    services.publish_minutes(meeting, by=by)
    meeting.refresh_from_db()
    closed.refresh_from_db()
    return meeting, item, closed


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _canonical(doc: dict) -> bytes:
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def test_the_public_sees_the_checksum_of_the_public_edition_and_members_that_of_the_internal(
    client, approved
):
    meeting, _item, _closed = approved
    assert len(meeting.public_minutes_hash) == 64 and meeting.public_minutes_hash != meeting.minutes_hash
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert meeting.public_minutes_hash in page and meeting.minutes_hash not in page
    assert MATCH in page and MISMATCH not in page
    assert "version 1" in page
    client.force_login(factories.member(meeting.body))
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert meeting.minutes_hash in page and meeting.public_minutes_hash not in page


def test_the_public_checksum_is_recomputed_from_public_data_alone(client, approved):
    meeting, _item, _closed = approved
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    # The public edition as the page links it: its SHA-256 is the checksum shown.
    public = client.get(f"/meetings/{meeting.pk}/minutes.json")
    assert public.status_code == 200
    assert f'href="/meetings/{meeting.pk}/minutes.json"' in page
    assert _sha(public.content) == meeting.public_minutes_hash
    text = public.content.decode()
    assert SECRET not in text and "Jens Hansen" not in text and "4,1 mio" not in text
    assert "Køb af ejendom" in text and "Sagen er afgjort." in text


def test_guessing_the_closed_decision_cannot_be_checked_against_the_public_checksum(client, approved):
    meeting, _item, closed = approved
    internal = export_meeting(meeting, as_approved=True)
    closed_doc = next(i for i in internal["items"] if i["number"] == closed.number)
    internal_hashes, public_hashes = {}, set()
    from protokol.meetings.editions import public_edition

    for guess in GUESSES:
        closed_doc["decisions"][0]["text"] = guess
        internal_hashes[guess] = _sha(_canonical(internal))
        public_hashes.add(_sha(_canonical(public_edition(internal))))
    # The old oracle: the internal edition with the right guess matches its checksum ...
    assert internal_hashes[SECRET] == meeting.minutes_hash
    # ... but no guess matches the checksum the public is shown, and every guess gives the public one alike.
    assert meeting.public_minutes_hash not in internal_hashes.values()
    assert public_hashes == {meeting.public_minutes_hash}


def test_a_decision_changed_behind_the_systems_back_shows_on_the_minutes(client, approved):
    meeting, item, _closed = approved
    # No service, no amendment, no audit entry: a write straight to the table.
    Decision.objects.filter(item=item).update(text="Ikke godkendt.")
    assert not services.minutes_match(meeting) and not services.minutes_match(meeting, public=True)
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert MISMATCH in page and meeting.public_minutes_hash in page
    assert 'class="checksum mismatch"' in page


def test_a_closed_decision_changed_behind_the_systems_back_shows_to_members_only(client, approved):
    meeting, _item, closed = approved
    Decision.objects.filter(item=closed).update(text="Godkendt.")
    assert not services.minutes_match(meeting)
    assert services.minutes_match(meeting, public=True)  # the public checksum tells nothing of it


def test_a_recorded_amendment_is_listed_and_the_checksum_names_its_version(client, approved):
    meeting, item, _closed = approved
    services.record_decision(
        item=item, text="Godkendt med en rettelse.", by=system_user(), reason="Skrivefejl i beslutningen"
    )
    meeting.refresh_from_db()
    amendment = meeting.amendments.get()
    assert amendment.public_change
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert MATCH in page and meeting.public_minutes_hash in page
    with translation.override("da"):
        day = date_filter(localtime(amendment.at), "j. F Y")
    assert f"version 2, efter rettelse af {day}" in page
    assert "Skrivefejl i beslutningen" in page
    assert _sha(client.get(f"/meetings/{meeting.pk}/minutes.json").content) == meeting.public_minutes_hash


def test_an_amendment_of_closed_content_only_is_not_shown_to_the_public(client, approved):
    meeting, _item, closed = approved
    before = meeting.public_minutes_hash
    services.record_decision(item=closed, text="Godkendt.", by=system_user(), reason="Forkert udfald KANARIE")
    meeting.refresh_from_db()
    assert meeting.public_minutes_hash == before
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "KANARIE" not in page and "version 1" in page and MATCH in page


def test_renaming_the_body_after_approval_is_no_change_to_the_minutes(client, approved):
    meeting, _item, _closed = approved
    Body.objects.filter(pk=meeting.body_id).update(name="Kontrol- og Tilsynsudvalget")
    meeting.refresh_from_db()
    assert services.minutes_match(meeting) and services.minutes_match(meeting, public=True)
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert MATCH in page and "Kontrol- og Tilsynsudvalget" in page


def test_agendas_carry_no_checksum(client):
    meeting = factories.meeting(factories.body("Dagsordensudvalget"))
    factories.item(meeting, "Punkt")
    services.publish_agenda(meeting, by=system_user())
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "minutes-checksum" not in page
    assert client.get(f"/meetings/{meeting.pk}/minutes.json").status_code == 404
