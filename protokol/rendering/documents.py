"""A stored meeting as the document dict the renderers take, in the edition asked for."""

from datetime import date

from django.utils import timezone

from protokol.meetings import queries
from protokol.meetings.editions import agenda_edition, internal_edition, public_edition
from protokol.meetings.identity import logo_type
from protokol.meetings.interchange import export_meeting
from protokol.meetings.models import Meeting
from protokol.meetings.services import minutes_digest
from protokol.people.queries import signature_states

EDITIONS = ("public", "internal")
KINDS = ("agenda", "minutes")


def meeting_document(meeting: Meeting, *, edition: str, kind: str | None = None) -> dict:
    """The meeting as `kind` ("agenda": as sent, with only the decisions it quotes; "minutes": with all).

    Without a kind, the public edition is what the public may read (the minutes once they are
    published, else the agenda), and the internal edition is the meeting's own kind. Whether the
    reader may have the minutes is the caller's question (meetings.queries.shown_kind).
    """
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}")
    if kind is None:
        kind = queries.shown_kind(queries.public_user(), meeting) if edition == "public" else meeting.kind
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    doc = export_meeting(meeting) | identity(meeting)
    if kind == "agenda":
        doc = agenda_edition(doc, quoted=lambda d: _quoted(meeting, d))
    elif meeting.minutes_hash:
        # Approved minutes print their checksum, of the data (not of the PDF), as the portal shows it.
        doc |= checksums(meeting)
    if edition != "internal":
        return _with_late_reason(public_edition(doc), meeting, kind)
    if kind == "minutes":
        doc["signatures"] = signatures(meeting)
    return _with_late_reason(internal_edition(doc), meeting, kind)


def _with_late_reason(doc: dict, meeting: Meeting, kind: str) -> dict:
    """An agenda sent after the body's deadline prints why (not part of the minutes' checksummed text)."""
    if kind == "agenda" and meeting.agenda_late_reason:
        doc["late_reason"] = meeting.agenda_late_reason
    return doc


def identity(meeting: Meeting) -> dict:
    """The document extras ``accent`` and ``logo`` (PNG or JPEG bytes) of the meeting's organisation."""
    org = meeting.body.organization
    out: dict = {"accent": org.accent_color} if org.accent_color else {}
    if org.logo:
        with org.logo.open("rb") as f:
            data = f.read()
        if logo_type(data[:8]):
            out["logo"] = data
    return out


def checksums(meeting: Meeting) -> dict:
    """The document extras ``public_checksum`` and ``internal_checksum`` of approved minutes: the digest
    stored at approval (or at the latest amendment), its version and the latest amendment's time."""
    out = {}
    for public in (True, False):
        checksum = queries.edition_checksum(meeting, public=public)
        if checksum:
            amended = checksum.amendment.at if checksum.amendment else None
            out["public_checksum" if public else "internal_checksum"] = {
                "digest": checksum.digest,
                "version": checksum.version,
                "amended": timezone.localtime(amended).isoformat() if amended else None,
            }
    return out


def signatures(meeting: Meeting) -> list[dict]:
    """Each participant who signs, with the time of their latest signature and whether it was given to
    the minutes as they read now (the document extra ``signatures``; internal edition only)."""
    return [
        {
            "name": state.person.name,
            "party": state.person.party.letter if state.person.party else None,
            "at": timezone.localtime(state.signature.at).isoformat(timespec="minutes")
            if state.signature
            else None,
            "current": state.current,
        }
        for state in signature_states(meeting, digest=minutes_digest(meeting))
    ]


def _quoted(meeting: Meeting, decision: dict) -> bool:
    day = date.fromisoformat(decision["date"]) if decision.get("date") else None
    return queries.quoted_earlier(meeting, body_name=decision.get("body") or "", day=day)


def render_meeting(meeting: Meeting, *, edition: str, fmt: str, kind: str | None = None) -> bytes:
    """The agenda or minutes of a meeting as PDF or HTML bytes."""
    doc = meeting_document(meeting, edition=edition, kind=kind)
    if fmt == "pdf":
        from protokol.rendering.pdf import render_pdf

        return render_pdf(doc)
    if fmt == "html":
        from protokol.rendering.html import render_html

        return render_html(doc).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}")
