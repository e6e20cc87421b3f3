"""DOCX minutes in the layouts of Word-based systems (fictional content), built with python-docx.

Each builder returns the bytes of one document; its expectation is ``documents/NAME.json``.
"""

from __future__ import annotations

import io

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt


def _numbering(document, levels: list[tuple[str, str, int]]) -> int:
    """A list definition of Word's own (numbering.xml): (numFmt, lvlText, start) per level;
    returns the numId that paragraphs refer to."""
    numbering = document.part.numbering_part.element
    abstract_id = 90 + len(numbering.findall(qn("w:abstractNum")))
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text, start) in enumerate(levels)
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'
    )
    # abstractNum elements precede num elements in the schema
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num_id = 90 + len(numbering.findall(qn("w:num")))
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'
        )
    )
    return num_id


def _numbered(paragraph, num_id: int, level: int = 0):
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id
    return paragraph


def _table(document, rows: list[tuple[str, str]]) -> None:
    table = document.add_table(rows=len(rows), cols=2)
    for row, (label, value) in zip(table.rows, rows, strict=True):
        row.cells[0].text, row.cells[1].text = label, value


def _bold(document, text: str, size: int | None = None):
    run = document.add_paragraph().add_run(text)
    run.bold = True
    if size:
        run.font.size = Pt(size)
    return run


def _save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def lyngaa_word_template() -> bytes:
    """Acadre/SBSYS "Word-skabelon": meeting facts and item metadata in two-column tables, item
    headings in Heading 1 numbered "Punkt 45" by Word's list numbering (not in the text), section
    headings as bold runs in Normal, a Word TOC with tab and page number, "Side X af Y" in header
    and footer, a numbered list inside Indstilling, "Beslutning" with the body and date on a line
    of their own (expected: lyngaa_oekonomiudvalget_2019-03-12.json)."""
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Lyngå Kommune - Økonomiudvalget - Referat"
    d.sections[0].footer.paragraphs[0].text = "Side 1 af 6"
    items = _numbering(d, [("decimal", "Punkt %1", 45)])
    steps = _numbering(d, [("decimal", "%1.", 1)])
    steps2 = _numbering(d, [("decimal", "%1.", 1)])
    _bold(d, "Lyngå Kommune", 16)
    d.add_paragraph("Referat", style="Title")
    _table(
        d,
        [
            ("Udvalg", "Økonomiudvalget"),
            ("Mødedato", "Tirsdag den 12. marts 2019"),
            ("Mødetidspunkt", "Kl. 16.00 - 18.15"),
            ("Mødested", "Mødelokale 2, Rådhuset"),
            ("Medlemmer", "Anne Holm (A), Bent Kragh (V), Carla Juhl (O), Dan Friis (F), Eva Lund (C)"),
            ("Fraværende", "Dan Friis (F)"),
        ],
    )
    _bold(d, "Indholdsfortegnelse")
    for entry in (
        "Punkt 45\tGodkendelse af dagsorden\t2",
        "Punkt 46\tBudgetopfølgning pr. 31. januar 2019\t2",
        "Punkt 47\tAnlægsbevilling til renovering af Lyngå Svømmehal\t3",
        "Punkt 48\tHøring om ny affaldsplan 2019-2024\t4",
        "Punkt 49\tOrientering om sygefravær 2018\t5",
        "Punkt 50\tLukket punkt: Salg af erhvervsgrund på Industrivej\t6",
    ):
        d.add_paragraph(entry)

    def item(title: str, meta: list[tuple[str, str]]) -> None:
        _numbered(d.add_paragraph(title, style="Heading 1"), items)
        _table(d, meta)

    item(
        "Godkendelse af dagsorden",
        [("Sagsnr.", "19/0012"), ("J.nr.", "00.01.00"), ("Sagstype", "Beslutning")],
    )
    _bold(d, "Beslutning")
    d.add_paragraph("Økonomiudvalget den 12-03-2019")
    d.add_paragraph("Dagsordenen blev godkendt.")

    item(
        "Budgetopfølgning pr. 31. januar 2019",
        [("Sagsnr.", "19/2484"), ("J.nr.", "00.30.10"), ("Dok.nr.", "19/2484-7"), ("Sagstype", "Beslutning")],
    )
    _bold(d, "Resume")
    d.add_paragraph("Budgetopfølgningen viser et forventet mindreforbrug på 4,2 mio. kr. på driften.")
    _bold(d, "Sagsfremstilling")
    d.add_paragraph("Opfølgningen omfatter alle udvalg og er udarbejdet på baggrund af forbruget i januar.")
    d.add_paragraph(
        "Der er fortsat pres på det specialiserede socialområde, hvor der forventes et merforbrug på 2,1 mio. kr."
    )
    _bold(d, "Indstilling")
    d.add_paragraph("Direktionen indstiller, at")
    _numbered(d.add_paragraph("budgetopfølgningen tages til efterretning"), steps)
    _numbered(
        d.add_paragraph("merforbruget på socialområdet finansieres af puljen til uforudsete udgifter."), steps
    )
    _bold(d, "Bilag")
    d.add_paragraph("Bilag 1: Budgetopfølgning januar 2019")
    d.add_paragraph("Bilag 2: Notat om det specialiserede socialområde")
    _bold(d, "Beslutning")
    d.add_paragraph("Økonomiudvalget den 12-03-2019")
    d.add_paragraph("Indstillingen blev godkendt.")
    d.add_paragraph("Dan Friis (F) deltog ikke i behandlingen af sagen.")

    item(
        "Anlægsbevilling til renovering af Lyngå Svømmehal",
        [("Sagsnr.", "18/9930"), ("J.nr.", "04.00.00"), ("Sagstype", "Indstilling")],
    )
    _bold(d, "Sagsfremstilling")
    d.add_paragraph("Svømmehallens tag og ventilationsanlæg er nedslidt og skal udskiftes i 2019.")
    d.add_paragraph("Arbejdet udbydes i fagentreprise med forventet opstart i juni.")
    _bold(d, "Økonomi")
    d.add_paragraph("Den samlede udgift er anslået til 11,5 mio. kr., som er afsat i budget 2019.")
    _bold(d, "Indstilling")
    d.add_paragraph("Kultur- og Fritidsforvaltningen indstiller, at")
    _numbered(d.add_paragraph("der gives en anlægsbevilling på 11,5 mio. kr."), steps2)
    _numbered(d.add_paragraph("rådighedsbeløbet frigives."), steps2)
    _bold(d, "Bilag")
    d.add_paragraph("Bilag 1: Tilstandsrapport Lyngå Svømmehal")
    _bold(d, "Beslutning")
    d.add_paragraph("Økonomiudvalget den 12-03-2019")
    d.add_paragraph("Anbefales over for byrådet.")

    item("Høring om ny affaldsplan 2019-2024", [("Sagsnr.", "18/7712"), ("J.nr.", "07.00.00")])
    _bold(d, "Baggrund")
    d.add_paragraph("Kommunen skal hvert sjette år vedtage en plan for håndtering af affald.")
    _bold(d, "Høring")
    d.add_paragraph("Forslaget har været i offentlig høring fra 1. december 2018 til 1. februar 2019.")
    d.add_paragraph().add_run("Indkomne svar").italic = True
    d.add_paragraph("Der er indkommet 14 høringssvar, som er samlet i et høringsnotat.")
    _bold(d, "Indstilling")
    d.add_paragraph("Teknik- og Miljøforvaltningen indstiller, at affaldsplanen godkendes.")
    _bold(d, "Bilag")
    d.add_paragraph("Bilag 1: Forslag til affaldsplan 2019-2024")
    d.add_paragraph("Bilag 2: Høringsnotat")
    _bold(d, "Beslutning")
    d.add_paragraph("Økonomiudvalget den 12-03-2019")
    d.add_paragraph("Anbefales med de ændringer, der fremgår af høringsnotatet.")

    item("Orientering om sygefravær 2018", [("Sagsnr.", "19/0431"), ("Sagstype", "Orientering")])
    _bold(d, "Resume")
    d.add_paragraph("Sygefraværet er faldet fra 5,1 procent i 2017 til 4,6 procent i 2018.")
    _bold(d, "Beslutning")
    d.add_paragraph("Økonomiudvalget den 12-03-2019")
    d.add_paragraph("Orienteringen blev taget til efterretning.")

    item("Lukket punkt: Salg af erhvervsgrund på Industrivej", [("Sagsnr.", "19/1107")])
    _bold(d, "Beslutning")
    d.add_paragraph("Økonomiudvalget den 12-03-2019")
    d.add_paragraph("Godkendt.")
    return _save(d)


def storeby_plain_template() -> bytes:
    """A template of plain Normal paragraphs only: item headings "3.<tab>Titel" bold and large,
    section headings bold at text size, metadata as "Label: value" lines, "Beslutning i
    Økonomiudvalget den 1. oktober 2018:" headings, attachments in a bulleted list (Word's
    numbering, no bullet character in the text), and a section of closed items at the end whose
    items say "Lukket punkt" (expected: storeby_oekonomiudvalget_2018-10-01.json)."""
    import docx

    d = docx.Document()
    d.sections[0].footer.paragraphs[0].text = "Storeby Kommune, Rådhustorvet 1, 8800 Storeby"
    bullets = _numbering(d, [("bullet", "\u2022", 1)])
    _bold(d, "Storeby Kommune", 18)
    _bold(d, "Økonomiudvalget", 14)
    d.add_paragraph("Referat fra ordinært møde")
    d.add_paragraph("Mandag den 1. oktober 2018 kl. 15:00")
    d.add_paragraph("Udvalgsværelse 1, Storeby Rådhus")
    d.add_paragraph("Deltagere: Ib Mørk, Jytte Dahl, Karl Vinther, Lise Bang, Mads Ravn")

    def heading(text: str) -> None:
        _bold(d, text, 14)

    def bullet_list(entries: list[str]) -> None:
        for entry in entries:
            _numbered(d.add_paragraph(entry), bullets)

    decided = "Beslutning i Økonomiudvalget den 1. oktober 2018:"

    heading("1.\tGodkendelse af dagsorden")
    d.add_paragraph("Sagsnummer: 18/21001")
    _bold(d, decided)
    d.add_paragraph("Godkendt.")

    heading("2.\tRevideret tidsplan for budget 2019-2022")
    d.add_paragraph("Sagsnummer: 18/20345")
    d.add_paragraph("Journalnummer: 00.30.00-A00-3-18")
    _bold(d, "Sagsfremstilling")
    d.add_paragraph("Forhandlingerne med KL om kommunernes økonomi blev afsluttet senere end ventet.")
    d.add_paragraph("Førstebehandlingen af budgettet flyttes derfor fra 19. september til 3. oktober.")
    _bold(d, "Indstilling")
    d.add_paragraph("Økonomidirektøren indstiller, at den reviderede tidsplan godkendes.")
    _bold(d, "Bilag")
    bullet_list(["Revideret tidsplan budget 2019-2022", "Oversigt over mødedatoer"])
    _bold(d, decided)
    d.add_paragraph("Godkendt.")

    heading("3.\tTilskud til Storeby Erhvervsråd 2019")
    d.add_paragraph("Sagsnummer: 18/19870")
    d.add_paragraph("Journalnummer: 24.10.00-Ø60-1-18")
    _bold(d, "Resume")
    d.add_paragraph("Erhvervsrådet søger om et uændret tilskud på 3,4 mio. kr. for 2019.")
    _bold(d, "Sagsfremstilling")
    d.add_paragraph("Erhvervsrådet har i 2018 gennemført 212 vejledningsforløb med nye virksomheder.")
    d.add_paragraph("Resultatkontrakten for 2019 indeholder fire mål for iværksætteri og bosætning.")
    _bold(d, "Økonomiske konsekvenser")
    d.add_paragraph("Tilskuddet afholdes inden for rammen på erhvervsområdet.")
    _bold(d, "Indstilling")
    d.add_paragraph("Direktionen indstiller, at tilskuddet bevilges, og at resultatkontrakten godkendes.")
    _bold(d, "Bilag")
    bullet_list(["Ansøgning fra Storeby Erhvervsråd", "Resultatkontrakt 2019", "Årsrapport 2017"])
    _bold(d, decided)
    d.add_paragraph("Godkendt.")
    d.add_paragraph("Lise Bang (Ø) kunne ikke tiltræde indstillingen.")

    heading("4.\tOrientering om udbud af rengøring")
    d.add_paragraph("Sagsnummer: 18/15002")
    _bold(d, "Sagsfremstilling")
    d.add_paragraph("Rengøringen af kommunens institutioner er sendt i udbud med tilbudsfrist 15. november.")
    _bold(d, decided)
    d.add_paragraph("Til efterretning.")

    heading("5.\tEventuelt")
    _bold(d, decided)
    d.add_paragraph("Intet.")

    heading("Lukkede punkter")
    heading("6.\tKøb af ejendommen Vestergade 14")
    d.add_paragraph("Lukket punkt")
    heading("7.\tPersonalesag")
    d.add_paragraph("Lukket punkt")
    return _save(d)


def _hyperlink(paragraph, text: str) -> None:
    """A link to a file, as Word stores it: runs inside w:hyperlink, not direct runs of the paragraph."""
    r_id = paragraph.part.relate_to(
        "https://intranet.example/bilag/" + str(abs(hash(text)) % 10_000) + ".pdf",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        is_external=True,
    )
    paragraph._p.append(
        parse_xml(
            f'<w:hyperlink {nsdecls("w", "r")} r:id="{r_id}"><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:hyperlink>'
        )
    )


def _control(document, paragraphs: list[str]) -> None:
    """Paragraphs inside a content control (w:sdt), as template fields are filled in."""
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{p}</w:t></w:r></w:p>' for p in paragraphs)
    sdt = parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Felt"/></w:sdtPr><w:sdtContent>{body}</w:sdtContent></w:sdt>'
    )
    document.element.body.insert(len(document.element.body) - 1, sdt)  # before the final sectPr


def vestkyst_sbsys_export() -> bytes:
    """An SBSYS-like Word export: the heading style itself carries the list numbering ("%1."),
    metadata in a four-column table ("Sagsnr.: | 21/5567 | Sagsbehandler: | Mette Lund"), field
    texts in content controls, attachments as hyperlinks, "Beslutning Teknik- og Miljøudvalget
    den 03-06-2021" as one bold line, a tracked insertion and deletion in a decision, and a
    "(Lukket)" item (expected: vestkyst_teknik_miljoe_2021-06-03.json)."""
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Vestkyst Kommune  Referat  Side 1 af 5"
    num_id = _numbering(d, [("decimal", "%1.", 1)])
    heading = d.styles["Heading 2"].element
    heading.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = num_id
    d.add_paragraph("Referat", style="Title")
    _bold(d, "Teknik- og Miljøudvalget")
    _table(
        d,
        [("Mødedato:", "03.06.2021"), ("Mødetidspunkt:", "08:00"), ("Mødested:", "Virtuelt møde via Teams")],
    )
    d.add_paragraph("Afbud: Niels Sørensen")

    def item(title: str, meta: list[tuple[str, str, str, str]]) -> None:
        d.add_paragraph(title, style="Heading 2")
        table = d.add_table(rows=len(meta), cols=4)
        for row, values in zip(table.rows, meta, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value

    def attachments(titles: list[str]) -> None:
        _bold(d, "Bilag")
        for title in titles:
            _hyperlink(d.add_paragraph(), title)

    decided = "Beslutning Teknik- og Miljøudvalget den 03-06-2021"

    item("Godkendelse af dagsorden", [("Sagsnr.:", "21/0100", "Sagsbehandler:", "Mette Lund")])
    _bold(d, decided)
    d.add_paragraph("Godkendt.")

    item(
        "Trafiksikkerhedsplan 2021-2025",
        [
            ("Sagsnr.:", "21/5567", "Sagsbehandler:", "Mette Lund"),
            ("J.nr.:", "05.13.00", "Dok.nr.:", "21/5567-12"),
        ],
    )
    _bold(d, "Sagsfremstilling")
    _control(
        d,
        [
            "Planen udpeger 14 strækninger, hvor der er registreret flest uheld i perioden 2016-2020.",
            "Der foreslås hastighedsdæmpning ved fire skoler og nye cykelstier langs Kystvejen.",
        ],
    )
    _bold(d, "Økonomi")
    _control(d, ["Der er afsat 2,5 mio. kr. årligt i anlægsbudgettet."])
    _bold(d, "Indstilling")
    _control(
        d, ["Forvaltningen indstiller, at trafiksikkerhedsplanen sendes i offentlig høring i otte uger."]
    )
    attachments(["Trafiksikkerhedsplan 2021-2025", "Uheldskort 2016-2020"])
    _bold(d, decided)
    p = d.add_paragraph("Indstillingen blev ")
    p._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="1" w:author="Sekretariatet"><w:r><w:t>godkendt.</w:t></w:r></w:ins>'
        )
    )
    p._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="2" w:author="Sekretariatet"><w:r><w:delText>anbefalet.</w:delText></w:r></w:del>'
        )
    )

    item("Vinterberedskab 2021-2022", [("Sagsnr.:", "21/3320", "Sagsbehandler:", "Per Holt")])
    _bold(d, "Resume")
    _control(d, ["Udvalget skal fastlægge serviceniveauet for snerydning og glatførebekæmpelse."])
    _bold(d, "Beslutningskompetence")
    _control(d, ["Teknik- og Miljøudvalget."])
    attachments(["Regulativ for vintervedligeholdelse"])
    _bold(d, decided)
    d.add_paragraph("Serviceniveauet fra sidste år fastholdes.")

    item(
        "Ansøgning om tilladelse til havbrug ved Sandhage",
        [("Sagsnr.:", "20/9981", "Sagsbehandler:", "Per Holt")],
    )
    _bold(d, "Sagsfremstilling")
    _control(
        d,
        [
            "Sandhage Havbrug ApS søger om miljøgodkendelse til en udvidelse af produktionen.",
            "Miljøstyrelsen har meddelt, at kommunen er myndighed i sagen.",
        ],
    )
    _bold(d, "Lovgrundlag")
    _control(d, ["Miljøbeskyttelsesloven § 33."])
    _bold(d, decided)
    d.add_paragraph("Sagen blev udsat til næste møde.")

    item("Meddelelser", [])
    _bold(d, decided)
    d.add_paragraph("Formanden orienterede om status på kystsikringen ved Nørrestrand.")

    item(
        "Erstatningssag vedrørende vejarbejde (Lukket)",
        [("Sagsnr.:", "21/4410", "Sagsbehandler:", "Mette Lund")],
    )
    _bold(d, decided)
    d.add_paragraph("Godkendt.")
    return _save(d)
