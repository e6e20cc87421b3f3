"""Agenda and minutes as PDF (Typst) and HTML, in a public and an internal edition.

    from protokol.rendering.pdf import render_pdf    # bytes, PDF/A-2a + PDF/UA-1
    from protokol.rendering.html import render_html  # str, standalone HTML

Both take a *document dict* (the interchange format ``protokol/meeting@1`` plus the optional
extras ``edition``, ``organization``, ``participants``, ``absent``, ``end``, a decision's
``outcome``, an attachment's ``public`` and, for the internal edition only, ``signatures``: a list of
``{"name", "party", "at" (ISO time or null), "current"}``, those who sign the minutes and whether
their signature was given to this text), the organisation's ``accent`` ("#rrggbb") and ``logo`` (PNG or
JPEG bytes), and ``public_checksum`` / ``internal_checksum`` (internal
edition only): ``{"digest", "version", "amended"}``, the approved minutes' checksum of each edition.
Without ``edition`` they render the public one.

This module holds what both renderers share: ``present(doc)`` turns the document into a
presentation model of plain strings (Danish labels, formatted dates, paragraphs split into
lines), so that the Typst template and the HTML template only lay out text and never decide
wording or access. Every value in it is data, never markup.
"""

from datetime import date, datetime, time

from protokol.common.danish import (
    format_date,
    format_meeting_datetime,
    format_time,
    genitive,
)
from protokol.common.richtext import clean_chars as _clean
from protokol.common.richtext import is_html, paragraphs, plain_blocks, to_blocks, to_html, to_plain
from protokol.meetings.editions import CLOSED_ITEM_TITLE, edition_of, is_public_item
from protokol.meetings.identity import COLOR_RE, logo_type
from protokol.rendering.attendance import attendance_facts, item_absent_line, name_labels
from protokol.rendering.legal_record import disqualified_lines, statement_line, vote_lines

KIND_LABELS = {"minutes": "Referat", "agenda": "Dagsorden"}
ACCENT = "#1f3a5f"  # without an organisation's own colour
ACCESS_OPEN = "Åbent"
SUPPLEMENTARY = "Tillægspunkt"
ACCESS_CLOSED = "Lukket"
# The reasons for closing an item (protokol.meetings.enums.ClosedReason), in the documents' Danish.
CLOSED_REASON_LABELS = {
    "personal": "Personlige forhold",
    "contract": "Kontraktforhandlinger og udbud",
    "property": "Køb og salg af fast ejendom",
    "business": "Drifts- og forretningsforhold",
    "legal": "Retssager og advokatbistand",
    "other": "Andet",
}
WITHHELD = "Der kan ikke gives en offentlig beslutningstekst"


def _parse_datetime(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str) and value.strip():
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _parse_time(value: object) -> time | datetime | None:
    if isinstance(value, time | datetime):
        return value
    if isinstance(value, str) and value.strip():
        for parse in (datetime.fromisoformat, time.fromisoformat):
            try:
                return parse(value.strip())
            except ValueError:
                continue
    return None


def _text(value: object) -> str:
    """A one-line value (title, name, number): all whitespace, newlines too, collapsed to one space."""
    return "" if value is None else " ".join(_clean(str(value)).split())


def _rich(text: object, record: list[list[str]] | None = None) -> dict:
    """A text field for both templates (protokol.common.richtext): HTML text as `html` (the HTML
    edition) and plain text as `paragraphs` of lines, the legal record's paragraphs after either; and
    all of it as `blocks` (the PDF)."""
    given = str(text or "")
    record = record or []
    rich = is_html(given)
    return {
        "html": to_html(given) if rich else "",
        "paragraphs": ([] if rich else paragraphs(given)) + record,
        "blocks": to_blocks(given) + plain_blocks("\n\n".join("\n".join(p) for p in record)),
    }


def decision_heading(body: str, when: date | None) -> str:
    """ "Direktionens møde den 30. maj 2016:" (the heading the importer reads back as a decision)."""
    if when is None:
        return f"{genitive(body)} møde:"
    return f"{genitive(body)} møde den {format_date(when)}:"


def _record(decision: dict, item: dict, labels: dict[str, str], *, own: bool) -> list[list[str]]:
    """The legal record under a decision: its votes and protokoltilførsler, and under the meeting's own
    decision who was disqualified; each a paragraph, where the importer reads them back."""
    out = [lines for vote in decision.get("votes") or [] if (lines := vote_lines(vote))]
    out += [[line] for s in decision.get("statements") or [] if (line := statement_line(s))]
    if own:
        out += [[line] for line in disqualified_lines(item.get("disqualified"), labels=labels)]
    return out


def _decisions(
    item: dict, *, doc_body: str, kind: str, meeting_date: date | None, labels: dict[str, str]
) -> list[dict]:
    out = []
    decisions = item.get("decisions") or []
    own_ones = [d for d in decisions if (_text(d.get("body")) or doc_body) == doc_body]
    own = own_ones[-1] if own_ones else None
    for decision in decisions:
        body = _text(decision.get("body")) or doc_body
        when = _parse_datetime(decision.get("date"))
        when_date = when.date() if when else None
        # An agenda goes out before the meeting: a decision of this very meeting is a draft then.
        if kind == "agenda" and body == doc_body and when_date == meeting_date:
            continue
        # The outcome is not printed: the decision's own words state it, as in the reference minutes.
        # A closed item's decision in the public edition has its public text only, or why there is none.
        text = decision.get("text") or decision.get("public_text")
        if not text and decision.get("public_text_withheld"):
            text = f"{WITHHELD}: {_text(decision['public_text_withheld'])}"
        # Imported minutes keep the printed words in the text: a line already there is not printed twice.
        printed = " ".join(to_plain(text).split())
        record = [
            kept
            for paragraph in _record(decision, item, labels, own=decision is own)
            if (kept := [line for line in paragraph if " ".join(line.split()) not in printed])
        ]
        out.append({"heading": decision_heading(body, when_date), **_rich(text, record)})
    return out


def _item(
    item: dict,
    *,
    doc_body: str,
    kind: str,
    meeting_date: date | None,
    internal: bool,
    labels: dict[str, str],
) -> dict:
    number = _text(item.get("number"))
    title = _text(item.get("title"))
    is_open = is_public_item(item)
    toc = title if is_open or title == CLOSED_ITEM_TITLE else f"Lukket: {title}"
    view: dict = {
        "number": number,
        "anchor": f"punkt-{number}" if number else "",
        "heading": f"Punkt {number}: {toc}" if number else toc,
        "toc": toc,
        "public": is_open,
        "access": ACCESS_OPEN if is_open else ACCESS_CLOSED,
        # Added after the agenda was sent: printed under the access mark on the agenda and the minutes.
        "supplementary": SUPPLEMENTARY if item.get("supplementary") is True else "",
        "closed_facts": [],
        "closed_reason": [],
        "case_line": [],
        "case_type": "",
        "sections": [],
        "attachments": [],
        "decisions": [],
        "absent_line": "",
    }
    if not is_open and not internal:
        # The public edition: heading, reason and public decision texts, nothing else.
        given = item.get("closed_reason")
        reason = given if isinstance(given, dict) else {}
        label = CLOSED_REASON_LABELS.get(reason.get("category") or "", "")
        if label:
            view["closed_facts"].append({"label": "Begrundelse for lukning:", "value": label})
        view["closed_reason"] = paragraphs(reason.get("text"))
        view["decisions"] = _decisions(
            item, doc_body=doc_body, kind=kind, meeting_date=meeting_date, labels=labels
        )
        return view
    view["case_line"] = [
        {"label": label, "value": _text(item.get(key))}
        for label, key in (
            ("Sagsnr.:", "case_number"),
            ("J.nr.:", "journal_number"),
            ("Dokumentnr.:", "document_number"),
        )
        if _text(item.get(key))
    ]
    view["case_type"] = _text(item.get("case_type"))
    view["sections"] = [
        {"heading": _text(s.get("heading")), **_rich(s.get("text"))}
        for s in item.get("sections") or []
        if _text(s.get("heading")) or _text(to_plain(s.get("text")))
    ]
    view["attachments"] = [
        {"title": _text(a.get("title")), "document_number": _text(a.get("document_number"))}
        for a in item.get("attachments") or []
    ]
    view["decisions"] = _decisions(
        item, doc_body=doc_body, kind=kind, meeting_date=meeting_date, labels=labels
    )
    view["absent_line"] = item_absent_line(item.get("absent"), labels)
    return view


def _signatures(given: object) -> list[dict]:
    """ "Anna Andersen (A)" / "Underskrevet 3. juni 2026 kl. 14:05", for each participant who signs."""
    out = []
    for s in given if isinstance(given, list) else []:
        if not isinstance(s, dict) or not _text(s.get("name")):
            continue
        name, party = _text(s.get("name")), _text(s.get("party"))
        at = _parse_datetime(s.get("at"))
        if at is None:
            state = "Ikke underskrevet"
        else:
            state = f"Underskrevet {format_date(at)} kl. {format_time(at)}"
            if s.get("current") is False:
                state += " – givet til en tidligere udgave af teksten"
        out.append({"name": f"{name} ({party})" if party else name, "state": state})
    return out


def _checksum(given: object, *, internal: bool) -> dict | None:
    """ "Kontrolsum (SHA-256) for den offentlige udgave, version 1, som godkendt" and the digest: the
    checksum of the edition the document is, of its data as approved (never of the PDF's own bytes)."""
    if not isinstance(given, dict) or not _text(given.get("digest")):
        return None
    edition = "interne" if internal else "offentlige"
    version = given.get("version") or 1
    amended = _parse_datetime(given.get("amended"))
    state = f"efter rettelse af {format_date(amended)}" if amended and version > 1 else "som godkendt"
    return {
        "label": f"Kontrolsum (SHA-256) for den {edition} udgave af referatet, version {version}, {state}:",
        "digest": _text(given["digest"]),
    }


def present(doc: dict) -> dict:
    """The presentation model of a document dict, after applying the edition it asks for."""
    doc = edition_of(doc)
    internal = doc["edition"] == "internal"
    given_kind = doc.get("kind")
    kind = given_kind if isinstance(given_kind, str) and given_kind in KIND_LABELS else "agenda"
    kind_label = KIND_LABELS[kind]
    body = _text(doc.get("body"))
    organization = _text(doc.get("organization"))
    start = _parse_datetime(doc.get("start"))
    meeting_date = start.date() if start else None
    date_text = format_date(start) if start else ""

    facts = []
    if start:
        facts.append(
            {"label": "Mødedato", "value": format_meeting_datetime(start, end=_parse_time(doc.get("end")))}
        )
    if _text(doc.get("location")):
        facts.append({"label": "Mødested", "value": _text(doc.get("location"))})
    if kind == "agenda" and _text(doc.get("late_reason")):
        facts.append({"label": "Udsendt efter fristen", "value": _text(doc.get("late_reason"))})
    labels = name_labels(doc.get("participants"))

    title = " – ".join(part for part in (kind_label, body, date_text) if part)
    if internal:
        title += " (intern udgave)"
    return {
        "edition": doc["edition"],
        "edition_label": "Intern udgave – må ikke offentliggøres" if internal else "",
        "kind": kind,
        "kind_label": kind_label,
        "title": title,
        "author": organization or body or "protokol",
        "organization": organization,
        # The organisation's colour for headings and the cover line, and its logo on the front page (its
        # bytes as a list of numbers: the template reads the document as JSON).
        "accent": accent
        if isinstance(accent := doc.get("accent"), str) and COLOR_RE.match(accent)
        else ACCENT,
        "logo": list(logo) if isinstance(logo := doc.get("logo"), bytes) and logo_type(logo[:8]) else None,
        "body": body,
        # The front page line of the genre, with the date written out as on the web: "REFERAT Direktionen
        # 30. maj 2016".
        "cover": kind_label.upper(),
        "cover_rest": " ".join(p for p in (body, date_text) if p),
        "date": date_text,
        "start_date": meeting_date.isoformat() if meeting_date else "",
        "running_left": body + (" – intern udgave" if internal else ""),
        "running_right": " ".join(p for p in (kind_label, date_text) if p),
        "facts": facts,
        # The genre's lines under the meeting's facts: "Fraværende: Ole Holm (V) (afbud)".
        "attendance": attendance_facts(doc.get("participants"), doc.get("absent")),
        "items": [
            _item(item, doc_body=body, kind=kind, meeting_date=meeting_date, internal=internal, labels=labels)
            for item in doc.get("items") or []
        ],
        "checksum": _checksum(doc.get(f"{doc['edition']}_checksum"), internal=internal),
        # Who signed: part of the internal record only (the public edition carries no signatures).
        "signatures": _signatures(doc.get("signatures")) if internal else [],
    }
