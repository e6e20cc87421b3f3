import copy
import os
import re
import subprocess
import tempfile

import pypdfium2
import pytest

from protokol.common.testing import pdf_problems
from protokol.rendering import decision_heading
from protokol.rendering import pdf as pdf_module
from protokol.rendering.pdf import render_pdf
from protokol.rendering.tests.helpers import (
    assert_in_order,
    body_lines,
    long_doc,
    normalize,
    pdf_pages,
    reference_doc,
)

CANARIES = [
    "KANARIECASE",
    "KANARIEJNR",
    "KANARIEDOK",
    "KANARIETYPE",
    "KANARIEROUTE",
    "KANARIEHEAD",
    "KANARIETEXT",
    "KANARIEBILAG",
    "KANARIEBILAGNR",
    "KANARIEBODY",
    "KANARIEDECISION",
    "KANARIEOUTCOME",
    "KANARIEOPENBUT",
]


def canary_doc(**extra: object) -> dict:
    """The reference, with item 6 (closed) full of canary words, and a closed attachment on item 1."""
    doc = reference_doc(organization="Kalundborg Kommune", **extra)
    doc["items"][5].update(
        case_number="KANARIECASE",
        journal_number="KANARIEJNR",
        document_number="KANARIEDOK",
        case_type="KANARIETYPE",
        route=["KANARIEROUTE"],
        sections=[{"heading": "KANARIEHEAD", "text": "Tekst KANARIETEXT.\n\nMere."}],
        attachments=[{"title": "KANARIEBILAG", "document_number": "KANARIEBILAGNR"}],
        decisions=[
            {
                "body": "KANARIEBODY",
                "date": "2016-05-30",
                "text": "KANARIEDECISION",
                "outcome": "KANARIEOUTCOME",
            }
        ],
    )
    doc["items"][0]["attachments"].append(
        {"title": "Fortroligt KANARIEOPENBUT", "document_number": "KANARIEOPENBUT", "public": False}
    )
    return doc


@pytest.fixture(scope="module")
def reference_pdf() -> bytes:
    return render_pdf(reference_doc(edition="internal", organization="Kalundborg Kommune"))


def _expected_sequence(item: dict, *, body: str) -> list[str]:
    """What an item must show, in order (the order the importer reads it in)."""
    title = item["title"] if item["public"] else f"Lukket: {item['title']}"
    seq = [f"Punkt {item['number']}: {title}", "Åbent" if item["public"] else "Lukket"]
    case = [
        f"{label} {item[key]}"
        for label, key in (
            ("Sagsnr.:", "case_number"),
            ("J.nr.:", "journal_number"),
            ("Dokumentnr.:", "document_number"),
        )
        if item.get(key)
    ]
    if case:
        seq.append(" ".join(case))
    if item.get("case_type"):
        seq += ["Sagstype", item["case_type"]]
    for section in item["sections"]:
        seq += [section["heading"], section["text"]]
    if item["attachments"]:
        seq.append("Bilag")
        for a in item["attachments"]:
            seq += [a["title"], a["document_number"]]
    for d in item["decisions"]:
        seq += [f"{'Direktionens' if d['body'] == body else d['body']} møde den 30. maj 2016:", d["text"]]
    return seq


def test_round_trip_text_in_reading_order(reference_pdf):
    doc = reference_doc()
    text = "\n".join(body_lines(pdf_pages(reference_pdf)))
    front = ["REFERAT Direktionen 30. maj 2016", "Mødedato Mandag d. 30. maj 2016 kl. 12:30"]
    front += ["Mødested Holbækvej 141 B, Mødelokale 9", "Indholdsfortegnelse"]
    sequence = front + [part for item in doc["items"] for part in _expected_sequence(item, body=doc["body"])]
    assert_in_order(text, sequence)


def test_structural_lines_stand_on_their_own(reference_pdf):
    """The lines the importer keys on are whole lines, not run into the text around them."""
    lines = body_lines(pdf_pages(reference_pdf))
    for line in [
        "Åbent",
        "Lukket",
        "Sagstype",
        "Bilag",
        "Indholdsfortegnelse",
    ]:
        assert line in lines
    assert "Sagsnr.: 326-2016-968 J.nr.: 00.01.00 Dokumentnr.: 326-2016-186692" in lines
    assert lines.count("Direktionens møde den 30. maj 2016:") == 6
    for heading in ["Resume og sagens baggrund", "Indstillinger", "Behandling", "Økonomiske konsekvenser"]:
        assert heading in lines
    headings = [line for line in lines if re.match(r"Punkt \d+: ", line)]
    assert [h.split(":")[0] for h in headings] == [f"Punkt {n}" for n in range(1, 8)]
    # Each item starts on a page of its own, as in the reference.
    assert lines.index("Punkt 7: Eventuelt") == lines.index("Åbent", lines.index("Punkt 7: Eventuelt")) - 1


def test_front_page_without_running_header_and_with_footer(reference_pdf):
    pages = pdf_pages(reference_pdf)
    assert pages[0][0] == "Kalundborg Kommune"
    assert pages[0][-1] == f"Side 1 af {len(pages)}"
    for number, page in enumerate(pages[1:], start=2):
        assert page[0] == "Direktionen – intern udgave Referat 30. maj 2016"
        assert page[-1] == f"Side {number} af {len(pages)}"


def _toc(pages: list[list[str]]) -> list[tuple[str, int]]:
    """The contents entries (title, page) from the pages from "Indholdsfortegnelse" up to the first item."""
    entries, pending = [], ""
    in_toc = False
    for page in pages:
        for line in page[1:]:
            if line == "Indholdsfortegnelse":
                in_toc = True
                continue
            if not in_toc or line.startswith("Side "):
                continue
            if line.startswith("Punkt "):
                return entries
            pending = f"{pending} {line}".strip()
            match = re.fullmatch(r"(.*?)\s*\.{3,}\s*(\d+)", pending)
            if match:
                entries.append((match[1], int(match[2])))
                pending = ""
    return entries


@pytest.mark.parametrize("which", ["reference", "long"])
def test_contents_page_numbers_are_right(which, reference_pdf):
    doc = (
        reference_doc(edition="internal") if which == "reference" else long_doc(30) | {"edition": "internal"}
    )
    pdf = reference_pdf if which == "reference" else render_pdf(doc)
    pages = pdf_pages(pdf)
    entries = _toc(pages)
    assert len(entries) == len(doc["items"])
    for item, (title, page) in zip(doc["items"], entries, strict=True):
        expected = item["title"] if item["public"] else f"Lukket: {item['title']}"
        assert normalize(title) == normalize(expected)
        # The heading starts on the named page (its first line; long headings wrap).
        assert any(line.startswith(f"Punkt {item['number']}: ") for line in pages[page - 1]), (title, page)
    if which == "long":
        assert len(pages) >= 50
        assert entries[-1][1] > 40


def test_reference_contents_match_the_reference_layout(reference_pdf):
    entries = _toc(pdf_pages(reference_pdf))
    assert [t for t, _ in entries][
        5
    ] == "Lukket: Opfølgning på direktionsseminar - temadrøftelse om Direktionens rolle"
    assert [p for _, p in entries] == sorted(p for _, p in entries)


def test_public_edition_shows_only_the_public_fields_of_closed_items():
    pdf = render_pdf(canary_doc(edition="public"))
    pages = pdf_pages(pdf)
    text = "\n".join("\n".join(page) for page in pages)
    for canary in CANARIES:
        assert canary not in text
    assert "Fortroligt" not in text  # the non-public attachment of an open item
    lines = body_lines(pages)
    # Without a neutral title in the document the public reads "Lukket punkt"; then the marker, nothing more.
    at = next(i for i, line in enumerate(lines) if line.startswith("Punkt 6: "))
    assert lines[at : at + 2] == ["Punkt 6: Lukket punkt", "Lukket"]
    assert lines[at + 2].startswith("Punkt 7: ")
    # The PDF's metadata and bookmarks leak nothing either.
    document = pypdfium2.PdfDocument(pdf)
    meta = " ".join(str(v) for v in document.get_metadata_dict().values())
    bookmarks = " ".join(b.get_title() for b in document.get_toc())
    document.close()
    for canary in CANARIES:
        assert canary not in meta and canary not in bookmarks and canary.encode() not in pdf


def test_without_edition_the_public_one_is_rendered():
    text = "\n".join(body_lines(pdf_pages(render_pdf(canary_doc()))))
    assert "KANARIETEXT" not in text and "KANARIEOPENBUT" not in text


def test_internal_edition_shows_closed_items_marked():
    lines = body_lines(pdf_pages(render_pdf(canary_doc(edition="internal"))))
    text = "\n".join(lines)
    for canary in [
        "KANARIECASE",
        "KANARIETYPE",
        "KANARIEHEAD",
        "KANARIETEXT",
        "KANARIEBILAG",
        "KANARIEOPENBUT",
    ]:
        assert canary in text
    assert "KANARIEBODYs møde den 30. maj 2016:" in lines
    assert not any("KANARIEOUTCOME" in line for line in lines)
    at = next(i for i, line in enumerate(lines) if line.startswith("Punkt 6: "))
    # The marker stands alone: an extra notice line would be read back as the closed item's content.
    assert lines[at + 2] == "Lukket"
    assert lines[at + 3].startswith("Sagsnr.:")


def test_agenda_leaves_out_this_meetings_decisions_but_keeps_earlier_ones():
    doc = reference_doc(kind="agenda", edition="internal")
    doc["items"][0]["decisions"].insert(
        0, {"body": "Økonomiudvalget", "date": "2016-05-02", "text": "Tidligere."}
    )
    lines = body_lines(pdf_pages(render_pdf(doc)))
    assert lines[0] == "DAGSORDEN Direktionen 30. maj 2016"
    assert "Direktionens møde den 30. maj 2016:" not in lines
    assert "Økonomiudvalgets møde den 2. maj 2016:" in lines


def test_participants_absent_and_end_time():
    doc = reference_doc(
        participants=["Lars Hansen", "Mette Jensen"], absent=["Ole Holm"], end="2016-05-30T14:15:00"
    )
    lines = pdf_pages(render_pdf(doc))[0]
    assert "Mødedato Mandag d. 30. maj 2016 kl. 12:30 – 14:15" in lines
    assert "Til stede: Lars Hansen, Mette Jensen" in lines
    assert "Fraværende: Ole Holm" in lines


def test_attendance_with_parties_afbud_deputy_and_guest():
    doc = reference_doc(
        participants=[
            {"name": "Lars Hansen", "party": "A", "role": "formand", "present": True},
            {"name": "Ole Holm", "party": "V", "role": "medlem", "present": False},
            {"name": "Per Poulsen", "party": "C", "role": "medlem", "present": False, "excused": False},
            {
                "name": "Eva Ek",
                "party": "V",
                "role": "stedfortraeder",
                "present": True,
                "substitute_for": "Ole Holm",
            },
            {"name": "Kim Krog", "role": "Kommunaldirektør", "present": True, "voting": False},
        ]
    )
    lines = pdf_pages(render_pdf(doc))[0]
    assert "Til stede: Lars Hansen (A), formand, Eva Ek (V)" in lines
    assert "Fraværende: Ole Holm (V) (afbud), Per Poulsen (C) (uden afbud)" in lines
    assert "Stedfortræder: Eva Ek (V) for Ole Holm (V)" in lines
    assert "Desuden deltog: Kim Krog, Kommunaldirektør" in lines


def test_pdf_is_archival_tagged_and_danish(reference_pdf):
    pdf = reference_pdf
    assert pdf.startswith(b"%PDF-")
    assert re.search(rb"<pdfaid:part>2</pdfaid:part>", pdf) or re.search(rb'pdfaid:part="2"', pdf)
    assert re.search(rb"<pdfaid:conformance>A</pdfaid:conformance>", pdf) or re.search(
        rb'pdfaid:conformance="A"', pdf
    )
    assert re.search(rb"<pdfuaid:part>1</pdfuaid:part>", pdf) or re.search(rb'pdfuaid:part="1"', pdf)
    assert b"/StructTreeRoot" in pdf
    assert re.search(rb"/MarkInfo\s*<<\s*/Marked\s+true", pdf)
    lang = re.search(rb"/Lang\s*\(([^)]*)\)", pdf)
    assert lang and lang[1].split(b"-")[0] == b"da"
    document = pypdfium2.PdfDocument(pdf)
    meta = document.get_metadata_dict()
    assert meta["Title"] == "Referat – Direktionen – 30. maj 2016 (intern udgave)"
    assert meta["Author"] == "Kalundborg Kommune"
    assert [b.get_title() for b in document.get_toc()][0] == "Punkt 1: Opfølgning på styringstemaet"
    document.close()


def test_paragraphs_and_line_breaks():
    doc = reference_doc(edition="internal")
    doc["items"][0]["sections"] = [
        {"heading": "Sagsfremstilling", "text": "Første linje\nanden linje\n\nNyt afsnit"}
    ]
    lines = body_lines(pdf_pages(render_pdf(doc)))
    at = lines.index("Sagsfremstilling")
    assert lines[at + 1 : at + 4] == ["Første linje", "anden linje", "Nyt afsnit"]


def test_decision_heading_genitive():
    from datetime import date

    assert decision_heading("Direktionen", date(2016, 5, 30)) == "Direktionens møde den 30. maj 2016:"
    assert decision_heading("Aarhus Byråd", date(2025, 8, 27)) == "Aarhus Byråds møde den 27. august 2025:"
    assert decision_heading("Magistratens Udvalg for Teknik og Miljøs", None) == (
        "Magistratens Udvalg for Teknik og Miljøs' møde:"
    )


def test_names_in_other_scripts_print_as_written():
    """A twin city's or a citizen's name in Chinese, Arabic, Greek or Cyrillic prints, not as U+FFFD."""
    doc = reference_doc(edition="internal")
    doc["items"][0]["title"] = "Venskabsby 中国 Αθήνα Москва"
    doc["items"][0]["sections"] = [{"heading": "Ansøger", "text": "محمد علي"}]
    lines = body_lines(pdf_pages(render_pdf(doc)))
    heading = next(line for line in lines if line.startswith("Punkt 1: "))
    assert heading == "Punkt 1: Venskabsby 中国 Αθήνα Москва"
    assert lines[lines.index("Ansøger") + 1] == "محمد علي"
    assert "\ufffd" not in "\n".join(lines)


def test_undisplayable_characters_do_not_break_the_pdf():
    """What no font of the project has (Linear B, a lone surrogate, a control character)
    never stops the PDF: it prints as U+FFFD or a space."""
    doc = reference_doc(edition="internal")
    doc["items"][0]["title"] = "Venskabsby 中国 \x00 \ud800 \U00010000 ✓"
    lines = body_lines(pdf_pages(render_pdf(doc)))
    heading = next(line for line in lines if line.startswith("Punkt 1: "))
    assert heading.startswith("Punkt 1: Venskabsby 中国 ")
    assert "\U00010000" not in heading and "\ufffd" in heading


def _font_files() -> set[str]:
    return {f.path for f in pdf_module.fonts().fonts() if f.path}


def test_only_the_projects_fonts_are_used():
    """The compiler knows the font files the project links to and nothing else: no system font, none of
    those built into Typst; and the PDF embeds only those families."""
    links = {str(link.resolve()) for link in pdf_module.FONT_DIR.iterdir()}
    assert {os.path.realpath(p) for p in _font_files()} == links
    families = set(pdf_module.fonts().families())
    assert "Libertinus Serif" not in families and "DejaVu Serif" not in families
    doc = reference_doc(edition="internal")
    doc["items"][0]["title"] = "Venskabsby 中国 محمد"
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(render_pdf(doc))
        f.flush()
        listing = subprocess.run(["pdffonts", f.name], capture_output=True, text=True, check=True).stdout
    embedded = {line.split()[0].split("+", 1)[1] for line in listing.splitlines()[2:]}
    # DejaVu Sans has Arabic letters itself; Chinese comes from Noto Sans CJK.
    assert embedded == {
        "DejaVuSans",
        "DejaVuSans-Bold",
        "NotoSansCJKsc-Regular-Identity-H",
        "NotoSansCJKsc-Bold-Identity-H",
    }
    # Embedded, as a subset, with a Unicode map (the columns emb, sub, uni).
    assert all(" yes yes yes " in line for line in listing.splitlines()[2:])


def test_the_same_document_gives_the_same_bytes():
    """No clock and no random identifier in the PDF: the creation date is the meeting's day."""
    doc = reference_doc(edition="internal", organization="Kalundborg Kommune")
    first, second = render_pdf(doc), render_pdf(copy.deepcopy(doc))
    assert first == second
    document = pypdfium2.PdfDocument(first)
    assert document.get_metadata_dict()["CreationDate"].startswith("D:20160530000000")
    document.close()


def test_rendered_pdfs_pass_qpdf_and_pdfinfo(reference_pdf):
    """No error and no warning from either validator (the conftest checks every PDF of the suite too)."""
    assert pdf_problems(reference_pdf) == []
    assert pdf_problems(render_pdf(long_doc(30))) == []
    # The validators do find a fault: a file cut short.
    assert pdf_problems(reference_pdf[: len(reference_pdf) // 2])


def test_empty_document_renders():
    doc = {
        "schema": "protokol/meeting@1",
        "body": None,
        "kind": "agenda",
        "start": None,
        "location": None,
        "items": [],
    }
    pages = pdf_pages(render_pdf(doc))
    assert pages[0][0] == "DAGSORDEN"
