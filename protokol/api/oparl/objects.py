"""OParl 1.1 objects (https://oparl.org/spezifikation/) from protokol's models, as the public sees them.

Presentation only: which objects exist for the public is decided by `public.py` (the queries); this
module turns them into OParl JSON. Ids are absolute URLs under /oparl/v1/. Extension fields carry the
prefix `protokol:` (the standard's rule for vendor extensions):

- AgendaItem: `protokol:documentNumber` (Dokumentnr.), `protokol:caseType` (Sagstype),
  `protokol:decision` (every decision quoted on the item, as printed: "<body>, <date>: <text>").
  Extensions are plain values: a client reads every embedded object as an OParl object, and a decision
  has no URL of its own to be one.
- Paper: `protokol:journalNumber` (KLE-nr.); `keyword` holds "KLE <nr>" and the case types.
- File: `protokol:documentNumber`.
- Meeting: `protokol:date` (the day, also where the start time is unknown and `start` is left out),
  `protokol:status` (the lifecycle status; `meetingState` is its Danish label), and for a cancelled
  meeting (`cancelled: true`) `protokol:cancelledReason`.

`Body.shortName` is left out: an organisation has no short name of its own (its slug is a URL part, not a
name), and the standard makes the field optional. `AgendaItem.order` is the item's place in
`Meeting.agendaItem` (0..n-1), whatever gaps its stored position has. `Paper.underDirectionOf` names the
one responsible body (`responsible_body`).

Persons (`Person`, with their `Membership`s embedded) are the members and deputies of the public
bodies and the participants of the public meetings: name, title (as `status`), memberships; never an
e-mail address or a user account. A party (list) is an `Organization` of type "Partei" at
/oparl/v1/party/<id>, listed among the body's organizations, and is a membership's `onBehalfOf`.
`Meeting.participant` names those present, once the minutes are published.

Once the minutes are published, an open item's `resolutionText` is its decision followed by its votes,
protokoltilførsler and disqualified members as the minutes print them (`legal_record`), and `result` is
the outcome of its last vote ("Vedtaget" / "Forkastet") where it was put to a vote, else the decision's
outcome. A closed item shows none of this: its public decision text only.
"""

import hashlib
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from protokol.cases.downloads import file_info
from protokol.cases.models import Attachment, Case
from protokol.common.danish import format_date
from protokol.common.richtext import to_plain
from protokol.meetings.enums import Outcome
from protokol.meetings.models import AgendaItem, Body, Decision, Meeting, Organization
from protokol.meetings.queries import (
    content_item_ids,
    decisions_of,
    decisions_public,
    public_user,
    site_organization,
)
from protokol.meetings.services import next_route_body
from protokol.people.enums import VoteChoice, VoteResult
from protokol.people.models import Membership, Party, Person
from protokol.people.queries import vote_groups
from protokol.rendering.legal_record import statement_line, vote_lines

OPARL_VERSION = "https://schema.oparl.org/1.1/"
LEGISLATIVE_TERM_ANCHOR = 2006  # Danish municipal terms: 4 years from 1 January after the November election


def oparl_type(name: str) -> str:
    return f"{OPARL_VERSION}{name}"


def iso(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def location_key(text: str) -> str:
    return hashlib.sha1(text.strip().encode("utf-8")).hexdigest()[:16]


def term_start(day: date) -> int:
    return LEGISLATIVE_TERM_ANCHOR + (day.year - LEGISLATIVE_TERM_ANCHOR) // 4 * 4


def _clean(obj: dict) -> dict:
    """The standard leaves out properties without a value rather than giving null."""
    return {k: v for k, v in obj.items() if v is not None and v != ""}


def _own_decision(item: AgendaItem, decisions: list[Decision]) -> Decision | None:
    """The decision of the meeting's own body on the item (the last one, preferring the meeting's date)."""
    body = item.meeting.body
    own = [d for d in decisions if d.body_id == body.pk or (d.body_id is None and d.body_name == body.name)]
    same_day = [d for d in own if d.date == item.meeting.date]
    candidates = same_day or own
    return candidates[-1] if candidates else None


def public_decisions(item: AgendaItem) -> list[Decision]:
    """The item's decisions as the public may read them: before the minutes are published only those
    its agenda quotes from earlier treatment."""
    return decisions_of(item, item.meeting, minutes=decisions_public(item.meeting))


def authoritative(item: AgendaItem, decisions: list[Decision]) -> bool:
    """Does this body decide the case here? By its decision where recorded, else by the item's route."""
    own = _own_decision(item, decisions)
    if own is not None:
        return own.outcome not in (Outcome.RECOMMENDED, Outcome.POSTPONED)
    return next_route_body(item) is None


def _decision_line(d: Decision) -> str:
    """A decision as an agenda prints it in the case's history."""
    who = f"{d.body_name}, {format_date(d.date)}" if d.date else d.body_name
    return f"{who}: {to_plain(d.text)}" if d.text else who


def responsible_body(items: list[AgendaItem], public_bodies: set[int]) -> int | None:
    """The one body responsible for a case (OParl's "Federführung"): the first body of its route, as its
    first public appearance with a known route writes it. The route is the secretariat's statement of who
    handles the case, in order, and its head prepares it for the others, so it is the body answerable for
    the paper's content; the bodies that merely consult or decide later are its consultations. Where no
    route names a body OParl shows, the body that put it on a public agenda first."""
    for item in items:
        heads = [s.body_id for s in item.route_steps.all() if s.body_id is not None]
        if heads and heads[0] in public_bodies:
            return heads[0]
    return items[0].meeting.body_id if items else None


def legal_record(item: AgendaItem) -> list[str]:
    """The votes, protokoltilførsler and disqualifications under the item's decision, each a paragraph as
    the minutes print it ("For stemte: A, C, V (15). Imod stemte: F, Ø (10).")."""
    out = []
    for vote in item.votes.all():
        groups = vote_groups(vote)
        counts = [groups.counts.get(c, 0) for c in VoteChoice.values] if groups.counts else None
        printed = {"question": groups.question, "result": groups.result, **groups.groups, "counts": counts}
        out.append("\n".join(vote_lines(printed)))
    for statement in item.statements.all():
        authors = [p.label for p in statement.authors.all()] or [str(a) for a in statement.printed_authors]
        out.append(statement_line({"by": authors, "text": statement.text}))
    out += [
        f"{d.person.label} deltog ikke i behandlingen af punktet på grund af inhabilitet."
        for d in item.disqualifications.all()
    ]
    return [p for p in out if p]


def vote_result(item: AgendaItem) -> str | None:
    """The outcome of the item's last vote in words ("Vedtaget", "Forkastet"), where it was put to a vote."""
    votes = list(item.votes.all())
    return str(VoteResult(votes[-1].result).label) if votes else None


class OParl:
    """Builds OParl objects for one request (absolute URLs need its host)."""

    def __init__(self, request: HttpRequest):
        self.request = request

    # URLs -------------------------------------------------------------------------------------------

    def url(self, name: str, *args: Any) -> str:
        return self.request.build_absolute_uri(reverse(f"oparl:{name}", args=args))

    def site(self, path: str) -> str:
        return self.request.build_absolute_uri(path)

    # System, Body, Organization, LegislativeTerm, Location ------------------------------------------

    def system(self) -> dict:
        # One System per tenant (meetings.tenancy): named after the site's organisation where there is one.
        organization = site_organization()
        return {
            "id": self.url("system"),
            "type": oparl_type("System"),
            "oparlVersion": OPARL_VERSION,
            "name": organization.name if organization is not None else "protokol",
            "body": self.url("body-list"),
            "website": self.site("/"),
            "web": self.site("/"),
        }

    def body(self, org: Organization, terms: list[dict] | None = None) -> dict:
        pk = org.pk
        return _clean(
            {
                "id": self.url("body", pk),
                "type": oparl_type("Body"),
                "system": self.url("system"),
                "name": org.name,
                "classification": "Kommune",
                "organization": self.url("body-organizations", pk),
                "person": self.url("body-persons", pk),
                "meeting": self.url("body-meetings", pk),
                "paper": self.url("body-papers", pk),
                "agendaItem": self.url("body-agendaitems", pk),
                "consultation": self.url("body-consultations", pk),
                "file": self.url("body-files", pk),
                "locationList": self.url("body-locations", pk),
                "legislativeTermList": self.url("body-legislativeterms", pk),
                "legislativeTerm": terms if terms is not None else [],
                "created": iso(org.created),
                "modified": iso(getattr(org, "oparl_modified", org.modified)),
                "web": self.site("/"),
            }
        )

    def legislative_term(self, org_id: int, start_year: int) -> dict:
        return {
            "id": self.url("legislativeterm", org_id, start_year),
            "type": oparl_type("LegislativeTerm"),
            "body": self.url("body", org_id),
            "name": f"Valgperiode {start_year}–{start_year + 3}",
            "startDate": date(start_year, 1, 1).isoformat(),
            "endDate": date(start_year + 3, 12, 31).isoformat(),
        }

    def organization(self, body: Body) -> dict:
        return _clean(
            {
                "id": self.url("organization", body.pk),
                "type": oparl_type("Organization"),
                "body": self.url("body", body.organization_id),
                "name": body.name,
                "shortName": body.aliases[0] if body.aliases else None,
                "organizationType": "Gremium",
                "classification": body.get_kind_display(),
                "meeting": self.url("organization-meetings", body.pk),
                "consultation": self.url("organization-consultations", body.pk),
                "keyword": [body.kind],
                "created": iso(body.created),
                "modified": iso(getattr(body, "oparl_modified", body.modified)),
                "web": self.site(f"/bodies/{body.slug}/"),
            }
        )

    def location(self, text: str, meetings: list[Meeting]) -> dict:
        return _clean(
            {
                "id": self.url("location", location_key(text)),
                "type": oparl_type("Location"),
                "description": text.strip(),
                "bodies": sorted({self.url("body", m.body.organization_id) for m in meetings}),
                "meetings": [self.url("meeting", m.pk) for m in meetings],
                "created": iso(min((m.created for m in meetings), default=None)),
                "modified": iso(max((m.oparl_modified for m in meetings), default=None)),  # type: ignore[attr-defined]  # api.public annotates it
            }
        )

    # Meeting and AgendaItem -------------------------------------------------------------------------

    def meeting_file(self, meeting: Meeting, kind: str) -> dict:
        """The agenda (invitation) or the minutes (resultsProtocol) as the portal renders them."""
        agenda = kind == "invitation"
        word = "dagsorden" if agenda else "referat"
        at = meeting.agenda_published_at if agenda else meeting.minutes_published_at
        path = f"/meetings/{meeting.pk}/{'agenda' if agenda else 'minutes'}.pdf"
        return _clean(
            {
                "id": self.url("meeting-invitation" if agenda else "meeting-results", meeting.pk),
                "type": oparl_type("File"),
                "name": f"{word.capitalize()} – {meeting.body.name} {format_date(meeting.date)}",
                "fileName": f"{word}-{meeting.body.slug}-{meeting.date.isoformat()}.pdf",
                "mimeType": "application/pdf",
                "date": (timezone.localtime(at).date() if at else meeting.date).isoformat(),
                "accessUrl": self.site(path),
                "downloadUrl": self.site(f"{path}?download=1"),
                "meeting": [self.url("meeting", meeting.pk)],
                "created": iso(at),
                "modified": iso(at),
            }
        )

    def has_results_protocol(self, meeting: Meeting) -> bool:
        return decisions_public(meeting)

    def meeting(
        self, meeting: Meeting, items: list[AgendaItem], content_ids: set[int], *, internal=True
    ) -> dict:
        start = meeting.start if meeting.start_time else None
        end = (
            datetime.combine(meeting.date, meeting.end_time, tzinfo=meeting.start.tzinfo)
            if meeting.end_time
            else None
        )
        obj = {
            "id": self.url("meeting", meeting.pk),
            "type": oparl_type("Meeting"),
            "name": f"{meeting.body.name} {format_date(meeting.date)}",
            "meetingState": meeting.get_status_display(),
            "cancelled": meeting.is_cancelled,
            "start": start.isoformat() if start else None,
            "end": end.isoformat() if end else None,
            "organization": [self.url("organization", meeting.body_id)],
            "protokol:date": meeting.date.isoformat(),
            "protokol:status": meeting.status,
            "protokol:cancelledReason": meeting.cancelled_reason if meeting.is_cancelled else None,
            "created": iso(meeting.created),
            "modified": iso(getattr(meeting, "oparl_modified", meeting.modified)),
            "web": self.site(f"/meetings/{meeting.pk}/"),
        }
        if internal:
            if meeting.location.strip():
                obj["location"] = _clean(
                    {
                        "id": self.url("location", location_key(meeting.location)),
                        "type": oparl_type("Location"),
                        "description": meeting.location.strip(),
                    }
                )
            obj["invitation"] = self.meeting_file(meeting, "invitation")
            if self.has_results_protocol(meeting):
                obj["resultsProtocol"] = self.meeting_file(meeting, "resultsProtocol")
            obj["agendaItem"] = [
                self.agenda_item(i, i.pk in content_ids, order=n) for n, i in enumerate(items)
            ]
        return _clean(obj)

    def agenda_item(self, item: AgendaItem, content: bool, *, order: int, internal: bool = True) -> dict:
        """A closed item (or any item whose content the public may not see): number, order, name only.
        `order` is the item's index in its meeting's `agendaItem` (`agenda_order`)."""
        base = {
            "id": self.url("agendaitem", item.pk),
            "type": oparl_type("AgendaItem"),
            "meeting": self.url("meeting", item.meeting_id),
            "number": item.shown_number or None,
            "order": order,
            "name": item.title if content else item.shown_public_title,
            "public": item.public,
            # A tillægspunkt (added after the agenda was sent), for closed items too: that is public.
            "keyword": ["Tillægspunkt"] if item.supplementary else None,
        }
        if not content:
            return _clean(base | self._closed_public_fields(item))
        decisions = public_decisions(item)
        own = _own_decision(item, decisions)
        # The votes and statements are the minutes' own: the public reads them once they are published.
        minutes = decisions_public(item.meeting)
        record = legal_record(item) if minutes else []
        # OParl's resolutionText is text: formatted decisions as plain text (protokol.common.richtext).
        resolution = "\n\n".join(p for p in [to_plain(own.text) if own else "", *record] if p)
        obj: dict[str, Any] = base | {
            "public": True,
            "consultation": self.url("consultation", item.pk) if item.case_id else None,
            "result": (minutes and vote_result(item)) or (own.get_outcome_display() if own else None),
            "resolutionText": resolution or None,
            "keyword": [k for k in (item.case_type, "Tillægspunkt" if item.supplementary else "") if k]
            or None,
            "protokol:documentNumber": item.document_number or None,
            "protokol:caseType": item.case_type or None,
            "protokol:decision": [_decision_line(d) for d in decisions] or None,
            "created": iso(item.created),
            "modified": iso(getattr(item, "oparl_modified", item.modified)),
            "web": self.site(f"/meetings/{item.meeting_id}/items/{item.number}/") if item.number else None,
        }
        if internal:
            files = [self.file(a) for a in item.attachments.all() if a.public]
            obj["auxiliaryFile"] = files or None
        return _clean(obj)

    def _closed_public_fields(self, item: AgendaItem) -> dict:
        """What the public reads of a closed item: the reason, and its public decision text once the minutes
        are published (OParl is public data only)."""
        if item.public:
            return {}
        out = {
            "protokol:closedReason": str(item.get_closed_reason_display()) if item.closed_reason else None,
            "protokol:closedReasonText": item.closed_reason_text or None,
        }
        if decisions_public(item.meeting):
            own = _own_decision(item, list(item.decisions.all()))
            if own is not None:
                out["resolutionText"] = to_plain(own.public_text) or None
                out["protokol:resolutionWithheld"] = own.public_text_withheld or None
        return out

    # Paper and Consultation -------------------------------------------------------------------------

    def consultation(self, item: AgendaItem) -> dict:
        decisions = public_decisions(item)
        decides = authoritative(item, decisions)
        return _clean(
            {
                "id": self.url("consultation", item.pk),
                "type": oparl_type("Consultation"),
                "paper": self.url("paper", item.case_id),
                "agendaItem": self.url("agendaitem", item.pk),
                "meeting": self.url("meeting", item.meeting_id),
                "organization": [self.url("organization", item.meeting.body_id)],
                "authoritative": decides,
                "role": (item.case_type or "Beslutning") if decides else "Indstilling",
                "created": iso(item.created),
                "modified": iso(getattr(item, "oparl_modified", item.modified)),
            }
        )

    def paper(
        self, case: Case, items: list[AgendaItem], *, public_bodies: set[int], internal: bool = True
    ) -> dict:
        """A case; `items` are its public appearances in meeting order (each one a consultation);
        `public_bodies` the ids of the bodies OParl shows (a reference must lead to one)."""
        responsible = responsible_body(items, public_bodies)
        types = list(dict.fromkeys(i.case_type for i in items if i.case_type))
        keyword = ([f"KLE {case.journal_number}"] if case.journal_number else []) + types
        obj: dict[str, Any] = {
            "id": self.url("paper", case.pk),
            "type": oparl_type("Paper"),
            "body": self.url("body", case.organization_id),
            "name": case.title or case.number,
            "reference": case.number,
            "date": items[0].meeting.date.isoformat() if items else None,
            "paperType": types[-1] if types else None,
            "underDirectionOf": [self.url("organization", responsible)] if responsible else None,
            "keyword": keyword or None,
            "protokol:journalNumber": case.journal_number or None,
            "created": iso(case.created),
            "modified": iso(getattr(case, "oparl_modified", case.modified)),
            "web": self.site(f"/cases/{quote(case.number, safe='')}/"),
        }
        if internal:
            obj["consultation"] = [self.consultation(i) for i in items] or None
            files = [self.file(a) for i in items for a in i.attachments.all() if a.public]
            obj["auxiliaryFile"] = files or None
        return _clean(obj)

    # File -------------------------------------------------------------------------------------------

    def file(self, att: Attachment) -> dict:
        item = att.item
        info = file_info(att)
        return _clean(
            {
                "id": self.url("file", att.pk),
                "type": oparl_type("File"),
                "name": att.title,
                "fileName": info["file_name"],
                "mimeType": info["mime_type"],
                "date": item.meeting.date.isoformat(),
                "size": info["size"],
                "sha512Checksum": info["sha512"],
                "text": att.text or None,
                "accessUrl": self.url("file-access", att.pk),
                "downloadUrl": self.url("file-download", att.pk),
                "meeting": [self.url("meeting", item.meeting_id)],
                "agendaItem": [self.url("agendaitem", item.pk)],
                "paper": [self.url("paper", item.case_id)] if item.case_id else None,
                "protokol:documentNumber": att.document_number or None,
                "created": iso(att.created),
                "modified": iso(getattr(att, "oparl_modified", att.modified)),
            }
        )

    # Person, Membership, party ----------------------------------------------------------------------

    def person(self, person: Person, memberships: list[Membership]) -> dict:
        """A person's public part only: never `email`, nothing of a user account."""
        return _clean(
            {
                "id": self.url("person", person.pk),
                "type": oparl_type("Person"),
                "body": self.url("body", person.organization_id),
                "name": person.name,
                "status": [person.title] if person.title else None,
                "membership": [self.membership(m) for m in memberships] or None,
                "created": iso(person.created),
                "modified": iso(getattr(person, "oparl_modified", person.modified)),
            }
        )

    def membership(self, m: Membership) -> dict:
        party_id = m.person.party_id
        return _clean(
            {
                "id": self.url("membership", m.pk),
                "type": oparl_type("Membership"),
                "person": self.url("person", m.person_id),
                "organization": self.url("organization", m.body_id),
                "role": str(m.get_role_display()),
                "votingRight": m.voting_right,
                "startDate": m.start_date.isoformat(),
                "endDate": m.end_date.isoformat() if m.end_date else None,
                # The person's list today: protokol keeps no history of a person's party.
                "onBehalfOf": self.url("party", party_id) if party_id else None,
                "keyword": [m.role],
                "created": iso(m.created),
                "modified": iso(getattr(m, "oparl_modified", m.modified)),
            }
        )

    def party(self, party: Party) -> dict:
        return _clean(
            {
                "id": self.url("party", party.pk),
                "type": oparl_type("Organization"),
                "body": self.url("body", party.organization_id),
                "name": party.name,
                "shortName": party.letter,
                "organizationType": "Partei",
                "classification": "Parti",
                "created": iso(party.created),
                "modified": iso(getattr(party, "oparl_modified", party.modified)),
            }
        )


def with_content_ids(items: list[AgendaItem]) -> set[int]:
    return content_item_ids(public_user(), items)
