"""Every write to persons, parties, memberships and the legal record of a meeting.

Each function is atomic, checks the rules (the body's secretariat edits; a member signs for
themself), and writes the audit entry through `meetings.services.audit`, which also tells the search
index and the portal's cache. Attendance is part of the minutes: after approval a change needs a
reason and is kept as an amendment, like any other change to approved minutes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from protokol.common.actors import Actor
from protokol.common.audit import log_action
from protokol.common.errors import ProtokolError
from protokol.meetings import rules
from protokol.meetings.enums import MeetingStatus
from protokol.meetings.models import AgendaItem, Body, Meeting, Organization
from protokol.meetings.services import audit, change_minutes, minutes_digest, record_change, require_editable
from protokol.people import queries
from protokol.people.enums import SEAT_ROLES, AttendanceStatus, ItemAbsenceKind, MembershipRole
from protokol.people.models import (
    Attendance,
    ItemAbsence,
    MemberRequest,
    Membership,
    Party,
    Person,
    RequestStatus,
    Signature,
)

# Signing is open once the meeting is held; after an amendment to approved minutes it is asked again.
SIGNABLE = (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED, MeetingStatus.MINUTES_PUBLISHED)


def _require_admin_of(by: Actor, organization: Organization) -> None:
    """Persons and parties are the organisation's: its administrators, or a secretariat of one of its bodies."""
    if rules.is_admin(by):
        return
    if any(rules.is_secretariat(by, body) for body in organization.bodies.all()):
        return
    raise rules.Forbidden(
        _("Du har ikke ret til at redigere personer i %(org)s.") % {"org": organization.name}
    )


@transaction.atomic
def create_party(*, organization: Organization, letter: str, name: str, by: Actor) -> Party:
    _require_admin_of(by, organization)
    letter = letter.strip()
    if not letter or not name.strip():
        raise ProtokolError(_("Et parti skal have et bogstav og et navn."))
    if Party.objects.filter(organization=organization, letter=letter).exists():
        raise ProtokolError(_("Listebogstavet %(l)s er allerede i brug.") % {"l": letter})
    party = Party.objects.create(organization=organization, letter=letter, name=name.strip())
    audit(by=by, action="party.create", obj=party, after={"letter": letter, "name": party.name})
    return party


def _person_snapshot(person: Person) -> dict[str, Any]:
    # The audit log is internal, but an e-mail address is still personal data it need not repeat.
    return {
        "name": person.name,
        "party": person.party.letter if person.party else None,
        "title": person.title,
    }


@transaction.atomic
def create_person(
    *,
    organization: Organization,
    name: str,
    by: Actor,
    party: Party | None = None,
    user: Any = None,
    email: str = "",
    title: str = "",
) -> Person:
    _require_admin_of(by, organization)
    if not name.strip():
        raise ProtokolError(_("En person skal have et navn."))
    if party is not None and party.organization_id != organization.pk:
        raise ProtokolError(_("Partiet hører til en anden organisation."))
    if user is not None and Person.objects.filter(user=user).exists():
        raise ProtokolError(_("Brugerkontoen er allerede knyttet til en anden person."))
    person = Person.objects.create(
        organization=organization,
        name=name.strip(),
        party=party,
        user=user,
        email=email.strip(),
        title=title.strip(),
    )
    audit(by=by, action="person.create", obj=person, after=_person_snapshot(person))
    return person


@transaction.atomic
def update_person(*, person: Person, by: Actor, **fields: Any) -> Person:
    _require_admin_of(by, person.organization)
    allowed = {"name", "party", "user", "email", "title"}
    unknown = set(fields) - allowed
    if unknown:
        raise ProtokolError(_("Ukendte felter: %(f)s") % {"f": ", ".join(sorted(unknown))})
    before = _person_snapshot(person)
    for name, value in fields.items():
        setattr(person, name, value)
    person.save()
    audit(by=by, action="person.update", obj=person, before=before, after=_person_snapshot(person))
    return person


def _membership_snapshot(m: Membership) -> dict[str, Any]:
    return {
        "person": m.person.label,
        "body": m.body.name,
        "role": m.role,
        "voting_right": m.voting_right,
        "start_date": m.start_date.isoformat(),
        "end_date": m.end_date.isoformat() if m.end_date else None,
        "deputy_position": m.deputy_position,
    }


@transaction.atomic
def add_membership(
    *,
    person: Person,
    body: Body,
    start_date: date,
    by: Actor,
    role: str = MembershipRole.MEMBER,
    end_date: date | None = None,
    voting_right: bool = True,
    deputy_position: int | None = None,
) -> Membership:
    rules.require_edit(by, body)
    if person.organization_id != body.organization_id:
        raise ProtokolError(_("Personen hører til en anden organisation end udvalget."))
    if role not in MembershipRole.values:
        raise ProtokolError(_("Ukendt rolle: %(r)s") % {"r": role})
    if end_date is not None and end_date < start_date:
        raise ProtokolError(_("Et medlemskab kan ikke slutte, før det begynder."))
    overlapping = Membership.objects.filter(
        person=person, body=body, start_date__lte=end_date or date.max
    ).exclude(end_date__lt=start_date)
    if overlapping.exists():
        raise ProtokolError(
            _("%(person)s er allerede medlem af %(body)s i den periode.")
            % {"person": person.label, "body": body.name}
        )
    if role == MembershipRole.DEPUTY and deputy_position is None:
        # Appended to the end of the party's list.
        last = queries.deputies_on(body, start_date, party_id=person.party_id).aggregate(
            last=Max("deputy_position")
        )["last"]
        deputy_position = (last or 0) + 1
    membership = Membership.objects.create(
        person=person,
        body=body,
        role=role,
        start_date=start_date,
        end_date=end_date,
        voting_right=voting_right,
        deputy_position=deputy_position if role == MembershipRole.DEPUTY else None,
    )
    audit(by=by, action="membership.create", obj=membership, after=_membership_snapshot(membership))
    return membership


@transaction.atomic
def end_membership(*, membership: Membership, end_date: date, by: Actor) -> Membership:
    rules.require_edit(by, membership.body)
    if end_date < membership.start_date:
        raise ProtokolError(_("Et medlemskab kan ikke slutte, før det begynder."))
    before = _membership_snapshot(membership)
    membership.end_date = end_date
    membership.save(update_fields=["end_date", "modified"])
    audit(
        by=by, action="membership.end", obj=membership, before=before, after=_membership_snapshot(membership)
    )
    return membership


# Attendance -----------------------------------------------------------------------------------------


def _change_attendance(
    meeting: Meeting, *, by: Actor, reason: str, action: str, obj: Any, write: Any
) -> None:
    """Run `write` as one change to the minutes' attendance, kept as an amendment once they are approved."""
    change_minutes(
        meeting,
        by=by,
        reason=reason,
        action=action,
        obj=obj,
        write=write,
        snapshot=lambda: queries.participants(meeting),
        refused_in=(MeetingStatus.DRAFT,),
        refusal=_("Fremmøde registreres, når dagsordenen er udsendt."),
    )


def _seat_of(meeting: Meeting, person: Person) -> Membership | None:
    return queries.seats_on(meeting.body, meeting.date).filter(person=person).first()


@transaction.atomic
def prefill_attendance(*, meeting: Meeting, by: Actor, reason: str = "") -> list[Attendance]:
    """Everyone holding a seat on the meeting's day, present until marked otherwise; idempotent."""
    seats = list(queries.seats_on(meeting.body, meeting.date))
    known = set(meeting.attendance.values_list("person_id", flat=True))
    missing = [m for m in seats if m.person_id not in known]
    if missing:

        def write() -> None:
            start = meeting.attendance.count()
            Attendance.objects.bulk_create(
                Attendance(
                    meeting=meeting,
                    person=m.person,
                    role=m.role,
                    voting_right=m.voting_right,
                    status=AttendanceStatus.PRESENT,
                    position=start + i,
                )
                for i, m in enumerate(missing)
            )

        _change_attendance(
            meeting, by=by, reason=reason, action="attendance.prefill", obj=meeting, write=write
        )
    return list(queries.attendance(meeting))


@transaction.atomic
def set_attendance(
    *, meeting: Meeting, person: Person, status: str, by: Actor, reason: str = ""
) -> Attendance:
    """Mark one member present, afbud or absent; only a member whose membership covers the day."""
    if status not in AttendanceStatus.values:
        raise ProtokolError(_("Ukendt fremmøde: %(s)s") % {"s": status})
    row = meeting.attendance.filter(person=person).first()
    seat = _seat_of(meeting, person)
    if row is None and seat is None:
        raise ProtokolError(
            _("%(person)s var ikke medlem af %(body)s den %(day)s.")
            % {"person": person.label, "body": meeting.body.name, "day": meeting.date.strftime("%d.%m.%Y")}
        )
    if row is not None and row.substitute_for_id and status != AttendanceStatus.PRESENT:
        raise ProtokolError(_("En indkaldt stedfortræder fjernes ved at fjerne indkaldelsen."))
    if (
        status == AttendanceStatus.PRESENT
        and row is not None
        and row.status != status
        and meeting.attendance.filter(substitute_for=person).exists()
    ):
        raise ProtokolError(
            _("%(person)s har en stedfortræder indkaldt; fjern først stedfortræderen.")
            % {"person": person.label}
        )

    def write() -> None:
        nonlocal row
        if row is None:
            assert seat is not None
            row = Attendance.objects.create(
                meeting=meeting,
                person=person,
                role=seat.role,
                voting_right=seat.voting_right,
                status=status,
                position=meeting.attendance.count(),
            )
        else:
            row.status = status
            row.save(update_fields=["status", "modified"])

    _change_attendance(meeting, by=by, reason=reason, action="attendance.set", obj=meeting, write=write)
    assert row is not None
    return row


@transaction.atomic
def mark_all(*, meeting: Meeting, status: str, by: Actor, reason: str = "") -> int:
    """Quick mark: every member with a seat (not deputies called in, not guests) gets the same status."""
    if status not in AttendanceStatus.values:
        raise ProtokolError(_("Ukendt fremmøde: %(s)s") % {"s": status})
    prefill_attendance(meeting=meeting, by=by, reason=reason)
    rows = meeting.attendance.filter(role__in=SEAT_ROLES, substitute_for__isnull=True)
    if status != AttendanceStatus.PRESENT:
        rows = rows.exclude(
            person_id__in=meeting.attendance.exclude(substitute_for=None).values("substitute_for")
        )
    changed = 0

    def write() -> None:
        nonlocal changed
        changed = rows.exclude(status=status).update(status=status)

    _change_attendance(meeting, by=by, reason=reason, action="attendance.mark_all", obj=meeting, write=write)
    return changed


def next_deputy(*, meeting: Meeting, for_person: Person) -> Membership | None:
    """The first deputy on the member's list that day who is not already taking part."""
    taken = set(meeting.attendance.values_list("person_id", flat=True))
    for membership in queries.deputies_on(meeting.body, meeting.date, party_id=for_person.party_id):
        if membership.person_id not in taken:
            return membership
    return None


@transaction.atomic
def call_in_deputy(
    *,
    meeting: Meeting,
    for_person: Person,
    by: Actor,
    deputy: Person | None = None,
    reason: str = "",
    amendment: str = "",
) -> Attendance:
    """Call in a deputy for a member with afbud: the next on the member's list, or another with a reason."""
    away = meeting.attendance.filter(person=for_person).exclude(status=AttendanceStatus.PRESENT).first()
    if away is None or away.substitute_for_id:
        raise ProtokolError(
            _(
                "Der kan kun indkaldes en stedfortræder for et medlem, der har meldt afbud eller er fraværende."
            )
        )
    if meeting.attendance.filter(substitute_for=for_person).exists():
        raise ProtokolError(
            _("Der er allerede indkaldt en stedfortræder for %(p)s.") % {"p": for_person.label}
        )
    expected = next_deputy(meeting=meeting, for_person=for_person)
    if deputy is None:
        if expected is None:
            raise ProtokolError(
                _("%(p)s's liste har ingen ledig stedfortræder i %(body)s den dag.")
                % {"p": for_person.label, "body": meeting.body.name}
            )
        deputy = expected.person
    elif (expected is None or expected.person_id != deputy.pk) and not reason.strip():
        raise ProtokolError(
            _(
                "%(d)s er ikke den næste stedfortræder på listen (%(next)s); angiv en begrundelse for at "
                "indkalde en anden."
            )
            % {"d": deputy.label, "next": expected.person.label if expected else "–"}
        )
    if deputy.organization_id != meeting.body.organization_id:
        raise ProtokolError(_("Personen hører til en anden organisation end udvalget."))
    if meeting.attendance.filter(person=deputy).exists():
        raise ProtokolError(_("%(p)s deltager allerede i mødet.") % {"p": deputy.label})
    row: Attendance | None = None

    def write() -> None:
        nonlocal row
        row = Attendance.objects.create(
            meeting=meeting,
            person=deputy,
            role=MembershipRole.DEPUTY,
            voting_right=away.voting_right,
            status=AttendanceStatus.PRESENT,
            substitute_for=for_person,
            substitute_reason=reason.strip(),
            position=meeting.attendance.count(),
        )

    _change_attendance(meeting, by=by, reason=amendment, action="attendance.deputy", obj=meeting, write=write)
    assert row is not None
    return row


@transaction.atomic
def add_guest(*, meeting: Meeting, person: Person, by: Actor, reason: str = "") -> Attendance:
    """An extra participant without a vote (the municipal director, a case officer)."""
    if person.organization_id != meeting.body.organization_id:
        raise ProtokolError(_("Personen hører til en anden organisation end udvalget."))
    if meeting.attendance.filter(person=person).exists():
        raise ProtokolError(_("%(p)s deltager allerede i mødet.") % {"p": person.label})
    row: Attendance | None = None

    def write() -> None:
        nonlocal row
        row = Attendance.objects.create(
            meeting=meeting,
            person=person,
            role="",
            voting_right=False,
            status=AttendanceStatus.PRESENT,
            position=meeting.attendance.count(),
        )

    _change_attendance(meeting, by=by, reason=reason, action="attendance.guest", obj=meeting, write=write)
    assert row is not None
    return row


@transaction.atomic
def remove_attendance(*, attendance: Attendance, by: Actor, reason: str = "") -> None:
    """Undo a deputy's call-in or a guest; a member with a seat is marked away instead."""
    meeting = attendance.meeting
    if attendance.role in SEAT_ROLES and not attendance.substitute_for_id:
        raise ProtokolError(_("Et medlem fjernes ikke; markér afbud eller fravær."))
    _change_attendance(
        meeting, by=by, reason=reason, action="attendance.remove", obj=meeting, write=attendance.delete
    )


@transaction.atomic
def set_item_absence(
    *,
    item: AgendaItem,
    person: Person,
    by: Actor,
    kind: str | None = ItemAbsenceKind.NOT_TAKING_PART,
    reason: str = "",
) -> None:
    """Record (or, with kind=None, clear) that a participant did not take part in one item."""
    meeting = item.meeting
    if kind is not None and kind not in ItemAbsenceKind.values:
        raise ProtokolError(_("Ukendt årsag: %(k)s") % {"k": kind})
    if not meeting.attendance.filter(person=person, status=AttendanceStatus.PRESENT).exists():
        raise ProtokolError(_("%(p)s deltog ikke i mødet.") % {"p": person.label})

    def write() -> None:
        if kind is None:
            ItemAbsence.objects.filter(item=item, person=person).delete()
        else:
            ItemAbsence.objects.update_or_create(item=item, person=person, defaults={"kind": kind})

    _change_attendance(meeting, by=by, reason=reason, action="attendance.item", obj=item, write=write)


# Signing ---------------------------------------------------------------------------------------------


@transaction.atomic
def sign_minutes(*, meeting: Meeting, by: Actor) -> Signature:
    """A participant signs the minutes as they read now; the signature keeps the text's checksum."""
    person = queries.person_of(by)
    if meeting.status not in SIGNABLE:
        raise ProtokolError(_("Referatet kan underskrives, når mødet er afholdt."))
    if person is None or not queries.took_part(meeting).filter(person=person).exists():
        raise rules.Forbidden(
            _("Kun de medlemmer, der deltog i mødet (også stedfortrædere), kan underskrive referatet.")
        )
    digest = minutes_digest(meeting)
    signature, created = Signature.objects.get_or_create(
        meeting=meeting, person=person, digest=digest, defaults={"by": by}
    )
    if created:
        audit(
            by=by, action="meeting.sign_minutes", obj=meeting, meeting_id=meeting.pk, after={"digest": digest}
        )
    return signature


# Import --------------------------------------------------------------------------------------------

# The national parties' list letters; a local list gets "Liste X" until someone names it.
PARTY_NAMES = {
    "A": "Socialdemokratiet",
    "B": "Radikale Venstre",
    "C": "Det Konservative Folkeparti",
    "D": "Nye Borgerlige",
    "F": "SF – Socialistisk Folkeparti",
    "I": "Liberal Alliance",
    "K": "Kristendemokraterne",
    "M": "Moderaterne",
    "O": "Dansk Folkeparti",
    "V": "Venstre",
    "Æ": "Danmarksdemokraterne",
    "Ø": "Enhedslisten",
    "Å": "Alternativet",
}


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


def party_for(*, organization: Organization, letter: str, by: Actor) -> Party:
    """The organisation's party with this letter, created (with the national party's name) if missing."""
    letter = letter.strip()
    found = Party.objects.filter(organization=organization, letter=letter).first()
    if found is not None:
        return found
    name = PARTY_NAMES.get(letter.upper(), _("Liste %(l)s") % {"l": letter})
    return create_party(organization=organization, letter=letter, name=name, by=by)


def _candidates(persons: Iterable[Person], *, name: str, letter: str | None) -> list[Person]:
    """Persons of that name; with a letter, those of that party (or, where none is, those of no party)."""
    named = [p for p in persons if _folded(p.name) == _folded(name)]
    if not letter:
        return named
    same = [p for p in named if p.party is not None and p.party.letter.casefold() == letter.casefold()]
    return same or [p for p in named if p.party is None]


@dataclass(frozen=True)
class Linked:
    """The person a name in a document was linked to, and why it needs a look where it does."""

    person: Person
    created: bool = False
    warning: str = ""


@transaction.atomic
def link_person(
    *,
    organization: Organization,
    name: str,
    by: Actor,
    party_letter: str | None = None,
    title: str = "",
    among: Iterable[Person] = (),
) -> Linked:
    """The person a document means by a name and party letter, never a guess.

    First among `among` (those already linked to the meeting, so that importing a document again finds
    the same persons), then in the organisation: exactly one match is that person; none, a new person
    (with the party, created if missing); two or more, a new person too and a warning to sort it out.
    """
    letter = (party_letter or "").strip() or None
    known = _candidates({p.pk: p for p in among}.values(), name=name, letter=letter)
    if len(known) == 1:
        return Linked(known[0])
    # Compared in Python: the database's case folding (SQLite's is ASCII only) would miss "ØSTERGAARD".
    same = [
        pk
        for pk, n in Person.objects.filter(organization=organization).values_list("pk", "name")
        if _folded(n) == _folded(name)
    ]
    found = _candidates(
        Person.objects.filter(pk__in=same).select_related("party").order_by("pk"), name=name, letter=letter
    )
    if len(found) == 1:
        return Linked(found[0])
    party = party_for(organization=organization, letter=letter, by=by) if letter else None
    person = create_person(organization=organization, name=name, party=party, title=title, by=by)
    if not found:
        return Linked(person, created=True)
    return Linked(
        person,
        created=True,
        warning=_(
            "%(n)d personer hedder %(name)s; dokumentets %(label)s er oprettet som en ny person, så det rette "
            "match kan vælges."
        )
        % {"n": len(found), "name": person.name, "label": person.label},
    )


@dataclass(frozen=True)
class Attendee:
    """One participant as a document states them, linked to a person."""

    person: Person
    status: str = AttendanceStatus.PRESENT
    # A MembershipRole value, or "" for a participant without a seat.
    role: str = MembershipRole.MEMBER
    voting_right: bool = True
    substitute_for: Person | None = None


def _absences(meeting: Meeting) -> dict[str, list[str]]:
    """Item number -> the names of those who did not take part in it (for the audit entry)."""
    out: dict[str, list[str]] = {}
    for number, name in ItemAbsence.objects.filter(item__meeting=meeting).values_list(
        "item__number", "person__name"
    ):
        out.setdefault(str(number), []).append(name)
    return {number: sorted(names) for number, names in sorted(out.items())}


@transaction.atomic
def record_document_attendance(
    *,
    meeting: Meeting,
    attendees: list[Attendee] | None,
    by: Actor,
    absences: dict[AgendaItem, list[Person]] | None = None,
    reason: str = "",
) -> bool:
    """Make the meeting's attendance (and the given items' absences) what an imported document states.

    The document is the source for what it states: rows it does not list go, the rest are created or
    updated; with `attendees` None the meeting's attendance stays as it is (a document that prints only
    an item's absence). Nothing changes where nothing differs, so importing the same document again is a no-op;
    on approved minutes a change needs `reason` and is kept as an amendment. Returns whether it changed.
    Unlike the secretariat's marks this needs no seat that day: the document is the record.
    """
    rules.require_edit(by, meeting.body)
    for attendee in attendees or []:
        if attendee.person.organization_id != meeting.body.organization_id:
            raise ProtokolError(_("Personen hører til en anden organisation end udvalget."))
        if attendee.status not in AttendanceStatus.values:
            raise ProtokolError(_("Ukendt fremmøde: %(s)s") % {"s": attendee.status})
        if attendee.role and attendee.role not in MembershipRole.values:
            raise ProtokolError(_("Ukendt rolle: %(r)s") % {"r": attendee.role})
    current = {row.person_id: row for row in meeting.attendance.all()}
    wanted = {a.person.pk: a for a in attendees} if attendees is not None else {}
    changed_rows = [
        a
        for a in wanted.values()
        if (row := current.get(a.person.pk)) is None
        or (row.status, row.role, row.voting_right, row.substitute_for_id)
        != (a.status, a.role, a.voting_right, a.substitute_for.pk if a.substitute_for else None)
    ]
    gone = [pk for pk in current if pk not in wanted] if attendees is not None else []
    absences = absences or {}
    changed_items = [
        item
        for item, persons in absences.items()
        if set(item.absences.values_list("person_id", flat=True)) != {p.pk for p in persons}
    ]
    if not changed_rows and not gone and not changed_items:
        return False
    require_editable(meeting, reason=reason)
    before = {"participants": queries.participants(meeting), "items": _absences(meeting)}
    meeting.attendance.filter(person_id__in=gone).delete()
    for position, attendee in enumerate(attendees or []):
        Attendance.objects.update_or_create(
            meeting=meeting,
            person=attendee.person,
            defaults={
                "status": attendee.status,
                "role": attendee.role,
                "voting_right": attendee.voting_right,
                "substitute_for": attendee.substitute_for,
            },
            create_defaults={
                "status": attendee.status,
                "role": attendee.role,
                "voting_right": attendee.voting_right,
                "substitute_for": attendee.substitute_for,
                "position": position,
            },
        )
    for item in changed_items:
        persons = absences[item]
        item.absences.exclude(person__in=persons).delete()
        for person in persons:
            ItemAbsence.objects.get_or_create(item=item, person=person)
    record_change(
        meeting=meeting,
        obj=meeting,
        action="attendance.import",
        by=by,
        before=before,
        after={"participants": queries.participants(meeting), "items": _absences(meeting)},
        reason=reason,
    )
    return True


# Members' requests (kommunestyrelsesloven § 11) ----------------------------------------------------------


def _request_snapshot(r: MemberRequest) -> dict[str, Any]:
    return {
        "person": r.person.label,
        "title": r.title,
        "text": r.text,
        "status": r.status,
        "item": r.item_id,
        "answer": r.answer,
    }


@transaction.atomic
def submit_request(*, body: Body, title: str, text: str, by: Actor) -> MemberRequest:
    """A member of the body asks for a case to be put on its agenda."""
    person = queries.person_of(by)
    today = timezone.localdate()
    if person is None or not queries.seats_on(body, today).filter(person=person).exists():
        raise rules.Forbidden(
            _("Kun et medlem af %(body)s kan bede om at få en sag på dagsordenen.") % {"body": body.name}
        )
    title, text = title.strip(), text.strip()
    if not title or not text:
        raise ProtokolError(_("Skriv både et emne og forslaget."))
    request = MemberRequest.objects.create(body=body, person=person, title=title[:300], text=text)
    log_action(by=by, action="member_request.submit", obj=request, after=_request_snapshot(request))
    return request


def _open_request(request: MemberRequest, by: Actor) -> MemberRequest:
    rules.require_edit(by, request.body)
    locked = (
        MemberRequest.objects.select_for_update(of=("self",))
        .select_related("person__party")
        .get(pk=request.pk)
    )
    if locked.status != RequestStatus.OPEN:
        raise ProtokolError(_("Forslaget er allerede sat på en dagsorden eller besvaret."))
    return locked


@transaction.atomic
def place_request(*, request: MemberRequest, meeting: Meeting, by: Actor) -> AgendaItem:
    """The secretariat puts the request on a meeting's agenda as "Medlemsforslag fra X (A): …"."""
    from protokol.meetings.services import add_item

    locked = _open_request(request, by)
    if meeting.body_id != locked.body_id:
        raise ProtokolError(_("Forslaget hører til et andet udvalg."))
    before = _request_snapshot(locked)
    with translation.override(settings.LANGUAGE_CODE):  # the item's title is data, in the site's language
        title = locked.label
        heading = _("Forslag")
    item = add_item(meeting=meeting, title=title, sections=[(heading, locked.text)], by=by)
    locked.status, locked.item, locked.settled_at = RequestStatus.PLACED, item, timezone.now()
    locked.save()
    audit(
        by=by,
        action="member_request.place",
        obj=locked,
        before=before,
        after=_request_snapshot(locked),
        meeting_id=meeting.pk,
    )
    return item


@transaction.atomic
def answer_request(*, request: MemberRequest, answer: str, by: Actor) -> MemberRequest:
    """The secretariat answers the request instead (e.g. not within the body's remit); the member reads it."""
    locked = _open_request(request, by)
    if not answer.strip():
        raise ProtokolError(_("Skriv svaret til medlemmet."))
    before = _request_snapshot(locked)
    locked.status, locked.answer, locked.settled_at = RequestStatus.ANSWERED, answer.strip(), timezone.now()
    locked.save()
    log_action(
        by=by, action="member_request.answer", obj=locked, before=before, after=_request_snapshot(locked)
    )
    return locked


def require_requests_settled(meeting: Meeting) -> None:
    """An agenda is not sent while a member's request to the body waits to be placed or answered."""
    waiting = list(queries.open_requests(meeting.body))
    if waiting:
        raise ProtokolError(
            _(
                "Dagsordenen kan ikke udsendes, før sekretariatet har sat medlemsforslagene på en dagsorden "
                "eller besvaret dem: %(requests)s."
            )
            % {"requests": "; ".join(r.label for r in waiting)}
        )
