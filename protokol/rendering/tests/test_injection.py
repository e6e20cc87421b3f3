"""Text is data: markup of Typst or HTML in any field prints literally and runs nothing."""

import html

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protokol.rendering.html import render_html
from protokol.rendering.pdf import render_pdf
from protokol.rendering.tests.helpers import body_lines, normalize, pdf_pages

NASTY = [
    "#set text(size: 100pt)",
    '#set page(fill: red) #pagebreak() #panic("boom")',
    '#import "/etc/passwd" #read("/etc/passwd")',
    "*fed* _kursiv_ `kode` ```raw```",
    "$x^2 + y_1$ og $$",
    '@ref <label> #label("x")',
    "<script>alert(1)</script>",
    "&amp; &lt;b&gt; &#x27; &#0;",
    "[a] [b](http://x) \\[c\\] \\\\ \\n",
    "// ikke en kommentar /* heller ikke */",
    "= Ikke en overskrift\n- ikke en liste\n+ ikke nummereret\n/ term: ikke",
    "{{ template }} {% tag %} {# comment #}",
    "}) ] ) \" ' \\",
    'x"; } #let a = 1; #{ "',
    "<img src=x onerror=alert(1)>",
    "100 % og 50 kr. – “citat” ‘enkelt’ «fransk» ~ ^ | ½",
]

FIELDS = [
    "title",
    "section heading",
    "section text",
    "decision text",
    "attachment title",
    "attachment number",
]


def _doc(text: str) -> dict:
    return {
        "schema": "protokol/meeting@1",
        "body": "Direktionen",
        "kind": "minutes",
        "start": "2016-05-30T12:30:00",
        "location": text,
        "edition": "internal",
        "participants": [text],
        "items": [
            {
                "number": 1,
                "title": text,
                "public": True,
                "case_number": "326-2016-968",
                "journal_number": None,
                "document_number": None,
                "case_type": "Beslutning",
                "route": [],
                "sections": [{"heading": text, "text": text}],
                "attachments": [{"title": text, "document_number": text}],
                "decisions": [{"body": "Direktionen", "date": "2016-05-30", "text": text}],
            }
        ],
    }


def _squash(text: str) -> str:
    # Compare without whitespace: where a PDF line wraps inside a long word is not the point here.
    return "".join(text.split())


def _check_pdf(text: str) -> None:
    lines = body_lines(pdf_pages(render_pdf(_doc(text))))
    extracted = _squash("".join(lines))
    expected = _squash(text)
    # title, section heading, section text, attachment title + number, decision text, and
    # on the front page Mødested and Deltagere: 8 times, each literally.
    assert extracted.count(expected) >= 8, (text, lines)
    assert "Åbent" in lines and any(line.startswith("Punkt 1: ") for line in lines)


def _check_html(text: str) -> None:
    page = render_html(_doc(text))
    one_line = " ".join(text.split())
    assert html.escape(one_line) in page
    tree = lxml.html.fromstring(page)
    assert not tree.xpath("//script | //img | //*[@onerror]")
    assert [normalize(h.text_content()) for h in tree.xpath("//article/h2")] == [f"Punkt 1: {one_line}"]
    assert normalize(tree.xpath("//article//section[2]/h3")[0].text_content()) == one_line
    decision = tree.xpath("//article//section[@class='decision']")[0]
    assert normalize(" ".join(p.text_content() for p in decision.xpath("./p"))) == one_line
    assert normalize(tree.xpath("//article//li")[0].text_content()) == f"{one_line} ({one_line})"


@pytest.mark.parametrize("text", NASTY)
def test_fixed_cases_print_literally_in_pdf(text):
    _check_pdf(text)


@pytest.mark.parametrize("text", NASTY)
def test_fixed_cases_are_escaped_in_html(text):
    _check_html(text)


def test_typst_size_command_has_no_effect():
    """If "#set text(size: 100pt)" were evaluated, the heading would not fit; it prints at body size."""
    import pypdfium2

    pdf = render_pdf(_doc("#set text(size: 100pt)"))
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[2]
        textpage = page.get_textpage()
        sizes = {
            round(pypdfium2.raw.FPDFText_GetFontSize(textpage, i)) for i in range(textpage.count_chars())
        }
        assert max(sizes) < 20
    finally:
        document.close()


_ALPHABET = st.sampled_from(
    list("#*_$@<>[]\\`{}()=/+-~^&;\"'%!?.,:|") + list("abcxyzæøåÆØÅ0123") + [" ", " ", "\n"]
)
_MARKUPISH = st.text(alphabet=_ALPHABET, min_size=1, max_size=60).filter(lambda s: s.strip())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MARKUPISH)
def test_any_markup_prints_literally_in_pdf(text):
    _check_pdf(text)


@settings(max_examples=150, deadline=None)
@given(_MARKUPISH)
def test_any_markup_is_escaped_in_html(text):
    _check_html(text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=40))
def test_any_unicode_renders(text):
    """Control characters, surrogates, scripts without a font: never an exception."""
    assert render_pdf(_doc(text)).startswith(b"%PDF-")
    assert render_html(_doc(text)).startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x85", "\ufeff", "\ufffe", "\U0010ffff", "\ud800", "\r"])
def test_codepoints_pdfa_forbids_are_dropped(char):
    """PDF/A refuses NUL and its kin in a document's text (hypothesis found NUL); they show nothing,
    so they are dropped and the text around them prints."""
    lines = body_lines(pdf_pages(render_pdf(_doc(f"Før{char}efter"))))
    assert "Punkt 1: Førefter" in lines or "Punkt 1: Før efter" in lines, lines
