"""The readers' layout work: encodings, page furniture, PDF hyphens and gaps, HTML noise."""

from __future__ import annotations

from datetime import date, time

import pytest

from protokol.importers.dates import find_date, find_time
from protokol.importers.readers import read_file, sniff
from protokol.importers.readers.html import read_html
from protokol.importers.readers.text import decode, read_text

from .scoring import CORPUS

PDF = CORPUS / "aarhus_byraadet_2025-08-27.pdf"
ATTACHMENT = CORPUS / "attachments" / "aarhus_sager_paa_vej_2025.pdf"


@pytest.mark.parametrize(
    ("text", "day", "clock"),
    [
        ("Mandag d. 30. maj 2016 kl. 12:30", date(2016, 5, 30), time(12, 30)),
        ("Mødedato: 23.08.2017, kl. 11:00", date(2017, 8, 23), time(11, 0)),
        ("Tirsdag, December 5, 2017 - 08:15", date(2017, 12, 5), time(8, 15)),
        ("STARTTIDSPUNKT 29-06-2016 17:30:00", date(2016, 6, 29), time(17, 30)),
        ("Den 09.01.2020 kl. 13:00 i Tapperiet", date(2020, 1, 9), time(13, 0)),
        ("onsdag den 1. oktober 2025 kl. 15.45", date(2025, 10, 1), time(15, 45)),
    ],
)
def test_dates_and_times(text: str, day: date, clock: time) -> None:
    assert find_date(text)[0] == day
    assert find_time(text) == clock


def test_case_numbers_are_not_dates() -> None:
    assert find_date("Sagsnr.: 326-2016-968") is None
    assert find_date("Dok. 306-2019-263412") is None


def test_decode_tries_utf8_then_cp1252() -> None:
    assert decode("Mødested".encode()) == "Mødested"
    assert decode("Mødested".encode("cp1252")) == "Mødested"
    assert decode(b"\xef\xbb\xbfM\xc3\xb8de") == "Møde"
    assert decode("– “citat”".encode("cp1252")) == "– “citat”"


def test_text_reader_keeps_bold_over_wrapped_lines_and_drops_markers() -> None:
    lines = read_text(b"**Punkt 6: Lukket: Et langt\nemne**\n\nSagsnr.: 1 **\xc3\x85bent**\n")
    assert [ln.text for ln in lines] == ["Punkt 6: Lukket: Et langt", "emne", "Sagsnr.: 1 Åbent"]
    assert lines[0].bold and lines[1].bold and not lines[1].para and not lines[2].bold


def test_text_reader_drops_page_furniture_of_pdftotext_output() -> None:
    words = ["Budgettet", "Anlægget", "Skolen", "Vejen", "Planen", "Puljen", "Hallen", "Havnen", "Parken"]
    pages, expected = [], []
    for n in (1, 2, 3):
        body = [f"{words[3 * (n - 1) + k]} er omtalt i afsnit {k}." for k in range(3)]
        expected += body
        pages.append("Referat Økonomiudvalget 12.03.2019\n\n" + "\n\n".join(body) + f"\n\nSide {n} af 3\n")
    lines = [ln.text for ln in read_text("\f".join(pages).encode())]
    assert lines == expected


def test_sniff_by_content() -> None:
    assert sniff(b"%PDF-1.7 ...") == "pdf"
    assert sniff(b"\xef\xbb\xbf<!DOCTYPE html><html><body>") == "html"
    assert sniff(b"  <div><p>Referat</p></div>") == "html"
    assert sniff(b"REFERAT <b>ikke html</b>") == "text"


def test_html_drops_interface_text_scripts_and_banners() -> None:
    html = (
        "<html><body><div class='cookie-banner'>Vi bruger cookies</div><nav>Forside</nav>"
        "<script>var x = 'Lukket punkt';</script><h1>Referat</h1><p>Tekst&nbsp;her</p>"
        "<a href='#'>Til toppen</a><button>Kopier link</button><p><a>Hent som PDF</a></p>"
        "<footer>Kommune</footer></body></html>"
    )
    assert [ln.text for ln in read_html(html.encode())] == ["Referat", "Tekst her"]


def test_html_empty_heading_marks_a_new_field() -> None:
    html = b"<h3>Beslutninger</h3><span><div>Godkendt.</div></span><h3></h3><span><div>Resume.</div></span>"
    lines = read_html(html)
    assert [(ln.text, ln.brk) for ln in lines] == [
        ("Beslutninger", False),
        ("Godkendt.", True),
        ("Resume.", True),
    ]


@pytest.mark.skipif(not PDF.is_file(), reason="corpus absent")
def test_pdf_line_end_hyphens_are_kept_and_joined() -> None:
    texts = [ln.text for ln in read_file(PDF)]
    joined = "\n".join(texts)
    assert "\ufffe" not in joined
    assert "dobbelt så mange p-pladser i p-huse, som" in joined
    assert any("ny 2030-fremskrivning" in t for t in texts if t.startswith("Punkt 7:"))


@pytest.mark.skipif(not PDF.is_file(), reason="corpus absent")
def test_pdf_gap_before_unheaded_intro_is_a_field_break() -> None:
    lines = read_file(PDF)
    i = next(i for i, ln in enumerate(lines) if ln.text.startswith("Punkt 2:"))
    decision, intro = lines[i + 3], lines[i + 4]
    assert decision.text.startswith("Fremsendes til Teknisk Udvalg") and not lines[i + 3].bold
    assert intro.text == "BESLUTNINGSFORSLAG FRA DD" and intro.brk
    assert lines[i].level > 0 and lines[i].bold  # the item heading: larger and bold


@pytest.mark.skipif(not ATTACHMENT.is_file(), reason="corpus absent")
def test_pdf_running_header_and_page_numbers_are_dropped() -> None:
    texts = [ln.text for ln in read_file(ATTACHMENT)]
    assert not any(t.startswith("Side ") and " af 4" in t for t in texts)
    assert not any("Sager pa vej" in t for t in texts)
    assert "Fremsendte sager 2025" in texts
