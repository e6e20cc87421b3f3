"""Must show: user text is data everywhere, and files are served so that a browser never runs them.

An XSS payload (and Typst markup) in every field of an item, written through the services, renders inert
in the portal, the workspace, the admin, the feeds, the calendar and the PDF: no script element, no
event-handler attribute, no javascript: link comes from it, and the PDF prints it literally. Attachments
are served with Content-Disposition, nosniff and a restrictive Content-Security-Policy, and an uploaded
file's name with a path in it is stored as a plain name under the item's own folder.
"""

from __future__ import annotations

from datetime import time, timedelta

import lxml.html
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"
TYPST = "#set text(size: 100pt)"
PAYLOAD = f"{SCRIPT} {IMG} {JS_URL} {TYPST}"
EVENT_ATTRIBUTES = ("onerror", "onload", "onclick", "onmouseover", "onfocus")


@pytest.fixture
def hostile(db):
    """A published meeting of a body whose every item field carries the payload."""
    from protokol.cases import services as case_services
    from protokol.common.users import system_user
    from protokol.meetings import services
    from protokol.meetings.enums import Role
    from protokol.meetings.tests import factories
    from protokol.planning import services as planning

    by = system_user()
    org = factories.organization("XSS Kommune")
    body = factories.body("Angrebsudvalget", org=org)
    meeting = services.create_meeting(
        body=body,
        date=timezone.localdate() + timedelta(days=3),
        start_time=time(9),
        location=f"Sal {PAYLOAD}",
        by=by,
    )
    case = case_services.resolve_case(organization=org, number=f"2026-{IMG}", title=f"Sag {PAYLOAD}", by=by)
    items = []
    for public in (True, False):
        item = services.add_item(
            meeting=meeting,
            title=f"Punkt {PAYLOAD}",
            public=public,
            case=case,
            document_number=f"D-{IMG}"[:100],
            case_type=f"Type {SCRIPT}",
            route=[body.name, f"Udvalg {IMG}"],
            sections=[(f"Overskrift {SCRIPT}", f"Tekst {PAYLOAD}\n\n{TYPST}\n[link]({JS_URL})")],
            # A closed item's public fields reach the public too: they must print as text.
            public_title="" if public else f"Neutral {PAYLOAD}",
            closed_reason="" if public else "other",
            closed_reason_text="" if public else f"Grund {PAYLOAD}\n{TYPST}",
            by=by,
        )
        case_services.add_attachment(
            item=item,
            title=f"Bilag {PAYLOAD}",
            document_number=f"B-{IMG}"[:100],
            text=f"Bilagstekst {PAYLOAD}",
            content=f"<html><body>{SCRIPT}</body></html>".encode(),
            file_name=f"{IMG}.html",
            mime_type="text/html",
            by=by,
        )
        items.append(item)
    services.publish_agenda(meeting, by=by)
    for item in items:
        item.refresh_from_db()
    services.mark_held(meeting, by=by)
    for item in items:
        public_text = None if item.public else f"Offentlig {PAYLOAD}"
        services.record_decision(item=item, text=f"Godkendt {PAYLOAD}", public_text=public_text, by=by)
        services.record_decision(
            item=item,
            text=f"Anbefalet {PAYLOAD}",
            body_name=f"Råd {SCRIPT}",
            date=meeting.date,
            public_text=public_text,
            by=by,
        )
        planning.create_follow_up(
            item=item, what=f"Opgave {PAYLOAD}", responsible_name=f"Ansvar {IMG}", by=by
        )
    planning.record_communication(
        item=items[0],
        audiences=["public"],
        channels=["website"],
        message=f"Besked {PAYLOAD}",
        responsible_name=f"Kommunikation {SCRIPT}",
        date=meeting.date,
        done=True,
        by=by,
    )
    services.approve_minutes(meeting, by=by)
    services.publish_minutes(meeting, by=by)
    secretary = factories.member(body, role=Role.SECRETARIAT)
    admin = get_user_model().objects.create_superuser("xssadmin", "x@example.dk", "test-password-123")
    return {"meeting": meeting, "items": items, "body": body, "secretary": secretary, "admin": admin}


def _inert(url: str, text: str) -> None:
    """No script, event handler or javascript: link came from the payload; it shows as text."""
    assert SCRIPT not in text, f"{url}: the script tag is in the page unescaped"
    assert "<img src=x" not in text, f"{url}: the img tag is in the page unescaped"
    doc = lxml.html.fromstring(text)
    for script in doc.iter("script"):
        assert "alert(1)" not in (script.text or ""), f"{url}: a script element runs the payload"
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert name.lower() not in EVENT_ATTRIBUTES, f"{url}: <{element.tag} {name}={value!r}>"
            if name.lower() in ("href", "src", "action", "formaction"):
                assert not value.strip().lower().startswith("javascript:"), f"{url}: {name}={value!r}"


def _get(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode("utf-8")


def test_the_payload_renders_inert_in_the_portal_workspace_admin_and_feeds(hostile):
    meeting, items = hostile["meeting"], hostile["items"]
    pages = [
        "/",
        f"/meetings/{meeting.pk}/",
        f"/bodies/{hostile['body'].slug}/",
        "/search/?q=alert",
        "/search/?q=Punkt",
    ] + [f"/meetings/{meeting.pk}/items/{i.number}/" for i in items]
    workspace = [
        "/workspace/",
        f"/workspace/meetings/{meeting.pk}/",
        f"/workspace/meetings/{meeting.pk}/minutes/",
        f"/workspace/meetings/{meeting.pk}/log/",
        f"/workspace/meetings/{meeting.pk}/communication/",
        "/workspace/follow-ups/",
    ] + [f"/workspace/meetings/{meeting.pk}/items/{i.pk}/" for i in items]
    workspace += [f"/workspace/meetings/{meeting.pk}/items/{i.pk}/follow-ups/" for i in items]
    admin = [
        f"/admin/meetings/meeting/{meeting.pk}/change/",
        "/admin/meetings/agendaitem/",
        "/admin/common/auditentry/",
    ] + [f"/admin/meetings/agendaitem/{i.pk}/change/" for i in items]
    visitor, secretary, administrator = Client(), Client(), Client()
    secretary.force_login(hostile["secretary"])
    administrator.force_login(hostile["admin"])
    shown = 0
    for client, urls in ((visitor, pages), (secretary, pages + workspace), (administrator, admin)):
        for url in urls:
            text = _get(client, url)
            _inert(url, text)
            shown += "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert shown >= len(pages) + len(workspace), "the payload should show, escaped, on the pages"
    # Feeds and calendars: XML and iCalendar escape the payload; a feed reader gets text, not markup.
    for url in (f"/bodies/{hostile['body'].slug}/feed/", "/search/feed/?q=Punkt", "/communication/feed/"):
        text = _get(visitor, url)
        assert SCRIPT not in text and "<img src=x" not in text, url
        root = lxml.etree.fromstring(text.encode())
        assert root is not None
    for url in ("/calendar.ics", f"/bodies/{hostile['body'].slug}/calendar.ics"):
        assert "BEGIN:VCALENDAR" in _get(visitor, url)


def test_the_payload_prints_literally_in_the_pdf(hostile):
    import pypdfium2 as pdfium

    response = Client().get(f"/meetings/{hostile['meeting'].pk}/minutes.pdf")
    assert response.status_code == 200
    pdf = pdfium.PdfDocument(response.content)
    text = "".join(page.get_textpage().get_text_range() for page in pdf)
    flat = "".join(text.split())
    assert "#settext(size:100pt)" in flat, "the Typst markup should print as text"
    assert "<script>alert(1)</script>" in flat
    assert len(pdf) < 20  # a 100 pt font everywhere would need far more pages


def test_attachments_are_served_as_downloads_never_sniffed_never_run(hostile):
    from protokol.cases.models import Attachment

    public = Attachment.objects.get(item=hostile["items"][0])
    client = Client()
    client.force_login(hostile["secretary"])
    for url in (
        f"/workspace/attachments/{public.pk}/",
        f"/api/attachments/{public.pk}/download",
        f"/oparl/v1/file/{public.pk}/download",
        f"/oparl/v1/file/{public.pk}/access",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        if response.streaming:
            b"".join(response.streaming_content)
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment"), f"{url}: {disposition}"  # an HTML file is never inline
        assert "/" not in disposition.split("filename", 1)[-1].strip("=\"'").rstrip('"'), disposition
        assert response["X-Content-Type-Options"] == "nosniff", url
        csp = response["Content-Security-Policy"]
        assert "sandbox" in csp or "default-src 'none'" in csp, f"{url}: {csp}"
        assert "'unsafe-inline'" not in csp, f"{url}: {csp}"


def test_an_uploaded_file_name_with_a_path_is_stored_as_a_plain_name(hostile, settings):
    from protokol.cases.models import Attachment
    from protokol.importers.tests.builders import blank_pdf

    meeting, item = hostile["meeting"], hostile["items"][0]
    client = Client()
    client.force_login(hostile["secretary"])
    for name in ("../../etc/passwd.pdf", "..\\..\\windows\\win.ini.pdf", "/etc/passwd.pdf", "....//x.pdf"):
        response = client.post(
            f"/workspace/meetings/{meeting.pk}/items/{item.pk}/attachments/",
            {"file": SimpleUploadedFile(name, blank_pdf(1)), "title": "", "reason": "Test af filnavne"},
        )
        assert response.status_code == 302, response.content[:300]
        stored = Attachment.objects.filter(item=item).order_by("-pk").first()
        assert ".." not in stored.file.name and "\\" not in stored.file_name and "/" not in stored.file_name
        assert stored.file.name.startswith(f"attachments/{meeting.pk}/{item.pk}/"), stored.file.name
        path = (settings.MEDIA_ROOT / stored.file.name).resolve()
        assert path.is_relative_to(settings.MEDIA_ROOT.resolve()) and path.exists()
        assert stored.file_name.endswith(".pdf") and stored.file_name.strip("."), stored.file_name
