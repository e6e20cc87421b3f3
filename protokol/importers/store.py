"""Store one parsed document (protokol/meeting@1) through the services, in one transaction.

The same document imported twice updates the meeting, never duplicates it: a meeting is found by its
body and date, an item by its number, a decision by its body and date, an attachment by its title. The
minutes of a meeting whose agenda came first complete that meeting. Approved minutes that change on
re-import change by amendment, with the file named as the reason; a change an amendment of this meeting
cannot hold (the KLE number of a case other minutes share) is refused.

A re-import never makes an item more open than it is: a document may close an open item, but a closed
item stays closed whatever the document says (or leaves unsaid), since a public edition shows a closed
item by its title alone, unmarked. Opening a closed item is the secretariat's decision, in the workspace
(services.update_item, logged as item.open). Of an item's sections, the document is the source for what
it states: where it prints any, they replace the stored ones; where it shows the item by title alone,
the stored sections stay.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from protokol.cases import services as case_services
from protokol.cases.models import Attachment, Case
from protokol.common.actors import Actor
from protokol.common.errors import ProtokolError
from protokol.meetings import services
from protokol.meetings.enums import PUBLISHED_STATUSES, BodyKind, ClosedReason, MeetingStatus
from protokol.meetings.models import AgendaItem, Body, Meeting, Organization
from protokol.people import services as people_services
from protokol.people.enums import AttendanceStatus, MembershipRole
from protokol.people.models import Person

from .legal_store import store_legal_record


@dataclass
class StoreResult:
    meeting: Meeting
    created: bool
    items: int
    closed: int
    decisions: int
    attachments: int
    participants: int = 0
    # What the import could not decide and a person should look at (a name two persons share).
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line in the active language: "direktionen/2016-05-30: referat, 7 punkter (1 lukket), ..."."""
        kind = _("referat") if self.meeting.kind == "minutes" else _("dagsorden")
        counts = [
            ngettext("%(n)d punkt", "%(n)d punkter", self.items) % {"n": self.items}
            + " ("
            + ngettext("%(n)d lukket", "%(n)d lukkede", self.closed) % {"n": self.closed}
            + ")",
            ngettext("%(n)d beslutning", "%(n)d beslutninger", self.decisions) % {"n": self.decisions},
            ngettext("%(n)d bilag", "%(n)d bilag", self.attachments) % {"n": self.attachments},
        ]
        if self.participants:
            counts.append(
                ngettext("%(n)d deltager", "%(n)d deltagere", self.participants) % {"n": self.participants}
            )
        verb = _("oprettet") if self.created else _("opdateret")
        line = f"{self.meeting.key}: {kind}, {', '.join(counts)} ({verb})"
        return "\n".join([line, *(f"  {_('advarsel')}: {w}" for w in self.warnings)])


def _body_kind(name: str) -> str:
    lowered = name.casefold()
    if "byråd" in lowered or "kommunalbestyrelse" in lowered or "regionsråd" in lowered:
        return BodyKind.COUNCIL
    if "direktion" in lowered or "bestyrelse" in lowered:
        return BodyKind.BOARD
    if "udvalg" in lowered or "magistrat" in lowered:
        return BodyKind.COMMITTEE
    return BodyKind.OTHER


def _body(org: Organization, name: str, by: Actor) -> Body:
    body = services.find_body(organization=org, name=name)
    return body or services.create_body(organization=org, name=name, kind=_body_kind(name), by=by)


def _start(doc: dict) -> tuple[date, Any]:
    raw = doc.get("start")
    if not raw:
        raise ProtokolError(_("Dokumentet har ingen mødedato."))
    try:
        start = datetime.fromisoformat(raw)
    except ValueError as err:
        raise ProtokolError(_("Ugyldig mødedato: %(v)s") % {"v": raw}) from err
    return start.date(), (start.time() if "T" in raw else None)


def _find_meeting(body: Body, day: date, start_time) -> Meeting | None:
    candidates = Meeting.objects.filter(body=body, date=day)
    if start_time is not None:
        exact = candidates.filter(start_time=start_time).first()
        if exact:
            return exact
    return candidates.order_by("start_time", "pk").first()


def _case(org: Organization, it: dict, by: Actor) -> Case | None:
    number = (it.get("case_number") or "").strip()
    if not number:
        return None
    return case_services.resolve_case(
        organization=org,
        number=number,
        title=it.get("title") or "",
        journal_number=it.get("journal_number") or "",
        by=by,
    )


def _sections(it: dict) -> list[tuple[str, str]]:
    return [
        (s.get("heading") or "", s.get("text") or "") for s in it.get("sections") or [] if s.get("heading")
    ]


def _store_item(
    meeting: Meeting, org: Organization, it: dict, *, by: Actor, reason: str, files: dict[str, Path]
) -> AgendaItem:
    given = it.get("number")
    printed = given.strip() if isinstance(given, str) else ""
    if not isinstance(given, int) and not printed:
        raise ProtokolError(_("Et punkt uden nummer: %(t)s") % {"t": (it.get("title") or "")[:60]})
    # A number printed otherwise than as a whole number ("1.1", "12a") is kept as printed; the item is
    # found again by it, and gets the next free whole number as its place.
    found = meeting.items.filter(printed_number=printed).first() if printed else None
    if isinstance(given, int):
        number = given
    else:
        number = found.number if found is not None and found.number else _next_number(meeting)
    fields: dict[str, Any] = {
        "title": (it.get("title") or "").strip() or _("(uden titel)"),
        "public": bool(it.get("public", True)),
        "case": _case(org, it, by),
        # The KLE number as this document prints it; an earlier meeting's minutes keep theirs.
        "case_journal_number": (it.get("journal_number") or "") if it.get("case_number") else "",
        "document_number": it.get("document_number") or "",
        "case_type": it.get("case_type") or "",
    }
    route = list(it.get("route") or [])
    sections = _sections(it)
    item = found if printed else meeting.items.filter(number=number).first()
    if printed:
        fields["printed_number"] = printed[:20]
    if not fields["public"]:
        closed = closed_item_fields(it, fields["title"])
        if item is not None and item.public_title and not it.get("public_title"):
            del closed["public_title"]
        fields |= closed
    if item is None:
        item = services.add_item(
            meeting=meeting,
            number=number,
            position=_position_for(meeting, number),
            route=route,
            sections=sections,
            by=by,
            reason=reason,
            supplementary=False,
            **fields,
        )
    else:
        fields["public"] = item.public and fields["public"]
        changed = {k: v for k, v in fields.items() if getattr(item, k) != v}
        if changed:
            services.update_item(item=item, by=by, reason=reason, **changed)
        if "route" in it and item.route_names != route:
            services.set_route(item=item, names=route, by=by, reason=reason)
        current = [(s.heading, s.text) for s in item.sections.all()]
        if sections and current != [(h.strip(), t.strip()) for h, t in sections]:
            services.set_sections(item=item, sections=sections, by=by, reason=reason)
    # A withdrawn attachment counts as known: importing the document again must not bring it back.
    known = set(Attachment.all_objects.filter(item=item).values_list("title", flat=True))
    new = []
    for att in it.get("attachments") or []:
        title = (att.get("title") or "").strip()
        if title and title not in known:
            new.append(
                case_services.NewAttachment(
                    title=title,
                    document_number=att.get("document_number") or "",
                    public=att.get("public", True) is not False,
                    **_attachment_file(att, files),
                )
            )
            known.add(title)
    case_services.add_attachments(item=item, attachments=new, by=by, reason=reason)
    for d in it.get("decisions") or []:
        text = d.get("text") or ""
        body_name = d.get("body") or meeting.body.name
        day = date.fromisoformat(d["date"]) if d.get("date") else None
        existing = item.decisions.filter(body_name=body_name, date=day).first()
        public = {k: d[k].strip() for k in ("public_text", "public_text_withheld") if d.get(k)}
        if (
            existing is None
            or existing.text != text.strip()
            or any(getattr(existing, k) != v for k, v in public.items())
        ):
            services.record_decision(
                item=item,
                text=text,
                body_name=body_name,
                date=day or meeting.date,
                by=by,
                reason=reason,
                **public,
            )
    return item


def closed_item_fields(it: dict, title: str) -> dict:
    """A closed item's public fields from the interchange keys. Without `public_title` the document printed
    the title itself for anyone to read, so that is its public title. Keys the document does not state are
    left out, so that a re-import keeps what the secretariat filled in."""
    reason = it.get("closed_reason")
    if isinstance(reason, str):
        reason = {"text": reason}
    reason = reason if isinstance(reason, dict) else {}
    out = {"public_title": (it.get("public_title") or "").strip() or title}
    if reason.get("subject_confidential") is not None:
        out["subject_confidential"] = bool(reason["subject_confidential"])
    if reason.get("category") in ClosedReason.values:
        out["closed_reason"] = reason["category"]
    if reason.get("text"):
        out["closed_reason_text"] = reason["text"].strip()
    return out


def _next_number(meeting: Meeting) -> int:
    return (meeting.items.aggregate(last=Max("number"))["last"] or 0) + 1


def _position_for(meeting: Meeting, number: int) -> int:
    """Items keep the document's order: an item goes before the first item with a higher number."""
    after = meeting.items.filter(number__gt=number).order_by("position").first()
    return after.position if after else meeting.items.count()


def import_organization(named: str | None, *, by: Actor) -> Organization:
    """Where a document goes when the importer is not told: the organisation it names, if the installation
    has it; else the installation's one organisation. With several it is for the user to say which
    (ProtokolError listing them); an installation without any gets the one the document names."""
    named = (named or "").strip()
    found = Organization.objects.filter(name=named).first() if named else None
    if found:
        return found
    existing = list(Organization.objects.order_by("name"))
    if len(existing) == 1:
        return existing[0]
    if existing:
        raise ProtokolError(several_organizations_message(existing))
    if not named:
        raise ProtokolError(
            _("Dokumentet nævner ingen organisation, og der er ingen endnu: angiv den med --organization.")
        )
    return services.create_organization(name=named, by=by)


def several_organizations_message(organizations: list[Organization]) -> str:
    """The Danish message when the importer must be told which organisation documents belong to."""
    names = ", ".join(f"{o.name} ({o.slug})" for o in organizations)
    return _("Installationen har flere organisationer: %(names)s. Angiv hvilken med --organization NAVN.") % {
        "names": names
    }


@transaction.atomic
def store_document(
    doc: dict,
    *,
    by: Actor,
    organization: str | None = None,
    source: str = "",
    files: dict[str, Path] | None = None,
) -> StoreResult:
    """Store a parsed document; raises ProtokolError (and stores nothing) where it cannot be stored.

    `files` maps attachment keys (attachment_key of a title or document number) to files found beside the
    document; those are stored with the attachment and their text extracted for search.
    """
    if doc.get("schema") != "protokol/meeting@1":
        raise ProtokolError(_("Ukendt dataformat: %(s)s") % {"s": doc.get("schema")})
    body_name = (doc.get("body") or "").strip()
    if not body_name:
        raise ProtokolError(_("Dokumentet nævner ikke, hvilket udvalg mødet hører til."))
    day, start_time = _start(doc)
    org = (
        services.get_or_create_organization(name=organization, by=by)
        if organization
        else import_organization(doc.get("organization"), by=by)
    )
    body = _body(org, body_name, by)
    found = _find_meeting(body, day, start_time)
    created = found is None
    meeting = (
        found
        if found is not None
        else services.create_meeting(
            body=body, date=day, start_time=start_time, location=doc.get("location") or "", by=by
        )
    )
    reason = _("Importeret igen fra %(f)s") % {"f": source or _("en fil")} if meeting.is_frozen else ""
    if not created:
        changes = {}
        if doc.get("location") and doc["location"] != meeting.location:
            changes["location"] = doc["location"]
        if start_time and meeting.start_time != start_time:
            changes["start_time"] = start_time
        if changes:
            services.update_meeting(meeting=meeting, by=by, reason=reason, **changes)
    items = doc.get("items") or []
    numbers = [it.get("number") for it in items]
    if len(numbers) != len(set(numbers)):
        raise ProtokolError(_("Dokumentet har flere punkter med samme nummer."))
    if any(isinstance(n, str) for n in numbers):
        # Outline numbering ("1", "1.1", "2"): every item is kept and found by its number as printed, so
        # that no whole number in the list is taken for another item's place.
        items = [
            {**it, "number": str(it["number"])} if isinstance(it.get("number"), int) else it for it in items
        ]
    stored = [_store_item(meeting, org, it, by=by, reason=reason, files=files or {}) for it in items]
    # Before the status: minutes imported as published are sealed with their attendance and votes in
    # them; attendance first, as the votes are counted against it.
    participants, warnings = _store_attendance(meeting, org, doc, stored, by=by, reason=reason)
    warnings += store_legal_record(meeting, doc, stored, by=by, reason=reason)
    wanted = (
        MeetingStatus.MINUTES_PUBLISHED if doc.get("kind") == "minutes" else MeetingStatus.AGENDA_PUBLISHED
    )
    if meeting.status == MeetingStatus.DRAFT or (
        wanted == MeetingStatus.MINUTES_PUBLISHED
        and meeting.status in PUBLISHED_STATUSES
        and not meeting.is_frozen
    ):
        services.set_historical_status(meeting, status=wanted, by=by)
    if source and meeting.source != source:
        Meeting.objects.filter(pk=meeting.pk).update(source=source[:300])
    meeting.refresh_from_db()
    return StoreResult(
        meeting=meeting,
        created=created,
        items=len(items),
        closed=sum(1 for item in stored if not item.public),
        decisions=sum(len(it.get("decisions") or []) for it in items),
        attachments=sum(len(it.get("attachments") or []) for it in items),
        participants=participants,
        warnings=warnings,
    )


def _entries(doc: dict) -> list[dict]:
    """The document's participants as dicts; plain names are members present, and the older meeting-level
    `absent` names not among them are members away."""
    out = []
    for p in doc.get("participants") or []:
        entry = {"name": p} if isinstance(p, str) else p
        if isinstance(entry, dict) and isinstance(entry.get("name"), str) and entry["name"].strip():
            out.append(entry)
    named = {" ".join(e["name"].split()).casefold() for e in out}
    for name in doc.get("absent") or []:
        if isinstance(name, str) and name.strip() and " ".join(name.split()).casefold() not in named:
            out.append({"name": name, "present": False})
    return out


def _store_attendance(
    meeting: Meeting, org: Organization, doc: dict, stored: list[AgendaItem], *, by: Actor, reason: str
) -> tuple[int, list[str]]:
    """Attendance and item absences linked to persons (people.services.link_person: never a guess between
    two), where the document states them. Returns the number of participants and the warnings."""
    entries = _entries(doc)
    stated = [
        (item, [n for n in it["absent"] if isinstance(n, str) and n.strip()])
        for it, item in zip(doc.get("items") or [], stored, strict=True)
        if isinstance(it.get("absent"), list)
    ]
    if not entries and not stated:
        return 0, []
    known: list[Person] = [
        *(row.person for row in meeting.attendance.select_related("person__party")),
        *Person.objects.filter(item_absences__item__meeting=meeting).select_related("party"),
    ]
    warnings: list[str] = []

    def link(name: str, letter: object = None, title: str = "") -> Person:
        linked = people_services.link_person(
            organization=org,
            name=" ".join(name.split()),
            party_letter=letter if isinstance(letter, str) else None,
            title=title,
            among=known,
            by=by,
        )
        if linked.created:
            known.append(linked.person)
        if linked.warning:
            warnings.append(linked.warning)
        return linked.person

    pairs: list[tuple[Person, dict]] = []
    linked: dict[str, Person] = {}
    for entry in entries:
        raw_role = " ".join(str(entry.get("role") or "").split())
        seat = raw_role in MembershipRole.values or (not raw_role and entry.get("voting") is not False)
        person = link(entry["name"], entry.get("party"), title="" if seat else raw_role)
        if all(p.pk != person.pk for p, _e in pairs):
            pairs.append((person, entry | {"seat": seat, "role": raw_role}))
            linked.setdefault(" ".join(entry["name"].split()).casefold(), person)
    attendees = []
    for person, entry in pairs:
        away = entry.get("substitute_for")
        if entry.get("present", True) is not False:
            status = AttendanceStatus.PRESENT
        else:
            status = AttendanceStatus.ABSENT if entry.get("excused") is False else AttendanceStatus.EXCUSED
        attendees.append(
            people_services.Attendee(
                person=person,
                status=status,
                role=(entry["role"] or MembershipRole.MEMBER) if entry["seat"] else "",
                voting_right=entry["seat"] and entry.get("voting") is not False,
                substitute_for=(linked.get(" ".join(away.split()).casefold()) or link(away))
                if isinstance(away, str) and away.strip()
                else None,
            )
        )
    absences = {
        item: [linked.get(" ".join(n.split()).casefold()) or link(n) for n in names] for item, names in stated
    }
    if entries:
        # A document that states who took part states who did not take part in each item, too.
        absences = {item: absences.get(item, []) for item in stored} | absences
    people_services.record_document_attendance(
        meeting=meeting, attendees=attendees if entries else None, absences=absences, by=by, reason=reason
    )
    return len(attendees), warnings


def _attachment_file(att: dict, files: dict[str, Path]) -> dict:
    """The file content, type and text of an attachment, where a file beside the document matches it."""
    from protokol.documents.plain import attachment_type, plain_text
    from protokol.importers.errors import ImportRefused

    for name in (att.get("title"), att.get("document_number")):
        path = files.get(attachment_key(name)) if name else None
        if path is None:
            continue
        content = path.read_bytes()
        mime_type = attachment_type(content)
        if mime_type is None:
            return {}
        try:
            text = plain_text(content, mime_type)
        except ImportRefused:
            text = ""
        return {"content": content, "file_name": path.name, "mime_type": mime_type, "text": text}
    return {}


def attachment_files(document: Path) -> dict[str, Path]:
    """Files beside the document (or in a folder named after it) that may be its attachments, by a loose key."""
    folders = [document.parent, document.with_suffix(""), document.parent / f"{document.stem}_bilag"]
    found: dict[str, Path] = {}
    for folder in folders:
        if folder.is_dir():
            for path in folder.iterdir():
                if path.is_file() and path != document and path.suffix.lower() in {".pdf", ".docx"}:
                    found.setdefault(attachment_key(path.stem), path)
    return found


def attachment_key(name: str) -> str:
    return "".join(ch for ch in name.casefold() if ch.isalnum())
