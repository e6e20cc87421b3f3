"""Small documents for layout variants the corpus does not show, one feature each."""

from __future__ import annotations

import pytest

from protokol.importers.lines import Line
from protokol.importers.parse import parse_bytes, parse_lines, parse_text
from protokol.importers.readers.docx import read_docx
from protokol.importers.readers.html import read_html
from protokol.importers.readers.pdf import read_pdf

from .builders import facts_table_pdf
from .docx_builders import _bold, _save

HEAD = "REFERAT\n\nØkonomiudvalget\n\nMødedato: 01.10.2018, kl. 16:00\nMødested: Rådhuset\n\n"


def _items(body: str, head: str = HEAD) -> list[dict]:
    return parse_text(head + body)["items"]


def test_access_marks() -> None:
    items = _items(
        "Punkt 1: Et\nÅBENT\n\nPunkt 2: To\nLukket punkt\n\nPunkt 3: Lukket sag: Tre\n\nPunkt 4: Fire (Lukket)\n\n"
        "Punkt 5: Fem\nSagsnr.: 16/3842 Åben\n"
    )
    assert [(i["title"], i["public"]) for i in items] == [
        ("Et", True), ("To", False), ("Tre", False), ("Fire", False), ("Fem", True)
    ]  # fmt: skip
    assert items[4]["case_number"] == "16/3842"


def test_decision_headings_with_body_and_date() -> None:
    items = _items(
        "Punkt 1: Et\n\nBeslutning i Økonomiudvalget den 1. oktober 2018:\nGodkendt.\n\n"
        "Punkt 2: To\n\nBeslutning i Byrådet den 29-06-2016\nVedtaget.\n\nBeslutninger\nAnbefales.\n"
    )
    assert items[0]["decisions"] == [{"body": "Økonomiudvalget", "date": "2018-10-01", "text": "Godkendt."}]
    assert {(d["body"], d["date"]) for d in items[1]["decisions"]} == {
        ("Byrådet", "2016-06-29"), ("Økonomiudvalget", "2018-10-01")
    }  # fmt: skip
    assert items[1]["route"] == ["Byrådet", "Økonomiudvalget"]


def test_case_type_forms_and_empty_journal_number() -> None:
    items = _items(
        "Punkt 1: Et\nSagsnr.: 326-2016-968 J.nr.: Dokumentnr.: 326-2016-1\n\nSagstype\n\nDrøftelse.\n\n"
        "Punkt 2: To\n\nSagstype: Orientering.\n\nPunkt 3: Tre\n\nSagsgang og sagstype: ØU, BY, Beslutningssag\n"
    )
    assert (items[0]["case_number"], items[0]["journal_number"], items[0]["document_number"]) == (
        "326-2016-968", None, "326-2016-1"
    )  # fmt: skip
    assert [i["case_type"] for i in items] == ["Drøftelse", "Orientering", "Beslutning"]
    assert items[2]["route"] == ["ØU", "BY"]


def test_table_of_contents_with_items_repeated() -> None:
    items = _items(
        "Indhold\n1. Godkendelse af dagsorden 2\n2. Budget 3\n\n"
        "1. Godkendelse af dagsorden\nSagsnr.: 18/1\n\nBeslutning\nGodkendt.\n\n"
        "2. Budget\nSagsnr.: 18/2\n\nBeslutning\nAnbefales.\n"
    )
    assert [(i["number"], i["title"], i["case_number"]) for i in items] == [
        (1, "Godkendelse af dagsorden", "18/1"), (2, "Budget", "18/2")
    ]  # fmt: skip


def test_numbered_lists_inside_items_are_not_items() -> None:
    items = _items(
        "1. Godkendelse af dagsorden\nSagsnr.: 18/1\n\nSagsfremstilling\nTo forhold:\n"
        "1. Udgifterne stiger.\n2. Indtægterne falder.\n\nBeslutning\nGodkendt.\n\n"
        "2. Eventuelt\nSagsnr.: 18/2\n"
    )
    assert [i["number"] for i in items] == [1, 2]
    assert "Indtægterne falder" in items[0]["sections"][0]["text"]


def test_sagsforloeb_with_committee_steps() -> None:
    items = _items(
        "Punkt 1: Et\n\nSagsforløb\nUdvalg: Magistraten\nDato: 02-09-2025\nPunktnummer: 12\nAnbefales.\n"
        "Udvalg: Økonomiudvalget\nDato: 10-09-2025\nPunktnummer: 3\nGodkendt.\n\nBeslutning\nVedtaget.\n"
    )
    assert items[0]["route"] == ["Magistraten", "Økonomiudvalget"]
    assert [(d["body"], d["date"], d["text"]) for d in items[0]["decisions"]] == [
        ("Magistraten", "2025-09-02", "Anbefales."),
        ("Økonomiudvalget", "2025-09-10", "Godkendt."),
        ("Økonomiudvalget", "2018-10-01", "Vedtaget."),
    ]


def test_header_variants() -> None:
    r = parse_text("Beslutninger fra mødet\nKlima- og Miljøudvalget\nDato: 05.12.2017\nTidspunkt: 15.45\n"
                   "Lokale: 1.12\n\nPkt. 188 Eventuelt\n")  # fmt: skip
    assert (r["kind"], r["body"], r["start"], r["location"]) == (
        "minutes", "Klima- og Miljøudvalget", "2017-12-05T15:45:00", "1.12"
    )  # fmt: skip
    r = parse_text("Dagsorden\n\nSocialudvalget\n\nDen 09.01.2020 i Tapperiet\n\nSag nr. 130\nEventuelt\n")
    assert (r["kind"], r["body"], r["start"], r["location"]) == (
        "agenda",
        "Socialudvalget",
        "2020-01-09",
        None,
    )
    assert [(i["number"], i["title"]) for i in r["items"]] == [(130, "Eventuelt")]


def test_inline_headings_and_bullet_items() -> None:
    items = _items("• 159. Budget\nSagsnummer: 19/2484\nIndstilling: At budgettet godkendes.\n"
                   "Beslutning: Godkendt.\nBilag: Budgetnotat\n")  # fmt: skip
    assert items[0]["sections"] == [{"heading": "Indstilling", "text": "At budgettet godkendes."}]
    assert items[0]["decisions"][0]["text"] == "Godkendt."
    assert items[0]["attachments"] == [{"title": "Budgetnotat", "document_number": None}]


def test_numbered_list_before_the_next_item_heading() -> None:
    items = _items(
        "1. Godkendelse af dagsorden\nSagsnr.: 18/1\n\nBeslutning\nGodkendt.\n\n"
        "2. Budget\nSagsnr.: 18/2\n\nSagsfremstilling\nTre områder:\n1. Drift og service\n"
        "2. Anlæg og byggeri\n3. Finansiering og likviditet\n\nIndstilling\nAt det godkendes.\n\n"
        "3. Salg af grund\nSagsnr.: 18/3\n\nBeslutning\nGodkendt.\n"
    )
    assert [(i["number"], i["title"], i["case_number"]) for i in items] == [
        (1, "Godkendelse af dagsorden", "18/1"), (2, "Budget", "18/2"), (3, "Salg af grund", "18/3")
    ]  # fmt: skip
    assert "Finansiering og likviditet" in items[1]["sections"][0]["text"]


def test_decision_of_the_meeting_and_numbered_attachments() -> None:
    items = _items(
        "Punkt 1: Et\n\nBilag\n1. Tilbudsoversigt\n2. Kort (Dok.nr. 18/2290-16)\nBilag 3: Notat\n\n"
        "Beslutninger fra mødet\nGodkendt.\n"
    )
    assert items[0]["attachments"] == [
        {"title": "Tilbudsoversigt", "document_number": None},
        {"title": "Kort", "document_number": "18/2290-16"},
        {"title": "Bilag 3: Notat", "document_number": None},
    ]
    assert items[0]["decisions"] == [{"body": "Økonomiudvalget", "date": "2018-10-01", "text": "Godkendt."}]


def test_soft_hyphens_are_invisible() -> None:
    items = _items("Punkt 1: Samar\u00adbejdsaftale\n\nBeslutning\nGod\u00adkendt.\n")
    assert items[0]["title"] == "Samarbejdsaftale"
    assert items[0]["decisions"][0]["text"] == "Godkendt."


def test_meeting_facts_on_one_line() -> None:
    item = "Punkt 1: Et\n\nBeslutning\nGodkendt.\n"
    two_labels = parse_text(
        "Referat\nØkonomiudvalget\nDato: 12.03.2019 Tid: 17:00 Sted: Rådhuset, lokale 2\n\n" + item
    )
    body_first = parse_text(
        "Dagsorden\n\nByrådet, tirsdag den 19. december 2017 kl. 19:00 - 21:00, Byrådssalen\n\n" + item
    )
    assert (two_labels["body"], two_labels["start"], two_labels["location"]) == (
        "Økonomiudvalget", "2019-03-12T17:00:00", "Rådhuset, lokale 2"
    )  # fmt: skip
    assert (body_first["body"], body_first["start"], body_first["location"]) == (
        "Byrådet", "2017-12-19T19:00:00", "Byrådssalen"
    )  # fmt: skip


@pytest.mark.parametrize(
    ("labels", "values", "align", "start", "location"),
    [
        (["Mødedato", "Mødetidspunkt", "Mødested"], ["12.03.2019", "16:00 - 18:30", "Byrådssalen"], "center",
         "2019-03-12T16:00:00", "Byrådssalen"),
        (["Dato", "Tidspunkt", "Sted"], ["Tirsdag den 12. marts 2019", "kl. 16.00", "Mødelokale 2, Rådhuset"],
         "left", "2019-03-12T16:00:00", "Mødelokale 2, Rådhuset"),
        (["Mødedato", "Start", "Slut", "Lokale"], ["12-03-2019", "16:00", "18:30", "Byrådssalen"], "left",
         "2019-03-12T16:00:00", "Byrådssalen"),
        (["Mødedato", "Tidspunkt", "Sted"], ["12.03.2019", "", "Rådhuset, lokale 2"], "center",
         "2019-03-12", "Rådhuset, lokale 2"),
    ],
)  # fmt: skip
def test_meeting_facts_in_a_row_of_labels_over_a_row_of_values(
    labels: list[str], values: list[str], align: str, start: str, location: str
) -> None:
    result = parse_bytes(facts_table_pdf(labels, values, align))
    assert (result["body"], result["start"], result["location"]) == ("Økonomiudvalget", start, location)
    assert [i["number"] for i in result["items"]] == [1, 2]


def test_labels_a_word_space_apart_are_no_row_of_columns() -> None:
    lines = [
        line.text
        for line in read_pdf(facts_table_pdf(["Dato", "Sted"], ["12.03.2019", "Byrådssalen"], spaced=False))
    ]
    assert lines[2:4] == ["Dato Sted", "12.03.2019 Byrådssalen"]


_FACTS_ROWS = [
    (["Mødedato", "Mødetidspunkt", "Mødested"], ["12.03.2019", "16:00 - 18:30", "Byrådssalen"],
     "2019-03-12T16:00:00", "Byrådssalen"),
    (["Dato", "Tidspunkt", "Sted"], ["Tirsdag den 12. marts 2019", "kl. 16.00", "Mødelokale 2, Rådhuset"],
     "2019-03-12T16:00:00", "Mødelokale 2, Rådhuset"),
    (["Mødedato", "Start", "Slut", "Lokale"], ["12-03-2019", "16:00", "18:30", "Byrådssalen"],
     "2019-03-12T16:00:00", "Byrådssalen"),
]  # fmt: skip
_FACTS_ITEMS = [("1. Godkendelse af dagsorden", "Godkendt."), ("2. Budgetopfølgning", "Taget til efterretning."),
                ("3. Eventuelt", "Intet.")]  # fmt: skip


def _facts_docx(rows: list[list[str]]) -> bytes:
    """Minutes in Word whose meeting facts are the table ``rows``."""
    import docx

    d = docx.Document()
    d.add_paragraph("Referat", style="Title")
    d.add_paragraph("Økonomiudvalget")
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    for title, decision in _FACTS_ITEMS:
        d.add_paragraph(title, style="Heading 1")
        _bold(d, "Beslutning")
        d.add_paragraph(decision)
    return _save(d)


def _facts_html(rows: list[list[str]]) -> bytes:
    """Minutes as a web page whose meeting facts are the table ``rows``, the first in <th> cells."""
    head, *body = rows
    table = "<tr>" + "".join(f"<th>{label}</th>" for label in head) + "</tr>"
    table += "".join("<tr>" + "".join(f"<td>{text}</td>" for text in row) + "</tr>" for row in body)
    items = "".join(
        f"<h2>{title}</h2><p><b>Beslutning</b></p><p>{decision}</p>" for title, decision in _FACTS_ITEMS
    )
    page = f"<html><body><h1>Referat</h1><p>Økonomiudvalget</p><table>{table}</table>{items}</body></html>"
    return page.encode()


@pytest.mark.parametrize("build", [_facts_docx, _facts_html])
@pytest.mark.parametrize(("labels", "values", "start", "location"), _FACTS_ROWS)
def test_docx_and_html_meeting_facts_in_a_row_of_labels_over_a_row_of_values(
    build, labels: list[str], values: list[str], start: str, location: str
) -> None:
    result = parse_bytes(build([labels, values]))
    assert (result["body"], result["start"], result["location"]) == ("Økonomiudvalget", start, location)
    assert [i["number"] for i in result["items"]] == [1, 2, 3]


@pytest.mark.parametrize(("build", "read"), [(_facts_docx, read_docx), (_facts_html, read_html)])
def test_a_table_not_headed_by_labels_is_read_row_by_row(build, read) -> None:
    """A row of labels heads columns of meeting facts only when every cell is a label of the header."""
    rows = [
        ["Navn", "Parti", "Fremmødt"],
        ["Ib Mørk", "A", "Ja"],
        ["Dato", "Sted", "Bemærkning"],
        ["1.3.", "Rådhuset", "Ingen"],
    ]
    texts = [line.text for line in read(build(rows))]
    assert texts[2:6] == [
        "Navn Parti Fremmødt",
        "Ib Mørk A Ja",
        "Dato Sted Bemærkning",
        "1.3. Rådhuset Ingen",
    ]


def test_long_paragraph_after_an_inline_heading() -> None:
    text = "Forvaltningen har gennemgået sagen og foreslår en løsning, " * 4
    items = _items(f"Punkt 1: Et\n\nSagsfremstilling: {text}\n\nBeslutning: Godkendt.\n")
    assert [(s["heading"], s["text"]) for s in items[0]["sections"]] == [("Sagsfremstilling", text.strip())]
    assert items[0]["decisions"][0]["text"] == "Godkendt."


def test_bold_item_number_over_its_title() -> None:
    """A grid cell with the bold number on a line of its own and the title under it."""
    lines = [
        Line("REFERAT", level=1, bold=True),
        Line("Økonomiudvalget"),
        Line("Mødedato: 01.10.2018, kl. 16:00"),
        Line("31.", bold=True),
        Line("Budgetopfølgning", bold=True, para=False),
        Line("Sagsnr.: 18/2"),
        Line("Beslutning", bold=True),
        Line("Godkendt."),
        Line("32.", bold=True),
        Line("Eventuelt", bold=True, para=False),
        Line("Beslutning", bold=True),
        Line("Intet."),
    ]
    items = parse_lines(lines)["items"]
    assert [(i["number"], i["title"], i["case_number"]) for i in items] == [
        (31, "Budgetopfølgning", "18/2"), (32, "Eventuelt", None)
    ]  # fmt: skip
    assert items[1]["decisions"][0]["text"] == "Intet."
