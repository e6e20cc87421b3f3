"""The meeting itself: body, kind, start and place, from the lines before the first item."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from .dates import find_date, find_time
from .lines import Line
from .vocab import BODY_WORD, DATE_LINE_PLACE, HEADER_LABEL, ITEM_EXPLICIT, ITEM_NUMBERED, KIND, PLACE_WORD

# Labels that may stand without a colon ("Mødedato Mandag d. 30. maj 2016"); the others are
# ordinary words too ("Udvalg for Teknik og Miljø") and count as labels only with one.
_BARE_LABELS = {
    "mødedato",
    "møtedato",
    "mødested",
    "møtested",
    "starttidspunkt",
    "mødetidspunkt",
    "tidspunkt",
}
_DATE_LABELS = {"mødedato", "møtedato", "dato", "starttidspunkt", "mødestart", "mødetidspunkt"}
_TIME_LABELS = {"tidspunkt", "mødetidspunkt", "starttidspunkt", "mødestart", "mødetid", "tid", "start"}
_PLACE_LABELS = {"mødested", "møtested", "mødelokale", "lokale", "sted", "adresse"}
_BODY_LABELS = {"udvalg", "organ", "mødeforum", "forum", "bestyrelse"}
_BODY_LEAD = re.compile(
    r"(?i)^(?:(?:fra|af|for|til|over)\s+)?(?:(?:det|den)\s+)?(?:(?:ordinære|ekstraordinære)\s+)?"
    r"(?:møde(?:t)?\s+(?:i|for)\s+)?"
)
_BODY_TAIL = re.compile(r"(?i)[\s,\-–]*(?:\b(?:den|d\.|kl\.?|mødet?|møde den|i|på)\s*)*[\s,\-–.:]*$")
_GENITIVE_MEETING = re.compile(r"^(?P<body>.+?)s\s+(?:møde|ordinære møde|ekstraordinære møde)\b", re.I)
_ORGANIZATION = re.compile(
    r"^(?P<org>[A-ZÆØÅ][\w\-]+(?:\s[A-ZÆØÅ][\w\-]+)?\s(?:Kommune|Region)|Region\s[A-ZÆØÅ]\w+)$"
)
_SEPARATOR = re.compile(r"\s+[-–|]\s+")
_WEEKDAY_END = re.compile(r"(?i)[\s,]*\b(?:man|tirs|ons|tors|fre|lør|søn)dag\b[\s,]*(?:den|d\.)?\s*$")
# A table of meeting facts in two columns comes out as one line per row ("Mødedato: 23.08.2017
# Mødested: Rådhuset"): a second label with its colon starts a line of its own.
_NEXT_LABEL = re.compile(
    r"(?i)\s+(?=(?:Mødedato|Møtedato|Dato|Tidspunkt|Mødetidspunkt|Starttidspunkt|Mødestart|Mødetid|Mødested"
    r"|Møtested|Mødelokale|Lokale|Sted|Adresse|Tid|Udvalg|Medlemmer|Deltagere|Fraværende|Afbud)\s*:)"
)


def _item_entry(text: str) -> bool:
    return bool(ITEM_NUMBERED.match(text) or ITEM_EXPLICIT.match(text))


@dataclass(slots=True)
class Header:
    body: str | None = None
    kind: str | None = None
    day: date | None = None
    clock: time | None = None
    location: str | None = None
    organization: str | None = None


def _clean_body(text: str) -> str | None:
    text = _BODY_LEAD.sub("", text.strip(" ,-–:"))
    genitive = _GENITIVE_MEETING.match(text)
    if genitive:
        text = genitive.group("body")
    text = _BODY_TAIL.sub("", text).strip(" ,-–:.")
    words = text.split()
    if not words or len(words) > 8 or not text[0].isupper() or any(ch.isdigit() for ch in text[:1]):
        return None
    return text


def _one_label_each(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    for line in lines:
        parts = _NEXT_LABEL.split(line.text) if ":" in line.text else [line.text]
        out.extend(replace(line, text=part) for part in parts if part)
    return _label_column(out)


def _bare_label(text: str) -> bool:
    label = HEADER_LABEL.match(text)
    return bool(
        label
        and not label.group("v").strip(" :")
        and (":" in text or label.group("label").casefold() in _BARE_LABELS)
    )


def _same_day(text: str, day: date | None) -> bool:
    hit = find_date(text)
    return bool(hit and hit[0] == day)


def _labelled(text: str) -> bool:
    """ "Mødested: Salen" (but not "Mødelokale 2, Rådhuset", a value that starts with a label's word)."""
    label = HEADER_LABEL.match(text)
    return bool(label and ":" in text[label.start("label") : label.start("v") + 1])


def _label_column(lines: list[Line]) -> list[Line]:
    """A column of labels beside a column of values ("Dato: / Tid: / Sted:" then "6. oktober
    2016 / 13:00 - 15:00 / Rådhuset"), read one column after the other: "Label: value" lines."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _bare_label(lines[j].text):
            j += 1
        count = j - i
        values = lines[j : j + count]
        if count >= 2 and len(values) == count and not any(_labelled(v.text) for v in values):
            out.extend(
                replace(v, text=f"{lab.text.rstrip(' :')}: {v.text}")
                for lab, v in zip(lines[i:j], values, strict=True)
            )
            i = j + count
            continue
        out.extend(lines[i : max(j, i + 1)])
        i = max(j, i + 1)
    return out


#: a line under the meeting's date and time that ends the place block: a list of persons, a contents
_PLACE_STOP = re.compile(
    r"(?i)^(?:medlemmer|deltagere|til ?stede|fraværende|afbud|indhold|indholdsfortegnelse|dagsorden|referat"
    r"|åben|åbent|lukket|bemærk|sekretær|mødeleder|formand)\b"
)


def _place_block(lines: list[Line], start: int) -> str | None:
    """The meeting place on unlabelled lines under its date (and time): "i Mødecenter C, Lokale 32",
    or a room and an address over several lines, joined by commas."""
    parts: list[str] = []
    first: Line | None = None
    for line in lines[start : start + 5]:
        text = line.text.strip()
        if first is None and find_time(text) and not find_date(text) and len(text) <= 20:
            continue  # the time on a line of its own ("Kl. 10:30")
        if (
            len(text) > 80
            or ":" in text
            or find_date(text)
            or KIND.search(text)
            or _PLACE_STOP.match(text)
            or _item_entry(text)
            or (
                first is not None and (line.bold != first.bold or line.level != first.level or len(text) > 40)
            )
        ):
            break
        if first is None:
            place = re.sub(r"(?i)^(?:i|på)\s+", "", text)
            if not (PLACE_WORD.search(text) or place != text):
                return None
            first = line
            text = place
        parts.append(text.strip(" .,"))
    return ", ".join(parts) if parts else None


def read_header(lines: list[Line]) -> Header:
    lines = _one_label_each(lines)
    head = Header()
    day: date | None = None
    clock: time | None = None
    body_from_kind = None
    bodies: list[tuple[int, str]] = []  # (rank, name): the best-ranked first mention wins
    location_from_title = None
    labelled_day = False
    place_candidates: list[str] = []
    for i, line in enumerate(lines):
        text = line.text
        label = HEADER_LABEL.match(text)
        if label:
            name = label.group("label").casefold()
            value = label.group("v").strip(" :")
            has_colon = ":" in text[label.start("label") : label.start("v") + 1]
            # a label in bold on a line of its own ("**Udvalg**" over "Byrådet", a table of two columns)
            if name not in _BARE_LABELS and not has_colon and not (line.bold and not value):
                label = None
            else:
                if not value and i + 1 < len(lines):
                    value = lines[i + 1].text
                if name in _DATE_LABELS and not labelled_day:
                    hit = find_date(value)
                    if hit:
                        # a labelled date wins over one in a title line, and brings its time
                        labelled_day = True
                        if day != hit[0]:
                            clock = None
                        day = hit[0]
                        clock = find_time(value[hit[2] :]) or clock
                elif name in _DATE_LABELS and clock is None and _same_day(value, day):
                    clock = find_time(value)  # the same date again, now with its time
                elif name in _TIME_LABELS and clock is None:
                    clock = find_time(value) or find_time("kl. " + value)
                if name in _PLACE_LABELS and head.location is None and value:
                    head.location = value
                if name in _BODY_LABELS and head.body is None and value:
                    head.body = _clean_body(value) or value
                continue
        kind = KIND.search(text)
        # an item title listed before the items ("1. Godkendelse af dagsorden") does not say what the document is
        if kind and head.kind is None and len(text) < 160 and not _item_entry(text):
            head.kind = "minutes" if kind.group("minutes") else "agenda"
            rest = text[: kind.start()] + " " + text[kind.end() :]
            hit = find_date(rest)
            if hit:
                if day is None:
                    day = hit[0]
                    clock = find_time(rest[hit[2] :]) or clock
                rest = rest[: hit[1]] + " " + rest[hit[2] :]
            rest = re.sub(r"(?i)\bkl\.?\s*\d{1,2}(?:[:.]\d{2})?", " ", rest)
            parts = _SEPARATOR.split(rest.strip(" -–"))
            candidate = _clean_body(parts[0]) if parts and parts[0].strip() else None
            if candidate:
                # "REFERAT Direktionen d. 30-05-2016" names the body; "UDSKRIFT AF
                # FORHANDLINGSPROTOKOL" does not, and only counts if nothing better turns up
                bodies.append((0 if BODY_WORD.search(candidate) else 2, candidate))
            continue
        if day is not None and clock is None and len(text) <= 20 and not find_date(text):
            found = find_time(text)  # "Kl. 10:30" on a line of its own, under the date
            if found:
                clock = found
                continue
        org = _ORGANIZATION.match(text)
        if org and head.organization is None:
            head.organization = org.group("org")
            continue
        hit = find_date(text)
        # the meeting's date again (under a running header's "Dato: ..."): its time and place still count
        if hit and (day is None or (hit[0] == day and hit[1] > 0)) and len(text) < 120:
            day = hit[0]
            clock = clock or find_time(text[hit[2] :])
            place = DATE_LINE_PLACE.search(text)
            if place and head.location is None:
                head.location = place.group("place").strip(" .")
            elif head.location is None and i + 1 < len(lines):
                head.location = _place_block(lines, i + 1)
            # "Byrådet, tirsdag den 19. december 2017 kl. 19:00": the body leads the date
            lead = _clean_body(_WEEKDAY_END.sub("", text[: hit[1]]))
            if lead and BODY_WORD.search(lead):
                bodies.append((1, lead))
            continue
        if BODY_WORD.search(text) and len(text.split()) <= 12:
            parts = _SEPARATOR.split(text)
            place_candidates.append(text)
            candidate = _clean_body(parts[0])
            if candidate:
                bodies.append((1, candidate))
                if len(parts) > 1 and location_from_title is None:
                    location_from_title = parts[1].strip()
    if bodies:
        body_from_kind = min(bodies, key=lambda b: b[0])[1]
    head.body = head.body or body_from_kind
    if (
        head.location is None
        and location_from_title
        and head.body
        and not head.body.endswith(location_from_title)
    ):
        head.location = location_from_title
    if head.body and head.location is None:
        # FirstAgenda: "Teknisk Udvalg - Udvalgsværelse 398"
        for text in place_candidates:
            parts = _SEPARATOR.split(text)
            if len(parts) == 2 and parts[0].strip().casefold() == head.body.casefold():
                head.location = parts[1].strip()
                break
    head.day, head.clock = day, clock
    return head


def start_of(head: Header) -> str | None:
    """ISO local time; only the date where the document gives no time."""
    if head.day is None:
        return None
    if head.clock is None:
        return head.day.isoformat()
    return datetime.combine(head.day, head.clock).isoformat()
