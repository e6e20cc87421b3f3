"""The public edition, as PDF and HTML, shows a closed item's public fields and nothing else."""

import pytest

from protokol.rendering.html import render_html
from protokol.rendering.pdf import render_pdf
from protokol.rendering.tests.helpers import body_lines, pdf_pages, reference_doc


def _doc(**extra) -> dict:
    doc = reference_doc(organization="Kalundborg Kommune", **extra)
    doc["items"][5].update(
        title="Afsked af KANARIENAVN",
        public_title="Personalesag i direktionen",
        closed_reason={"category": "personal", "text": "Sagen angår en enkelt medarbejder."},
        sections=[{"heading": "Sagsfremstilling", "text": "KANARIETEKST"}],
        decisions=[
            {
                "body": "Direktionen",
                "date": "2016-05-30",
                "text": "KANARIEBESLUTNING",
                "outcome": "approved",
                "public_text": "Direktionen traf beslutning i sagen.",
            },
            {
                "body": "Økonomiudvalget",
                "date": "2016-05-23",
                "text": "KANARIEANBEFALING",
                "public_text_withheld": "Hensyn til medarbejderen.",
            },
        ],
    )
    return doc


@pytest.mark.parametrize("fmt", ["pdf", "html"])
def test_public_edition_of_a_closed_item(fmt):
    if fmt == "pdf":
        lines = body_lines(pdf_pages(render_pdf(_doc(edition="public"))))
        text = "\n".join(lines)
    else:
        text = render_html(_doc(edition="public"))
    assert "KANARIE" not in text
    for shown in (
        "Punkt 6: Lukket: Personalesag i direktionen",
        "Begrundelse for lukning: Personlige forhold",
        "Sagen angår en enkelt medarbejder.",
        "Direktionens møde den 30. maj 2016:",
        "Direktionen traf beslutning i sagen.",
        "Der kan ikke gives en offentlig beslutningstekst: Hensyn til medarbejderen.",
    ):
        assert shown in text.replace(
            "<strong>Begrundelse for lukning:</strong>", "Begrundelse for lukning:"
        ), shown


def test_internal_edition_keeps_the_closed_item_whole():
    html = render_html(_doc(edition="internal"))
    assert "Afsked af KANARIENAVN" in html and "KANARIEBESLUTNING" in html and "KANARIETEKST" in html
