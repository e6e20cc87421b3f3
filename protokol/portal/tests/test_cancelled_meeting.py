"""Must show: a cancelled meeting whose agenda was sent stays on every public channel as cancelled, with
its reason (pages and lists, feed, calendar as STATUS:CANCELLED under the same UID, OParl
`cancelled: true`, the JSON API, search as its agenda), and nothing more of its closed items than before;
one cancelled as a draft appears nowhere."""

import icalendar
import pytest

from protokol.api.models import DeletedObject
from protokol.common.users import system_user
from protokol.meetings import services
from protokol.meetings.tests import factories
from protokol.search.query import search

pytestmark = pytest.mark.django_db

REASON = "Mødet aflyses på grund af manglende beslutningsdygtighed."
SECRET = "Hemmeligholdt grundkøb"


@pytest.fixture
def cancelled(db):
    by = system_user()
    body = factories.body("Teknik- og Miljøudvalget")
    meeting = factories.meeting(body)
    factories.item(meeting, "Cykelsti langs åen")
    closed = factories.item(meeting, SECRET, public=False, public_title="Køb af areal")
    services.set_sections(item=closed, sections=[("Sagsfremstilling", f"{SECRET} i detaljer")], by=by)
    services.publish_agenda(meeting, by=by)
    services.cancel_meeting(meeting, reason=REASON, by=by)
    draft = factories.meeting(body)
    factories.item(draft, "Kladdens eneste punkt")
    services.cancel_meeting(draft, reason="Aldrig udsendt", by=by)
    return {"body": body, "meeting": meeting, "draft": draft}


def test_pages_and_lists_say_cancelled_with_the_reason(client, cancelled):
    meeting, body = cancelled["meeting"], cancelled["body"]
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Mødet er aflyst." in page and REASON in page and "Cykelsti langs åen" in page
    assert "Køb af areal" in page and SECRET not in page
    for url in ("/", f"/bodies/{body.slug}/"):
        listing = client.get(url).content.decode()
        assert "Aflyst" in listing and REASON in listing, url
        assert "Aldrig udsendt" not in listing
    assert client.get(f"/meetings/{cancelled['draft'].pk}/").status_code == 404
    assert client.get(f"/meetings/{meeting.pk}/agenda.pdf").status_code in (200, 503)


def test_calendar_and_feed_carry_the_cancellation(client, cancelled):
    meeting, body = cancelled["meeting"], cancelled["body"]
    for url in ("/calendar.ics", f"/bodies/{body.slug}/calendar.ics"):
        cal = icalendar.Calendar.from_ical(client.get(url).content)
        events = {str(e["uid"]).split("@")[0]: e for e in cal.walk("VEVENT")}
        assert set(events) == {f"meeting-{meeting.pk}"}, url
        event = events[f"meeting-{meeting.pk}"]
        assert str(event["status"]) == "CANCELLED"
        assert str(event["summary"]).startswith("Aflyst") and REASON in str(event["description"])
        assert SECRET not in client.get(url).content.decode()
    feed = client.get(f"/bodies/{body.slug}/feed/").content.decode()
    assert "Aflyst:" in feed and REASON in feed and SECRET not in feed


def test_oparl_and_the_api_say_cancelled(client, cancelled):
    meeting = cancelled["meeting"]
    data = client.get(f"/oparl/v1/meeting/{meeting.pk}").json()
    assert data["cancelled"] is True and data["meetingState"] == "Aflyst"
    assert data["protokol:cancelledReason"] == REASON
    assert [i["order"] for i in data["agendaItem"]] == [0, 1]
    assert SECRET not in client.get(f"/oparl/v1/meeting/{meeting.pk}").content.decode()
    assert client.get(f"/oparl/v1/meeting/{cancelled['draft'].pk}").status_code == 404
    api = client.get(f"/api/meetings/{meeting.pk}").json()
    assert api["status"] == "cancelled" and api["cancelled_reason"] == REASON
    assert client.get(f"/api/meetings/{cancelled['draft'].pk}").status_code == 404
    # Still public, so no mirror is told it was deleted.
    assert not DeletedObject.objects.exists()


def test_a_cancelled_meeting_stays_searchable_as_its_agenda(cancelled):
    hits = search("cykelsti").hits
    assert [h.meeting.pk for h in hits] == [cancelled["meeting"].pk]
    assert search("kladdens").count == 0
    assert search("hemmeligholdt").count == 0
    secretariat = factories.member(cancelled["body"], role="secretariat")
    assert search("kladdens", user=secretariat).count == 1


def test_the_cancellation_reads_in_english_by_the_switch(client, cancelled):
    url = f"/meetings/{cancelled['meeting'].pk}/"
    client.post("/i18n/setlang/", {"language": "en", "next": url})
    page = client.get(url).content.decode()
    assert "Cancelled: Agenda" in page and "The meeting is cancelled." in page and REASON in page
