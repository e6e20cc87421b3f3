"""The organisation's identity: its name (not "protokol") in the header, the page titles, the Atom feeds and
the PDFs; its logo and accent colour where it has them."""

import re
import struct
import subprocess
import tempfile
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from protokol.common.users import system_user
from protokol.meetings import services
from protokol.meetings.tests import factories
from protokol.rendering.documents import render_meeting
from protokol.rendering.tests.helpers import pdf_pages

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def png(width: int = 4, height: int = 2, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A small PNG made here (no image library needed)."""
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def fjordby():
    org = factories.organization("Fjordby Kommune")
    body = factories.body("Økonomiudvalget", org=org)
    meeting = factories.meeting(body)
    factories.item(meeting, "Budget 2027")
    services.publish_agenda(meeting, by=system_user())
    return org, meeting


def test_header_titles_and_feeds_name_the_organization(client, fjordby):
    org, meeting = fjordby
    home = client.get("/").content.decode()
    assert '<a class="brand" href="/">Fjordby Kommune</a>' in home
    assert ">protokol<" not in home
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    title = page.split("<title>")[1].split("</title>")[0]
    assert title.endswith("· Fjordby Kommune") and "protokol" not in title
    feed = ET.fromstring(client.get(f"/bodies/{meeting.body.slug}/feed/").content)
    assert feed.findtext(f"{ATOM}title") == "Fjordby Kommune – Økonomiudvalget: dagsordener og referater"
    search = ET.fromstring(client.get("/search/feed/?q=budget").content)
    assert search.findtext(f"{ATOM}title") == "Fjordby Kommune – søgning: budget"
    communication = ET.fromstring(client.get("/communication/feed/").content)
    assert communication.findtext(f"{ATOM}title") == "Fjordby Kommune: formidlede beslutninger"


def test_with_several_organizations_the_setting_names_the_sites(client, fjordby, settings):
    factories.organization("Vestby Kommune")
    assert '<a class="brand" href="/">protokol</a>' in client.get("/").content.decode()
    settings.PROTOKOL_ORGANIZATION = "vestby-kommune"
    assert '<a class="brand" href="/">Vestby Kommune</a>' in client.get("/").content.decode()


def test_logo_and_accent_colour_on_the_portal(client, fjordby):
    org, _ = fjordby
    assert client.get("/organization/logo").status_code == 404
    assert client.get("/organization/style.css").content == b""
    org.logo.save("logo.png", ContentFile(png()))
    org.accent_color = "#8a1538"
    org.full_clean()
    org.save()
    home = client.get("/").content.decode()
    assert '<img src="/organization/logo" alt="" height="32"> Fjordby Kommune</a>' in home
    assert '<link rel="stylesheet" href="/organization/style.css">' in home
    logo = client.get("/organization/logo")
    assert logo["Content-Type"] == "image/png" and logo.content == png()
    assert client.get("/organization/style.css").content.decode() == ":root { --accent: #8a1538; }\n"


def test_logo_and_colour_are_checked():
    from django.core.exceptions import ValidationError

    org = factories.organization("Fjordby Kommune")
    org.accent_color = "red; background: url(x)"
    with pytest.raises(ValidationError, match="#rrggbb"):
        org.full_clean()
    org.accent_color = ""
    org.logo.save("logo.svg", ContentFile(b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>"))
    with pytest.raises(ValidationError, match="PNG- eller JPEG"):
        org.full_clean()


def test_pdf_shows_the_organizations_name_logo_and_colour(fjordby):
    org, meeting = fjordby
    org.logo.save("logo.png", ContentFile(png()))
    org.accent_color = "#8a1538"
    org.save()
    pdf = render_meeting(meeting, edition="public", fmt="pdf", kind="agenda")
    assert pdf_pages(pdf)[0][0] == "Fjordby Kommune"
    assert b"/Subtype /Image" in pdf or b"/Subtype/Image" in pdf
    # The cover line in the organisation's colour (#8a1538: 138/255, 21/255, 56/255), in the content
    # streams as qpdf uncompresses them.
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "in.pdf").write_bytes(pdf)
        subprocess.run(
            ["qpdf", "--qdf", "--object-streams=disable", "in.pdf", "out.pdf"], cwd=tmp, check=True
        )
        content = (Path(tmp) / "out.pdf").read_bytes()
    assert re.search(rb"0\.541176\d* 0\.082352\d* 0\.219607\d* scn", content)
