"""The public pages: what a visitor sees, and what stays inside."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone

from protokol.common.users import system_user
from protokol.meetings import services
from protokol.meetings.enums import ClosedReason, Role
from protokol.meetings.tests import factories

CANARY = "hemmeligsnegl"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def closed(db):
    """A published meeting in the coming days with an open item and a closed one whose content holds the canary."""
    body = factories.body("Børne- og Ungeudvalget")
    meeting = factories.meeting(body, day=timezone.localdate() + timedelta(days=3))
    factories.item(meeting, "Nye legepladser", sections=[("Sagsfremstilling", "Gynger og vipper.")])
    item = factories.item(
        meeting,
        f"Køb af Strandvejen 12 fra {CANARY}",  # the real title: no public field of a closed item
        public=False,
        public_title="Køb af ejendom",
        closed_reason=ClosedReason.PROPERTY,
        closed_reason_text="Prisforhandlingerne pågår.",
        sections=[("Sagsfremstilling", f"Prisen er {CANARY} kroner.")],
        document_number="DOK-CANARY-1",
    )
    services.publish_agenda(meeting, by=system_user())
    item.refresh_from_db()
    return {"body": body, "meeting": meeting, "item": item, "member": factories.member(body)}


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_home_lists_bodies_and_meetings(client, closed):
    page = text(client.get("/"))
    assert "Børne- og Ungeudvalget" in page
    assert f'href="/meetings/{closed["meeting"].pk}/"' in page
    assert '<main id="main">' in page and 'role="search"' in page


def test_meeting_page_shows_a_closed_item_by_its_public_fields_only(client, closed):
    url = f"/meetings/{closed['meeting'].pk}/"
    page = text(client.get(url))
    assert "Lukket: Køb af ejendom" in page
    assert "Gynger og vipper." in page
    assert CANARY not in page and "DOK-CANARY-1" not in page
    assert "Køb og salg af fast ejendom" in page and "Prisforhandlingerne pågår." in page
    item_page = text(client.get(f"/meetings/{closed['meeting'].pk}/items/{closed['item'].number}/"))
    assert "Køb af ejendom" in item_page and CANARY not in item_page
    # The body's member sees it all.
    client.force_login(closed["member"])
    assert CANARY in text(client.get(url))


def test_another_bodys_member_sees_the_public_fields_only(client, closed):
    client.force_login(factories.member(factories.body("Kulturudvalget")))
    page = text(client.get(f"/meetings/{closed['meeting'].pk}/"))
    assert "Lukket: Køb af ejendom" in page and CANARY not in page


def test_drafts_are_invisible_to_visitors(client, db):
    body = factories.body("Kladdeudvalget")
    draft = factories.meeting(body, day=timezone.localdate() + timedelta(days=30))
    factories.item(draft, "Hemmelig kladde")
    assert client.get(f"/meetings/{draft.pk}/").status_code == 404
    assert client.get(f"/meetings/{draft.pk}/items/1/").status_code == 404
    assert "Hemmelig kladde" not in text(client.get(f"/bodies/{body.slug}/"))
    assert f"/meetings/{draft.pk}/" not in text(client.get("/"))
    assert "Hemmelig kladde" not in text(client.get("/search/?q=kladde"))
    client.force_login(factories.member(body, role=Role.SECRETARIAT))
    assert "Hemmelig kladde" in text(client.get(f"/meetings/{draft.pk}/"))


def test_unknown_pages_are_404(client, db):
    assert client.get("/meetings/999999/").status_code == 404
    assert client.get("/bodies/findes-ikke/").status_code == 404
    assert client.get("/cases/0-0-0/").status_code == 404


def test_case_page_for_a_closed_item_is_404_for_visitors(client, db):
    from protokol.cases import services as case_services

    body = factories.body()
    meeting = factories.meeting(body)
    case = case_services.resolve_case(
        organization=body.organization, number="999-2026-1", title="Hemmelig sag", by=system_user()
    )
    factories.item(meeting, "Lukket sag", public=False, case=case)
    services.publish_agenda(meeting, by=system_user())
    assert client.get("/cases/999-2026-1/").status_code == 404


def test_reference_case_page_reads_the_route(client, reference_meeting):
    item = reference_meeting.items.get(number=5)
    page = text(client.get(f"/cases/{item.case.number}/"))
    assert "Kalundborg Kommune på Facebook" in page
    assert "Anbefales." in page
    # Direktion → Økonomiudvalg → Kommunalbestyrelse: the first done, the others to come.
    assert page.index("Direktionen") < page.index("Økonomiudvalget") < page.index("Kommunalbestyrelsen")
    assert page.count("(afventer)") == 2
    item_page = text(client.get(f"/meetings/{reference_meeting.pk}/items/5/"))
    assert "Sagens forløb" in item_page


def test_case_page_across_three_bodies_with_demo_data(client, db):
    from protokol.meetings.demo import generate
    from protokol.meetings.models import AgendaItem

    generate(meetings=12, seed=1)
    travelled = None
    for item in AgendaItem.objects.filter(meeting__body__slug="kommunalbestyrelsen", case__isnull=False):
        slugs = set(item.case.items.values_list("meeting__body__slug", flat=True))
        if {"direktionen", "oekonomiudvalget", "kommunalbestyrelsen"} <= slugs:
            travelled = item.case
            break
    assert travelled is not None
    page = text(client.get(f"/cases/{travelled.number}/"))
    timeline = page[page.index('class="timeline"') :]
    positions = [
        timeline.index(f"/bodies/{slug}/")
        for slug in ("direktionen", "oekonomiudvalget", "kommunalbestyrelsen")
    ]
    assert positions == sorted(positions)
    assert timeline.count("Anbefales.") >= 2  # Direktionen and Økonomiudvalget recommend; the council decides
    assert "(afventer)" not in page


def test_search_page_with_a_facet(client, reference_meeting):
    page = text(client.get("/search/?q=Facebook"))
    assert "2 resultater" in page
    assert "<mark>Facebook</mark>" in page
    assert 'href="?q=Facebook&amp;body=direktionen"' in page
    assert 'href="?q=Facebook&amp;kle=00.13">KLE 00.13</a> <span class="count">(2)</span>' in page
    faceted = text(client.get("/search/?q=Facebook&case_type=Orientering"))
    assert "1 resultat" in faceted and "Kalundborg Kommune på Facebook" in faceted
    # A facet narrows by one more value and keeps the others, the sort and the dates.
    assert 'href="?q=Facebook&amp;case_type=Orientering&amp;body=direktionen"' in faceted
    assert '<a href="?q=Facebook&amp;case_type=Orientering" aria-current="true">Orientering</a>' in faceted
    assert "Formidling af Direktionens" not in faceted
    assert "0 resultater" in text(client.get("/search/?q=Facebook&body=oekonomiudvalget"))
    assert text(client.get("/search/?q=Facebook&page=x&since=nej&year=abc"))  # bad input is ignored


def test_search_page_hides_closed_content(client, closed):
    page = text(client.get(f"/search/?q={CANARY}"))
    # The word itself is echoed back in the form; nothing of the item is shown.
    assert "0 resultater" in page and 'class="hits"' not in page and "Prisen er" not in page
    client.force_login(closed["member"])
    assert "1 resultat" in text(client.get(f"/search/?q={CANARY}"))


def test_body_feed_is_atom_without_closed_content(client, closed):
    client.force_login(closed["member"])  # a feed is public even when a member fetches it
    response = client.get(f"/bodies/{closed['body'].slug}/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    assert "Dagsorden" in entries[0].findtext(f"{ATOM}title")
    assert "Lukket: Køb af ejendom" in entries[0].findtext(f"{ATOM}summary")
    assert CANARY.encode() not in response.content


def test_search_feed(client, closed, reference_meeting):
    response = client.get("/search/feed/?q=Facebook")
    root = ET.fromstring(response.content)
    assert len(root.findall(f"{ATOM}entry")) == 2
    empty = ET.fromstring(client.get(f"/search/feed/?q={CANARY}").content)
    assert empty.findall(f"{ATOM}entry") == []


@pytest.mark.parametrize("path", ["/calendar.ics", "/bodies/{slug}/calendar.ics"])
def test_calendars_parse_and_hold_no_closed_content(client, closed, path):
    client.force_login(closed["member"])
    response = client.get(path.format(slug=closed["body"].slug))
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    timezones = [tz for tz in cal.walk("VTIMEZONE")]
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Copenhagen"]
    events = cal.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert event["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    assert event.decoded("DTSTART").hour == 9
    assert str(event["SUMMARY"]) == "Børne- og Ungeudvalget"
    assert "Lukket: Køb af ejendom" in str(event["DESCRIPTION"])
    assert CANARY.encode() not in response.content
    assert b"\r\n" in response.content  # RFC 5545 line endings


def test_calendar_leaves_out_drafts(client, db):
    body = factories.body()
    factories.meeting(body, day=timezone.localdate() + timedelta(days=5))
    cal = icalendar.Calendar.from_ical(client.get("/calendar.ics").content)
    assert cal.walk("VEVENT") == []


def test_pdf_editions(client, closed):
    import pypdfium2

    def pdf_text(response) -> str:
        assert response["Content-Type"] == "application/pdf"
        pdf = pypdfium2.PdfDocument(response.content)
        return "".join(page.get_textpage().get_text_range() for page in pdf)

    url = f"/meetings/{closed['meeting'].pk}/agenda.pdf"
    assert f'href="{url}"' in text(client.get(f"/meetings/{closed['meeting'].pk}/"))
    public = pdf_text(client.get(url))
    assert "Køb af ejendom" in public and CANARY not in public
    assert client.get(f"/meetings/{closed['meeting'].pk}/minutes.pdf").status_code == 404
    client.force_login(closed["member"])
    assert CANARY in pdf_text(client.get(url))
