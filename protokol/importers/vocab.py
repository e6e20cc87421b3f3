"""What the genre says: the headings, labels and markers of Danish municipal minutes.

Patterns are compiled once here. Each is anchored and built from bounded repetitions, so
matching a line costs time linear in its length (no nested quantifiers over free text).
"""

from __future__ import annotations

import re

SECTION_HEADINGS = (
    "Resume", "Resume og sagens baggrund", "Beslutningstema", "Sagens kerne", "Sagsfremstilling",
    "Beskrivelse af sagen", "Baggrund", "Sagens baggrund", "Historik", "Indstilling", "Indstillinger",
    "Administrativ indstilling", "Beslutningspunkter", "Behandling", "Sagens gang", "Kompetence",
    "Beslutningskompetence", "Lovgrundlag", "Retsgrundlag", "Høring", "Kommunikation", "Økonomi",
    "Økonomiske konsekvenser", "Bevillingsmæssige konsekvenser", "Personalemæssige konsekvenser",
    "Miljøvurdering", "Tidsplan", "Videre proces", "Borgmesterens Afdelings påtegning",
)  # fmt: skip
SECTIONS = {h.casefold(): h for h in SECTION_HEADINGS}
CASE_TYPE_HEADINGS = {"sagstype", "sagsgang og sagstype", "sagstype og sagsgang"}
ATTACHMENT_HEADINGS = {"bilag", "bilagsliste", "bilagsoversigt", "bilag til punktet", "vedlagte bilag"}
DECISION_HEADINGS = {"beslutning", "beslutninger", "afgørelse", "beslutning/afgørelse", "referat", "protokol"}
HISTORY_HEADINGS = {"sagsforløb", "tidligere beslutninger", "tidligere behandling", "tidligere behandlinger"}
CLOSED_ZONE = {"lukkede punkter", "lukket dagsorden", "lukkede sager", "lukket møde", "lukket del", "lukket"}
#: the label of the reason a closed item is closed ("Begrundelse for lukning: Personsag")
CLOSED_REASON = re.compile(
    r"(?i)^(?:begrundelse for lukning|lukningsgrund|lukkegrund|grund(?:en)? til lukning|lukket (?:pga\.?|på grund af))$"
)
OPEN_ZONE = {"åbne punkter", "åben dagsorden", "åbne sager", "åben del", "åbent møde"}
TOC_HEADINGS = {"indholdsfortegnelse", "indhold", "dagsordensoversigt", "oversigt over punkter"}
#: lines after which the last item is over: the meeting's closing formalities, a web page's date stamp
END_OF_ITEMS = re.compile(
    r"(?i)^(?:mødet (?:hævet|slut|sluttede|afsluttet)|underskrifter|underskriftsblad|underskriftsside|underskrift(?:er)?:|"
    r"godkendelse af referat(?:et)?:|referatet godkendt|(?:siden er )?(?:sidst|senest) opdateret)\b"
)

# "Overskrift: tekst" - a heading followed by its text on the same line ("Beslutning: Godkendt.").
HEAD_INLINE = re.compile(r"^(?P<head>[^:]{2,90}?)\s*:\s+(?P<rest>\S.*)$")


#: the number of a heading below item level in an outline ("2.1 Baggrund", Word's multilevel lists)
_OUTLINE_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,3}){1,3}\.?\s+")


def key(text: str) -> str:
    """A heading as a lookup key: case-folded, single spaces, no outline number, no trailing colon
    or dot."""
    text = text.strip().rstrip(":. \t")
    if text[:1].isdigit():
        text = _OUTLINE_NUMBER.sub("", text)
    if "  " in text or "\t" in text:
        text = " ".join(text.split())
    return text.casefold()


# --- item headings ---------------------------------------------------------------------------
_BULLET = r"(?:[•·▪●◦*\-–]\s*)?"
#: an item number as minutes print it: 7, 715, an outline number (1.1, 2.3.1) or a number with a
#: letter for an item added later (12a)
ITEM_NUMBER = r"\d{1,4}(?:\.\d{1,3}){0,3}[a-z]?"
ITEM_EXPLICIT = re.compile(
    _BULLET + r"(?P<kw>Dagsordens?punkt|DAGSORDENSPUNKT|Punkt|PUNKT|Pkt|PKT|Sag nr|SAG NR|Nr|NR)\.?"
    rf"\s*(?P<n>{ITEM_NUMBER})(?![\d/\-.]\d)(?P<sep>\s*[:.)]|\s+[-–]|)(?:\s+|$)(?P<title>.*)$"
)
ITEM_NUMBERED = re.compile(
    _BULLET + rf"(?P<n>{ITEM_NUMBER})\s*(?P<sep>[.)])\s+(?P<title>[A-ZÆØÅÉÄÖÜ\"'«“(].*)$"
)
#: "1   First Agenda", "1.1   Status siden sidst": the number set apart by space alone
ITEM_SPACED = re.compile(rf"(?P<n>{ITEM_NUMBER})\s+(?P<title>[A-ZÆØÅÉÄÖÜ\"'«“(].*)$")
#: a table-of-contents entry: dot leaders (or a tab) before a page number; spaced leaders
#: (". . . 3") are matched from the start of their run only, which keeps a long run linear
TOC_ENTRY = re.compile(
    r"(?:\.{3,}|…+|\t)\s*\d{1,4}$|\s\.{2,}\s*\d{1,4}$|(?<![.\s])\s?(?:\. ){2,}\.\s*\d{1,4}$"
)
TOC_PAGE_END = re.compile(r"\s\d{1,3}$")

# --- access -----------------------------------------------------------------------------------
_OPEN = r"Åbent punkt|Åben sag|Åbent|Åben|ÅBENT|ÅBEN|Offentlig"
_CLOSED = r"Lukket punkt|Lukket sag|Lukket|LUKKET|Fortrolig|[Ff]or lukkede døre|FOR LUKKEDE DØRE"
#: the label of an access mark in a row of item metadata ("Åben/Lukket" | "Lukket")
_ACCESS_LABEL = r"(?:(?:Åben|Åbent)\s?/\s?lukket|Lukket\s?/\s?åben|Offentlighed|Adgang|Status)\s*:?\s+"
ACCESS_ALONE = re.compile(rf"(?i)^(?:{_ACCESS_LABEL})?(?:(?P<open>{_OPEN})|(?P<closed>{_CLOSED}))\s*[.:]?$")
ACCESS_END = re.compile(rf"\s(?:(?P<open>{_OPEN})|(?P<closed>{_CLOSED}))\s*[.]?$")
#: a web publication's note in place of a closed item's content
ACCESS_NOTE = re.compile(
    r"(?i)^(?:dette punkt|punktet|denne sag|sagen)\s+(?:er\s+lukket|behandles\s+(?:for\s+lukkede\s+døre|lukket))"
    r"(?:\s+for\s+(?:offentligheden|pressen og offentligheden))?\s*\.?$"
)
TITLE_PREFIX = re.compile(rf"(?i)^(?:(?P<closed>{_CLOSED})|(?P<open>{_OPEN}))\s*[:\-–]\s*")
TITLE_SUFFIX = re.compile(rf"(?i)(?:\s+[-–])?\s*[(\[](?:(?P<closed>{_CLOSED})|(?P<open>{_OPEN}))[)\]]\s*$")
TITLE_CODE = re.compile(r"\s*\((?P<code>[BDOEI])\)\s*$")
#: the case-type codes printed after a title, "1. Budget 2017 (B)"
CODES = {"B": "Beslutning", "D": "Drøftelse", "O": "Orientering", "E": "Eventuelt", "I": "Indstilling"}

# --- identifiers ------------------------------------------------------------------------------
CASE_VALUE = (
    r"[A-ZÆØÅ]{2,6}-\d{4}-\d{1,9}"  # EMN-2025-010561
    r"|\d{1,4}-\d{4}-\d{1,9}"  # 326-2016-968
    r"|\d{2}\.\d{2}\.\d{2}-[A-ZÆØÅ]\d{2}-\d{1,6}-\d{2}"  # 00.01.00-A00-1-16 (KLE-based)
    r"|\d{2,4}/\d{1,7}(?:-\d{1,4})?"  # 16/3842
)
CASE_ALONE = re.compile(rf"^(?:{CASE_VALUE})$")
META = re.compile(
    r"(?i)(?<![\w.])(?P<label>Sagsnummer|Sagsnr|Sags nr|Sags-?id|Sags ID|Sag(?=\.?:?\s+[A-ZÆØÅ]{0,6}-?\d)"
    r"|Journalnummer|Journalnr|Journal nr|J\.\s?nr|J\.-?nr|Jnr|KLE-nr|KLE nr|KLE"
    r"|Dokumentnummer|Dokumentnr|Dokument nr|Dok\.\s?nr|Dok(?=\.?:?\s+\d))(?![\w])\.?\s*:?\s*"
)
#: any other label in a row of metadata, where the value before it ends ("Sagsbehandler:")
OTHER_LABEL = re.compile(r"\s[A-ZÆØÅ][\w.\-/]{1,30}(?:\s[\w.\-/]{1,20}){0,2}\s?:(?:\s|$)")
DOC_NUMBER_LINE = re.compile(
    rf"(?i)^(?:(?:Dok(?:ument)?\.?\s*(?:nr|nummer)?\.?|Akt(?:-?id)?)\s*:?\s*)?(?P<n>{CASE_VALUE})\.?$"
)
# A bare number after a title must have the long form ("326-2016-186673"); after a label
# ("Dok.nr. 17/2290-16") any case-number form is the document number.
ATTACHMENT_DOC_SUFFIX = re.compile(
    r"\s*[(\[]?(?:Dok\.?\s*(?:nr\.?)?\s*:?\s*)?(?P<n>\d{1,4}-\d{4}-\d{3,9})[)\]]?$"
    rf"|\s*[(\[]?Dok(?:ument)?\.?\s*(?:nr\.?|nummer)?\s*:?\s*(?P<labelled>{CASE_VALUE})[)\]]?$"
)
#: eDoc's entry: the document number first, "2012-200782 - Titel" (also with an en dash in the number)
ATTACHMENT_DOC_FIRST = re.compile(r"^(?P<n>\d{2,4}[-–/]\d{2,9}(?:[-–/]\d{1,9})?)\s+[-–]\s+(?P<title>\S.*)$")
#: a row of a table of attachments: number, access, title and (last) document number
ATTACHMENT_ROW = re.compile(
    # "3 Lukket punkt: Titel" is an item heading with its access mark, not a row
    rf"(?i)^\d{{1,3}}\.?\s+(?:(?P<closed>{_CLOSED})|{_OPEN})(?!\s*(?:punkt|sag)?\s*:)\s+(?P<title>[^:\s].*?)"
    rf"(?:\s+(?P<n>\d{{1,9}}/\d{{2,4}}|{CASE_VALUE}))?$"
)
#: "Ingen", "Bilag: Ingen": a list of attachments that has none
NO_ATTACHMENTS = re.compile(r"(?i)^(?:ingen(?: bilag)?|intet|-|–|ingen vedlagt)\.?$")
ATTACHMENT_NOISE = re.compile(
    r"(?i)^(?:PDF|DOCX?|XLSX?)\s+|\s*\((?:pdf|docx?|xlsx?)[^)]{0,30}\)$|\s*\(\d+[.,]?\d*\s*[KM]B\)$"
)
BULLET = re.compile(r"^[•·▪●◦*\-–]\s+")
#: the number of an entry in a numbered list of attachments ("1. Tilbudsoversigt"); "Bilag 1: X"
#: is part of the title and stays
LIST_NUMBER = re.compile(r"^\d{1,3}[.)]\s+")

# --- case type --------------------------------------------------------------------------------
CASE_TYPE_LINE = re.compile(
    r"(?i)^(?P<head>Sagsgang og sagstype|Sagstype og sagsgang|Sagstype)\b\s*:?\s*(?P<v>.*)$"
)
CASE_TYPE_WORD = re.compile(r"(?i)beslut|drøft|orient|godkend|efterret|indstil|høring|eventuel|meddel")

# --- decisions --------------------------------------------------------------------------------
#: "Beslutning Økonomiudvalget den 12-03-2019" (SBSYS): the heading names body and date without a preposition
DECISION_NAMED = re.compile(r"^(?:Beslutning(?:er)?|Afgørelse)\s+(?P<rest>[A-ZÆØÅ].{2,120}?)\s*:?$")
DECISION_IN = re.compile(
    r"(?i)^(?:Beslutning(?:er)?|Afgørelse|Udskrift)\s+(?:i|på|fra|af|for)\s+(?P<rest>.{2,120}?)\s*:?$"
)
# "Direktionens møde den 30. maj 2016:", "Klima- og Miljøudvalgets møde den ...": a body name
# is capitalised words (and "og"), so a sentence ("Sagens behandling blev udsat i byrådets
# møde den 26. marts 2025.") is not a heading.
DECISION_GENITIVE = re.compile(
    r"^(?P<body>[A-ZÆØÅ][\w\-–]*(?:\s(?:og|for|i|af|&|[A-ZÆØÅ][\w\-–]*)){0,5}?)s\s(?:møde|behandling|beslutning)"
    r"(?:\s(?:[a-zæøå]{3,6}dag\s)?(?:den|d\.)\s(?P<date>.{6,40}?))?"
    # eDoc: "... beslutning den 04.12.2012 Punkt 3", the decision itself may follow on the same line
    rf"(?:\s+(?:Punkt|Pkt\.?)\s*{ITEM_NUMBER}\.?(?:\s*:?\s+(?P<rest>\S.*?))?)?\s*:?$"
)
#: a decision heading that names "the committee" rather than which: the meeting's own body
GENERIC_BODIES = {"udvalget", "udvalg", "mødet", "møde", "bestyrelsen", "forsamlingen"}
#: an earlier decision's line "Økonomiudvalget, 12-03-2019, pkt. 4" or "Byrådet, 23. april 2020, pkt. 17:"
DECISION_BODY_DATE_PKT = re.compile(
    r"^(?P<body>[A-ZÆØÅ][^,]{2,80}),\s*(?P<date>\d{1,2}[-./]\d{1,2}[-./]\d{2,4}|\d{1,2}\.\s?[a-zæø]{3,9}\.?\s\d{4})"
    r"\s*,?\s*(?:pkt\.?|punkt)\s*\d{1,4}\.?\s*:?$"
)
#: the line under a bare decision heading that names the body and date: "Økonomiudvalget den
#: 12-03-2019", "Byrådet, 27. februar 2020 kl. 17.00"
DECISION_BYLINE = re.compile(
    r"^(?P<body>[A-ZÆØÅ][\w\-–]*(?:\s(?:og|for|i|af|&|[A-ZÆØÅ][\w\-–]*)){0,5}?)\s*,?\s"
    r"(?:(?:[a-zæøå]{3,6}dag\s)?(?:den|d\.)\s)?(?P<date>\d.{5,40})$"
)
HISTORY_BODY = re.compile(r"(?i)^(?:Udvalg|Organ|Forum|Behandlet i|Mødeforum)\s*:\s*(?P<v>.+)$")
HISTORY_DATE = re.compile(r"(?i)^(?:Dato|Mødedato)\s*:\s*(?P<v>.+)$")
HISTORY_ITEM = re.compile(r"(?i)^(?:Punktnummer|Punkt nr\.?|Pkt\.?)\s*:?\s*\d{1,4}\.?$")

# --- meeting header ---------------------------------------------------------------------------
KIND = re.compile(
    r"(?i)\b(?P<minutes>referat|beslutningsprotokol|protokol|udskrift|beslutninger fra mødet|mødereferat)"
    r"|\b(?P<agenda>dagsorden|indkaldelse)\b"
)
#: "Start" and "Slut" head the columns of a table of meeting facts ("Mødedato | Start | Slut |
#: Lokale"); the end of a meeting is no field of its own, so a "Slut" line is read and dropped
HEADER_LABEL = re.compile(
    r"(?i)^(?P<label>Mødedato|Møtedato|Dato|Tidspunkt|Mødetidspunkt|Starttidspunkt|Mødestart|Mødetid|Tid"
    r"|Start|Slut|Mødested|Møtested|Mødelokale|Lokale|Sted|Adresse|Udvalg|Organ|Mødeforum|Forum|Bestyrelse)"
    r"\b\s*:?\s*(?P<v>.*)$"
)
# "... kl. 19:00 i Byrådssalen", "... kl. 16:00 - 18:00, Mødelokale 1"
DATE_LINE_PLACE = re.compile(
    r"(?i)\b(?:kl\.?\s*\d{1,2}(?:[:.]\d{2})?|\d{1,2}:\d{2})(?:\s*[-–]\s*\d{1,2}[:.]\d{2})?"
    r"(?:\s+(?:i|på)\s+|\s*,\s*)(?P<place>[^\d\s].{1,100})$"
)
#: words of a meeting place: a room, a hall, a building
PLACE_WORD = re.compile(
    r"(?i)lokale|værelse|sal(?:en)?\b|rådhus|center\b|bibliotek|kontor|skole\b|centret|\bhuset\b|teams|virtuel"
)
BODY_WORD = re.compile(
    r"(?i)udvalg|byråd|kommunalbestyrelse|direktion|magistrat|bestyrelse|råd(?:et)?\b|nævn|forum|komit[eé]"
    r"|forsamling|ledermøde|repræsentantskab|borgerrepræsentation|gruppen?\b"
)
INTERFACE = {
    "til toppen", "tilbage til toppen", "hent som pdf", "kopier link", "tilbage til forsiden", "hent hele referatet",
    "hent hele dagsordenen", "print", "udskriv", "del", "del siden", "tip en ven", "luk", "×", "pdf", "menu",
    "søg", "gå til indhold", "spring til indhold", "læs mere", "vis mere", "vis mindre", "top", "del på facebook",
    "del på linkedin", "del på twitter", "accepter", "accepter alle", "afvis", "cookieindstillinger",
}  # fmt: skip

# --- attendance -------------------------------------------------------------------------------
#: "Følgende deltog ikke i behandlingen af punktet: X", "X deltog ikke i behandlingen af dette punkt"
ABSENT_LEAD = re.compile(
    r"(?i)^(?:følgende\s+)?(?:deltog|deltager)\s+ikke\s+i\s+(?:behandlingen|sagens\s+behandling)"
    r"(?:\s+af\s+(?:dette\s+punkt|punktet|sagen|denne\s+sag))?\s*[:.]?\s*(?P<names>.*)$"
)
ABSENT_TAIL = re.compile(
    r"(?i)^(?P<names>.{3,200}?)\s+(?:deltog|deltager)\s+ikke\s+i\s+(?:behandlingen|sagens\s+behandling)"
    r"(?:\s+af\s+(?:dette\s+punkt|punktet|sagen|denne\s+sag))?\s*\.?$"
)
#: the headings of the meeting's attendance lists, and what each says of the persons under it
ATTENDANCE_HEADINGS = {
    "deltagere": True, "til stede": True, "tilstede": True, "medlemmer": True, "mødedeltagere": True,
    "fremmødte": True, "fraværende": False, "afbud": False, "afbud/fraværende": False, "fraværende/afbud": False,
    "fravær": False,
}  # fmt: skip
ATTENDANCE_LINE = re.compile(
    r"(?i)^(?P<head>Deltagere|Til stede|Tilstede|Medlemmer|Mødedeltagere|Fremmødte|Fraværende|Afbud"
    r"|Afbud/Fraværende|Fraværende/Afbud|Fravær|Stedfortrædere?)\s*:?\s*(?P<rest>.*)$"
)
#: "Stedfortræder: Ib Hansen (A) for Ole Bollesen (A)", "Ib Hansen (A) deltog for Ole Bollesen"
SUBSTITUTE = re.compile(
    r"(?i)^(?:stedfortræder(?:e)?\s*:?\s*)?(?P<sub>[A-ZÆØÅ][^()]{1,60}?)(?:\s*\((?P<subparty>[^)]{1,12})\))?"
    r"\s+(?:deltog\s+|mødte\s+)?(?:som\s+stedfortræder\s+)?for\s+(?P<for>[A-ZÆØÅ][^()]{1,60}?)"
    r"(?:\s*\((?P<forparty>[^)]{1,12})\))?\s*\.?$"
)
#: one person of a list: "Lolan Ottesen (A) - formand", "Jesper Mathiesen (A), formand", "Ole Bollesen"
PERSON = re.compile(
    r"^(?P<name>[A-ZÆØÅ][\w.'\-]*(?:\s[A-ZÆØÅa-zæøå][\w.'\-]*){0,5}?)\s*(?:\((?P<party>[A-ZÆØÅ]{1,3}|[^()\d]{2,25})\))?"
    r"\s*(?:[-–,]\s*(?P<role>[a-zæøåA-ZÆØÅ][\w\s\-]{1,30}?))?\s*[.,;]?$"
)
#: "Ole Bollesen (A) erklærede sig inhabil", "Inhabil: Niels Viderø", "X var inhabil i sagen"
DISQUALIFIED_LEAD = re.compile(r"(?i)^(?:inhabil(?:e|itet)?|inhabile medlemmer)\s*:\s*(?P<names>\S.*)$")
DISQUALIFIED_TAIL = re.compile(
    r"(?i)^(?P<names>[A-ZÆØÅ].{2,200}?)\s+(?:erklærede\s+sig|blev\s+erklæret|var|blev\s+fundet)\s+inhabil(?:e)?"
    r"(?:\s+(?:i|under)\s+(?:sagen|punktet|behandlingen)[^.]*)?\s*\.?$"
)
