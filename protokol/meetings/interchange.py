"""A stored meeting in the interchange format protokol/meeting@1 (DESIGN.md), in full.

Redaction for an audience is the job of `meetings.editions` and the queries, not this module's.
"""

from typing import Any

from protokol.meetings.models import AgendaItem, Decision, Meeting
from protokol.people import queries as people_queries

SCHEMA = "protokol/meeting@1"


def _start(meeting: Meeting) -> str:
    if meeting.start_time is None:
        return meeting.date.isoformat()
    return f"{meeting.date.isoformat()}T{meeting.start_time.strftime('%H:%M:%S')}"


def _decision(d: Decision, *, closed: bool) -> dict:
    out = {
        "body": d.body_name,
        "date": d.date.isoformat() if d.date else None,
        "text": d.text,
        "outcome": d.outcome,
    }
    if closed and d.public_text:
        out["public_text"] = d.public_text
    if closed and d.public_text_withheld:
        out["public_text_withheld"] = d.public_text_withheld
    return out


def _number(item: AgendaItem) -> int | str | None:
    """As printed: a whole number as a number, an outline number ("1.1") or "12a" as text."""
    printed = item.printed_number
    if not printed:
        return item.number
    return int(printed) if printed.isdigit() else printed


def export_item(item: AgendaItem) -> dict:
    case = item.case
    closed = not item.public
    out: dict[str, Any] = {
        "number": _number(item),
        "title": item.title,
        "public": item.public,
        "case_number": case.number if case else None,
        "journal_number": (item.case_journal_number or None) if case else None,
        "document_number": item.document_number or None,
        "case_type": item.case_type or None,
        "route": [step.name for step in item.route_steps.all()],
        "sections": [{"heading": s.heading, "text": s.text} for s in item.sections.all() if s.text],
        "attachments": [
            {"title": a.title, "document_number": a.document_number or None, "public": a.public}
            for a in item.attachments.all()
        ],
        "decisions": [_decision(d, closed=closed) for d in item.decisions.all()],
    }
    absent = [a.person.name for a in item.absences.all()]
    if absent:
        # Only where someone was away, so that minutes approved before this key existed keep their checksum.
        out["absent"] = absent
    if item.supplementary:
        # Only where true, as "absent": approved minutes from before this key keep their checksum.
        out["supplementary"] = True
    disqualified = [d.person.name for d in item.disqualifications.all()]
    if disqualified:
        out["disqualified"] = disqualified
    _attach_votes(item, out)
    if closed:
        # The public fields of a closed item (DESIGN.md, interchange: closed item).
        out["public_title"] = item.public_title or None
        out["closed_reason"] = {
            "category": item.closed_reason or None,
            "text": item.closed_reason_text or None,
            "subject_confidential": item.subject_confidential,
        }
    return out


def meeting_items(meeting: Meeting):
    return (
        meeting.items.select_related("case")
        .prefetch_related(
            "route_steps",
            "sections",
            "decisions",
            "attachments",
            "absences__person",
            "disqualifications__person",
            "votes",
            "statements__authors",
        )
        .order_by("position", "number")
    )


def export_meeting(meeting: Meeting, *, as_approved: bool = False) -> dict:
    """The meeting in full; `as_approved` names the body and organisation as they were at approval."""
    body = (as_approved and meeting.approved_body_name) or meeting.body.name
    organization = (as_approved and meeting.approved_organization_name) or meeting.body.organization.name
    participants = people_queries.participants(meeting)
    return {
        "schema": SCHEMA,
        "organization": organization,
        "body": body,
        "kind": meeting.kind,
        "start": _start(meeting),
        "end": meeting.end_time.strftime("%H:%M:%S") if meeting.end_time else None,
        "location": meeting.location or None,
        "participants": participants,
        # Those away from the whole meeting, by name: a summary of `participants` kept for older readers
        # (and so for the checksums of minutes approved before attendance was recorded per person).
        "absent": [p["name"] for p in participants if not p["present"]],
        "items": [export_item(item) for item in meeting_items(meeting)],
    }


def _attach_votes(item: AgendaItem, out: dict) -> None:
    """Votes and protokoltilførsler go with the item's own decision (DESIGN.md), or on the item where it
    has none yet; only where there are any, so that older minutes keep their checksum."""
    votes = [people_queries.vote_document(v) for v in item.votes.all()]
    statements = [people_queries.statement_document(s) for s in item.statements.all()]
    if not votes and not statements:
        return
    own = [d for d in out["decisions"] if d.get("body") == item.meeting.body.name] or out["decisions"][-1:]
    target = own[-1] if own else out
    if votes:
        target["votes"] = votes
    if statements:
        target["statements"] = statements
