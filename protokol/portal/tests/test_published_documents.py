"""What the public gets of a meeting and when: the agenda as sent until the minutes are published, then
both documents side by side; and the files of public attachments, served as every channel serves them."""

from datetime import date, time

import pypdfium2
import pytest

from protokol.cases import services as case_services
from protokol.common.users import system_user
from protokol.meetings import services
from protokol.meetings.enums import MeetingStatus, Role
from protokol.meetings.tests import factories

pytestmark = pytest.mark.django_db

DECISION = "Godkendt med cykelsti langs fjorden."
FILE_HEADERS = ("Content-Type", "Content-Disposition", "X-Content-Type-Options", "Content-Security-Policy")


def pdf_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(response.content)
    return "".join(page.get_textpage().get_text_range() for page in pdf)


@pytest.fixture
def meeting(data_dir):
    """A meeting with its agenda published: an open item with a public and a closed attachment, a closed
    item with an attachment, and a decision on the open item."""
    by = system_user()
    body = factories.body("Teknik- og Miljøudvalget")
    m = services.create_meeting(body=body, date=date(2026, 3, 2), start_time=time(9), by=by)
    item = factories.item(m, "Cykelsti", sections=[("Sagsfremstilling", "En sti langs fjorden.")])
    closed_item = factories.item(m, "Køb af ejendom", public=False)
    files = {
        "public": case_services.add_attachment(
            item=item,
            title="Kort over stien",
            content=b"%PDF-1.7 kort",
            file_name="kort.pdf",
            mime_type="application/pdf",
            by=by,
        ),
        "closed": case_services.add_attachment(
            item=item, title="Tilbud", public=False, content=b"fortroligt", file_name="tilbud.txt", by=by
        ),
        "closed item": case_services.add_attachment(
            item=closed_item, title="Skøde", content=b"skoede", file_name="skoede.txt", by=by
        ),
    }
    services.publish_agenda(m, by=by)
    services.record_decision(item=item, text=DECISION, by=by)
    item.refresh_from_db()
    return {"meeting": m, "item": item, "files": files, "body": body}


def _publish_minutes(m) -> None:
    by = system_user()
    services.mark_held(m, by=by)
    services.approve_minutes(m, by=by)
    services.publish_minutes(m, by=by)


def test_the_agenda_as_sent_stays_published_beside_the_minutes(client, meeting):
    m, item = meeting["meeting"], meeting["item"]
    decided = {"result", "resolutionText", "protokol:decision"}
    assert not decided & set(client.get(f"/oparl/v1/agendaItem/{item.pk}").json())
    assert client.get(f"/api/items/{item.pk}").json()["decisions"] == []
    page = client.get(f"/meetings/{m.pk}/").content.decode()
    assert f'href="/meetings/{m.pk}/agenda.pdf"' in page and "minutes.pdf" not in page
    assert DECISION not in pdf_text(client.get(f"/meetings/{m.pk}/agenda.pdf"))
    assert client.get(f"/meetings/{m.pk}/minutes.pdf").status_code == 404

    _publish_minutes(m)
    page = client.get(f"/meetings/{m.pk}/").content.decode()
    assert f'href="/meetings/{m.pk}/agenda.pdf"' in page and f'href="/meetings/{m.pk}/minutes.pdf"' in page
    agenda = client.get(f"/meetings/{m.pk}/agenda.pdf")
    agenda_text = pdf_text(agenda)
    assert "Dagsorden" in agenda_text and "Cykelsti" in agenda_text and DECISION not in agenda_text
    assert 'filename="teknik-og-miljoeudvalget-2026-03-02-dagsorden.pdf"' in agenda["Content-Disposition"]
    minutes = client.get(f"/meetings/{m.pk}/minutes.pdf?download=1")
    assert "Referat" in pdf_text(minutes) and DECISION in pdf_text(minutes)
    assert minutes["Content-Disposition"].startswith("attachment;")
    assert client.get(f"/oparl/v1/agendaItem/{item.pk}").json()["resolutionText"] == DECISION
    assert [d["text"] for d in client.get(f"/api/items/{item.pk}").json()["decisions"]] == [DECISION]
    # OParl's invitation and resultsProtocol point at the two documents, and both answer.
    oparl = client.get(f"/oparl/v1/meeting/{m.pk}").json()
    for key in ("invitation", "resultsProtocol"):
        for url in (oparl[key]["accessUrl"], oparl[key]["downloadUrl"]):
            assert client.get(url).status_code == 200, url


def test_an_agenda_shows_the_decisions_it_quotes_from_earlier_treatment_but_not_its_own(client, meeting):
    """Must show: another body's decision and the body's own decision of an earlier meeting, as the agenda
    quotes them, are public with the agenda on every channel; the meeting's own decision is not."""
    from protokol.search.query import search

    m, item, by = meeting["meeting"], meeting["item"], system_user()
    committee = "Økonomiudvalget anbefaler stien."
    earlier = "Teknikudvalget udsatte punktet."
    services.record_decision(
        item=item, text=committee, body_name="Økonomiudvalget", date=date(2026, 2, 16), by=by
    )
    services.record_decision(
        item=item, text=earlier, body_name=meeting["body"].name, date=date(2026, 2, 2), by=by
    )
    quoted = {committee, earlier}

    for url in (f"/meetings/{m.pk}/", f"/meetings/{m.pk}/items/{item.number}/"):
        page = client.get(url).content.decode()
        assert committee in page and earlier in page and DECISION not in page, url
    agenda = pdf_text(client.get(f"/meetings/{m.pk}/agenda.pdf")).replace("\r", "").replace("\n", " ")
    assert "anbefaler stien" in agenda and "udsatte punktet" in agenda and "Godkendt" not in agenda
    assert {d["text"] for d in client.get(f"/api/items/{item.pk}").json()["decisions"]} == quoted
    oparl = client.get(f"/oparl/v1/agendaItem/{item.pk}").json()
    assert oparl["protokol:decision"] == [
        f"Økonomiudvalget, 16. februar 2026: {committee}",
        f"{meeting['body'].name}, 2. februar 2026: {earlier}",
    ]
    assert search("anbefaler").count == 1 and search("udsatte").count == 1 and search("godkendt").count == 0

    _publish_minutes(m)
    page = client.get(f"/meetings/{m.pk}/items/{item.number}/").content.decode()
    assert committee in page and earlier in page and DECISION in page
    assert search("godkendt").count == 1


def test_held_demo_meetings_show_publicly_as_the_agenda(client, monkeypatch, data_dir):
    """The demo with every past meeting only held (not approved): the public reads agendas (with the
    decisions they quote from earlier treatment, never the meeting's own), the members the minutes."""
    from django.utils import dateformat, translation

    from protokol.meetings import demo
    from protokol.meetings.models import Decision, Meeting

    status_for = demo._status_for
    monkeypatch.setattr(
        demo, "_status_for", lambda day, today: min(status_for(day, today), MeetingStatus.HELD, key=_order)
    )
    demo.generate(meetings=8, seed=1)
    held = list(Meeting.objects.filter(status=MeetingStatus.HELD, items__decisions__isnull=False).distinct())
    assert held
    for m in held:
        page = client.get(f"/meetings/{m.pk}/").content.decode()
        assert "<h1>Dagsorden:" in page and "Referat" not in page
        with translation.override("da"):
            own = f"{m.body.name}s møde den {dateformat.format(m.date, 'j. F Y')}:"
        assert Decision.objects.filter(item__meeting=m, body_name=m.body.name, date=m.date).exists()
        assert own not in page
        assert client.get(f"/meetings/{m.pk}/minutes.pdf").status_code == 404
        assert client.get(f"/api/meetings/{m.pk}").json()["kind"] == "agenda"
    body = held[0].body
    listing = client.get(f"/bodies/{body.slug}/").content.decode()
    assert "Referat" not in listing and "Dagsorden" in listing
    client.force_login(factories.member(body))
    page = client.get(f"/meetings/{held[0].pk}/").content.decode()
    with translation.override("da"):
        own = f"{held[0].body.name}s møde den {dateformat.format(held[0].date, 'j. F Y')}:"
    assert "<h1>Referat:" in page and own in page


def _order(status: str) -> int:
    return list(MeetingStatus.values).index(status)


def test_public_attachments_open_from_the_item_and_meeting_pages(client, meeting):
    m, item, files = meeting["meeting"], meeting["item"], meeting["files"]
    public = files["public"]
    for url in (f"/meetings/{m.pk}/", f"/meetings/{m.pk}/items/{item.number}/"):
        page = client.get(url).content.decode()
        assert f'<a href="/attachments/{public.pk}/">Kort over stien</a>' in page
        assert "kort.pdf, PDF, 13\xa0bytes" in page
        assert "Tilbud" not in page and "Skøde" not in page
    response = client.get(f"/attachments/{public.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.7 kort"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="kort.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    # Never a closed attachment, nor one of a closed item, for the public.
    assert client.get(f"/attachments/{files['closed'].pk}/").status_code == 404
    assert client.get(f"/attachments/{files['closed item'].pk}/").status_code == 404
    # The body's members open the closed ones.
    client.force_login(factories.member(meeting["body"]))
    assert client.get(f"/attachments/{files['closed item'].pk}/").status_code == 200


def test_an_attachment_of_a_draft_is_not_public(client, data_dir):
    m = factories.meeting(factories.body("Kladdeudvalget"))
    item = factories.item(m, "Udkast")
    att = case_services.add_attachment(
        item=item, title="Udkast", content=b"x", file_name="udkast.txt", by=system_user()
    )
    assert client.get(f"/attachments/{att.pk}/").status_code == 404


def test_every_channel_serves_a_file_with_the_same_headers(client, meeting):
    """Workspace, portal, JSON API and OParl: one serving function, so the same headers."""
    att = meeting["files"]["public"]
    client.force_login(factories.member(meeting["body"], role=Role.SECRETARIAT))
    urls = [
        f"/workspace/attachments/{att.pk}/",
        f"/attachments/{att.pk}/?download=1",
        f"/api/attachments/{att.pk}/download",
        f"/oparl/v1/file/{att.pk}/download",
    ]
    headers = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        headers.append({name: response.get(name) for name in FILE_HEADERS})
    assert headers[0]["Content-Disposition"] == 'attachment; filename="kort.pdf"'
    assert all(h == headers[0] for h in headers), headers
