"""Every reader, fed arbitrary bytes, returns a result or refuses; nothing else escapes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protokol.importers.errors import ImportRefused
from protokol.importers.parse import parse_bytes, parse_text
from protokol.importers.readers.docx import read_docx
from protokol.importers.readers.html import read_html
from protokol.importers.readers.pdf import read_pdf
from protokol.importers.readers.text import read_text

from .builders import havdrup_docx

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_DOCX = havdrup_docx()
_WORDS = st.sampled_from(
    ["Punkt 1:", "Punkt 2: Lukket:", "1.", "Sagsnr.:", "326-2016-968", "Beslutning", "Bilag", "Sagsforløb",
     "Udvalg:", "Dato:", "30-05-2016", "REFERAT", "Dagsorden", "Åbent", "Lukket", "Sagstype", "Resume", "**",
     "(B)", "\n", "\n\n", "\f", "\t3", ".....", "kl. 12:30", "Direktionens møde den 30. maj 2016:", "Nr.60 -",
     "Åben sag", "Indholdsfortegnelse", "Side 1 af 2", "\ufffe", "-", " "]
)  # fmt: skip


def _ok_or_refused(fn, data) -> None:
    try:
        fn(data)
    except ImportRefused as err:
        assert str(err)


@FUZZ
@given(st.binary(max_size=2000))
def test_text_reader(data: bytes) -> None:
    _ok_or_refused(read_text, data)


@FUZZ
@given(st.lists(_WORDS | st.text(max_size=12), max_size=80).map(" ".join))
def test_genre_parser_on_genre_like_text(text: str) -> None:
    _ok_or_refused(parse_text, text)


@FUZZ
@given(st.binary(max_size=2000))
def test_html_reader(data: bytes) -> None:
    _ok_or_refused(read_html, b"<html><body>" + data)


@FUZZ
@given(st.binary(max_size=1500))
def test_pdf_reader(data: bytes) -> None:
    _ok_or_refused(read_pdf, b"%PDF-1.4\n" + data)


@FUZZ
@given(st.integers(min_value=0, max_value=len(_DOCX) - 1), st.binary(min_size=1, max_size=64))
def test_docx_reader_on_damaged_package(offset: int, patch: bytes) -> None:
    _ok_or_refused(read_docx, _DOCX[:offset] + patch + _DOCX[offset + len(patch) :])


@FUZZ
@given(st.binary(max_size=3000))
def test_parse_bytes_any_format(data: bytes) -> None:
    _ok_or_refused(parse_bytes, data)
